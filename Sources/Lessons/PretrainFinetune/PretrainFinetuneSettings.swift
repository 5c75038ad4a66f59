import Foundation
import NeuralNet

/// Every size and rate of the `pretrain-finetune` experiment in one place: the corpora, the model,
/// and each run's steps and learning rate. Tune here; both modes are listed side by side.
public struct PretrainFinetuneSettings: Sendable, Equatable, Codable {
  /// Characters of the general (pre-training) corpus, train + validation.
  public var generalCharacters: Int
  /// Characters of the Northwind support-desk (fine-tuning) corpus.
  public var domainCharacters: Int
  /// Characters of the new general text for continued pre-training.
  public var continuedCharacters: Int
  /// Context length T in characters (the GPT's block size).
  public var blockSize: Int
  /// Transformer blocks.
  public var layerCount: Int
  /// Attention heads per block.
  public var headCount: Int
  /// Width d of the residual stream.
  public var embeddingWidth: Int
  /// Sequences of `blockSize` characters per step of pre-training (a) and continued pre-training (e).
  public var pretrainBatchSize: Int
  /// Sequences of `blockSize` characters per step of the fine-tuning runs (b), (c) and (d) (the same for all three).
  public var batchSize: Int
  /// Steps of pre-training (a).
  public var pretrainSteps: Int
  /// Steps of each fine-tuning run (b), (c) and (d).
  public var finetuneSteps: Int
  /// Steps of continued pre-training (e).
  public var continuedSteps: Int
  /// Peak learning rate of pre-training (a) and of training from scratch (c).
  public var pretrainLearningRate: Double
  /// Peak learning rate of full fine-tuning (b): smaller, so as not to wreck what was learnt.
  public var finetuneLearningRate: Double
  /// Peak learning rate of the LoRA adapters (d); adapters start at zero and need a larger rate.
  public var loraLearningRate: Double
  /// Peak learning rate after the re-warm-up of continued pre-training (e).
  public var continuedLearningRate: Double
  /// LoRA rank r of every adapter.
  public var loraRank: Int
  /// LoRA α; the adapter's output is scaled by α / r.
  public var loraAlpha: Double
  /// AdamW decoupled weight decay on weight matrices (biases, norms and adapters are not decayed).
  public var weightDecay: Double
  /// Fraction of each run's steps spent warming the learning rate up linearly from 0.
  public var warmupFraction: Double
  /// The cosine schedule ends at this fraction of the peak rate.
  public var finalLearningRateFraction: Double
  /// Global gradient-norm clip.
  public var gradientClip: Double
  /// Validation evaluations per run for the curves (besides the one before step 1).
  public var evaluationsPerRun: Int
  /// Validation windows scored at each curve point (the final numbers use the whole split).
  public var curveWindows: Int
  /// Characters generated per sample.
  public var sampleLength: Int
  /// Sampling temperature of the samples.
  public var sampleTemperature: Double

  /// The full experiment (release build, two cores).
  public static let full = PretrainFinetuneSettings(
    generalCharacters: 400_000, domainCharacters: 30_000, continuedCharacters: 200_000,
    blockSize: 64, layerCount: 2, headCount: 4, embeddingWidth: 64, pretrainBatchSize: 16, batchSize: 16,
    pretrainSteps: 800, finetuneSteps: 100, continuedSteps: 80,
    pretrainLearningRate: 6e-3, finetuneLearningRate: 2e-3, loraLearningRate: 3e-3, continuedLearningRate: 1e-3,
    loraRank: 2, loraAlpha: 4, weightDecay: 0.1, warmupFraction: 0.1, finalLearningRateFraction: 0.1,
    gradientClip: 1, evaluationsPerRun: 20, curveWindows: 16, sampleLength: 200, sampleTemperature: 0.8)

  /// The quick experiment for tests (seconds in a debug build).
  public static let quick = PretrainFinetuneSettings(
    generalCharacters: 80_000, domainCharacters: 30_000, continuedCharacters: 40_000,
    blockSize: 32, layerCount: 2, headCount: 2, embeddingWidth: 32, pretrainBatchSize: 16, batchSize: 8,
    pretrainSteps: 400, finetuneSteps: 60, continuedSteps: 40,
    pretrainLearningRate: 1e-2, finetuneLearningRate: 3e-3, loraLearningRate: 4e-3, continuedLearningRate: 2e-3,
    loraRank: 1, loraAlpha: 2, weightDecay: 0.1, warmupFraction: 0.1, finalLearningRateFraction: 0.1,
    gradientClip: 1, evaluationsPerRun: 10, curveWindows: 8, sampleLength: 120, sampleTemperature: 0.8)

  /// The settings of a mode.
  public static func defaults(quick: Bool) -> PretrainFinetuneSettings {
    quick ? .quick : .full
  }

  /// These settings with the command-line overrides applied and checked.
  /// - Throws: `LessonError.invalidParameter` for steps below 1 or a LoRA rank outside 1…width.
  public func applying(_ parameters: LessonParameters) throws -> PretrainFinetuneSettings {
    var result = self
    if let steps = parameters.integer(.pretrainSteps) {
      guard steps >= 1 else { throw LessonError.invalidParameter(.pretrainSteps, reason: "must be at least 1, got \(steps)") }
      result.pretrainSteps = steps
    }
    if let steps = parameters.integer(.finetuneSteps) {
      guard steps >= 1 else { throw LessonError.invalidParameter(.finetuneSteps, reason: "must be at least 1, got \(steps)") }
      result.finetuneSteps = steps
    }
    if let rank = parameters.integer(.loraRank) {
      guard (1...embeddingWidth).contains(rank) else {
        throw LessonError.invalidParameter(
          .loraRank, reason: "must be between 1 and the model width \(embeddingWidth), got \(rank)")
      }
      result.loraRank = rank
      result.loraAlpha = 2 * Double(rank)
    }
    return result
  }

  /// The model's configuration for a vocabulary of `vocabularySize` characters.
  public func modelConfig(vocabularySize: Int) -> GPTConfig {
    GPTConfig(
      vocabSize: vocabularySize, blockSize: blockSize, layerCount: layerCount, headCount: headCount,
      embeddingWidth: embeddingWidth)
  }

  /// The learning-rate schedule of a run: linear warm-up, then cosine decay to a fraction of `peak`.
  func schedule(peak: Double, steps: Int) -> LearningRateSchedule {
    .warmupCosine(
      peak: peak, warmupSteps: max(1, Int((warmupFraction * Double(steps)).rounded())), totalSteps: steps,
      minimum: peak * finalLearningRateFraction)
  }
}
