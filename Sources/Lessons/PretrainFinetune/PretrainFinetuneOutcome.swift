import Foundation
import Training

/// Everything the five runs of the `pretrain-finetune` lesson measured.
struct PretrainFinetuneOutcome {
  /// Final validation losses on whole splits (nats per character), measured with ``HeldOutEvaluation``.
  struct Finals {
    var pretrainedGeneral = 0.0
    var pretrainedDomain = 0.0
    var pretrainedContinued = 0.0
    var finetunedDomain = 0.0
    var finetunedGeneral = 0.0
    var scratchDomain = 0.0
    var scratchGeneral = 0.0
    var loraDomain = 0.0
    var loraGeneral = 0.0
    var continuedFinal = 0.0
    var continuedGeneral = 0.0
  }

  /// One generated text.
  struct Sample {
    /// Which model wrote it.
    var model: String
    var prompt: String
    /// The characters after the prompt.
    var continuation: String
  }

  /// A sample written by the model being pre-trained at one curve point (a frame of the samples film).
  struct SampleFrame {
    var step: Int
    /// The general-text validation loss measured at that step, nats per character.
    var generalLoss: Double
    /// The prompt and its continuation.
    var text: String
  }

  var settings: PretrainFinetuneSettings
  var corpus: PretrainFinetuneCorpus
  var pretrain: LanguageModelTrainingRun.Log
  var fullFinetune: LanguageModelTrainingRun.Log
  var scratch: LanguageModelTrainingRun.Log
  var lora: LanguageModelTrainingRun.Log
  var continued: LanguageModelTrainingRun.Log
  var finals: Finals
  var samples: [Sample]
  /// The pre-training samples film's frames, one per curve point.
  var sampleFrames: [SampleFrame] = []

  /// ln V: the loss of a model that gives every character the same probability.
  var uniformLoss: Double { Foundation.log(Double(corpus.tokenizer.vocabularySize)) }
}
