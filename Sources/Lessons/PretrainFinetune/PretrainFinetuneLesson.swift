import Autograd
import Foundation
import NeuralNet
import Training
import WorkbenchFiles

/// Lesson `pretrain-finetune`: why teams fine-tune a pre-trained model instead of training from
/// scratch. The same tiny character GPT is pre-trained on general English, then adapted to a
/// support-desk domain three ways (full fine-tune, LoRA, and from scratch for comparison), and its
/// pre-training is continued on new text; every run is measured on the same held-out data.
public struct PretrainFinetuneLesson: Lesson {
  public init() {}

  public let id = "pretrain-finetune"

  /// Prompts of the samples: one in the general style, one in the domain's ticket format.
  static let samplePrompts = ["The ", "Q: "]

  public func run(_ context: LessonContext) throws -> RunResult {
    let settings = try PretrainFinetuneSettings.defaults(quick: context.quick).applying(context.parameters)
    let recipe = PretrainFinetuneRecipe(seed: context.seed, quick: context.quick, settings: settings)
    var clock = PhaseClock()
    var generators = PretrainFinetuneGenerators(context.makeGenerator())
    let corpus = try PretrainFinetuneCorpus(
      settings: settings, general: &generators.general, domain: &generators.domain, continued: &generators.continued)
    try OutputFolder.write(Data(corpus.general.validation.utf8), to: context.file(PretrainFinetuneArtifacts.generalValidationFile))
    try OutputFolder.write(Data(corpus.domain.validation.utf8), to: context.file(PretrainFinetuneArtifacts.domainValidationFile))
    clock.lap("generate the corpora")

    let tokenizer = corpus.tokenizer
    let config = settings.modelConfig(vocabularySize: tokenizer.vocabularySize)
    var samples: [PretrainFinetuneOutcome.Sample] = []
    func addSamples(_ model: GPT<Float>, name: String, prompts: [String] = Self.samplePrompts) throws {
      for prompt in prompts {
        var generator = generators.sampling  // every sample draws the same uniforms: differences are the model's
        let text = try TextSampler.continuation(
          of: prompt, model: model, tokenizer: tokenizer, tokenCount: settings.sampleLength,
          temperature: settings.sampleTemperature, using: &generator)
        samples.append(.init(model: name, prompt: prompt, continuation: text))
        context.progress.sampled(phase: name, step: nil, text: prompt + text)
      }
    }
    func checkpointMetadata(_ stage: String) -> [String: String] {
      [PretrainFinetuneArtifacts.recipeKey: recipe.json, PretrainFinetuneArtifacts.stageKey: stage]
    }
    var finals = PretrainFinetuneOutcome.Finals()
    // The samples film: the same prompt and the same random numbers at every curve point of pre-training.
    var sampleFrames: [PretrainFinetuneOutcome.SampleFrame] = []
    func recordSample(step: Int, model: GPT<Float>, log: LanguageModelTrainingRun.Log) throws {
      var generator = generators.sampling  // a copy: the lesson's own generators are not advanced
      let text = try TextSampler.continuation(
        of: Self.samplePrompts[0], model: model, tokenizer: tokenizer, tokenCount: settings.sampleLength,
        temperature: settings.sampleTemperature, using: &generator)
      sampleFrames.append(.init(
        step: step, generalLoss: log.curve(PretrainFinetuneExperiment.SplitName.general).last ?? .nan,
        text: Self.samplePrompts[0] + text))
      context.progress.sampled(phase: "pre-training", step: step, text: Self.samplePrompts[0] + text)
    }

    // (a) Pre-training on general English; the checkpoint is every later run's starting point.
    let (pretrained, pretrainLog) = try PretrainFinetuneExperiment.pretrain(
      settings: settings, corpus: corpus, initialisation: generators.pretrainInit, batches: generators.pretrainBatches,
      progress: context.progress, beforeTraining: { try addSamples($0, name: "untrained", prompts: [Self.samplePrompts[0]]) },
      afterEvaluation: recordSample)
    finals.pretrainedGeneral = try HeldOutEvaluation.evaluate(pretrained, tokens: corpus.general.validationTokens).meanCrossEntropy
    finals.pretrainedDomain = try HeldOutEvaluation.evaluate(pretrained, tokens: corpus.domain.validationTokens).meanCrossEntropy
    finals.pretrainedContinued = try HeldOutEvaluation.evaluate(pretrained, tokens: corpus.continued.validationTokens).meanCrossEntropy
    let pretrainedURL = context.file(PretrainFinetuneArtifacts.pretrainedFile)
    try Checkpoint.save(pretrained, tokenizer: tokenizer, extraMetadata: checkpointMetadata("pretrained"), to: pretrainedURL)
    try addSamples(pretrained, name: "pre-trained")
    context.progress.finish(phase: "pre-training", summary: String(format: "general validation loss %.4f nats", finals.pretrainedGeneral))
    clock.lap("(a) pre-train, evaluate, save, sample")

    func loadPretrained() throws -> GPT<Float> { try Checkpoint.loadGPT(from: pretrainedURL, expected: config).model }

    // (b) Full fine-tune from the checkpoint.
    let full = try loadPretrained()
    let fullLog = try PretrainFinetuneExperiment.fineTune(
      full, settings: settings, corpus: corpus, batches: generators.finetuneBatches, progress: context.progress)
    finals.finetunedDomain = try HeldOutEvaluation.evaluate(full, tokens: corpus.domain.validationTokens).meanCrossEntropy
    finals.finetunedGeneral = try HeldOutEvaluation.evaluate(full, tokens: corpus.general.validationTokens).meanCrossEntropy
    try Checkpoint.save(
      full, tokenizer: tokenizer, extraMetadata: checkpointMetadata("finetuned"),
      to: context.file(PretrainFinetuneArtifacts.finetunedFile))
    try addSamples(full, name: "full fine-tune")
    context.progress.finish(phase: "full fine-tune", summary: String(format: "domain validation loss %.4f nats", finals.finetunedDomain))
    clock.lap("(b) full fine-tune, evaluate, save, sample")

    // (c) The same architecture from scratch, same steps and batches.
    let (scratch, scratchLog) = try PretrainFinetuneExperiment.fromScratch(
      settings: settings, corpus: corpus, initialisation: generators.scratchInit, batches: generators.finetuneBatches,
      progress: context.progress)
    finals.scratchDomain = try HeldOutEvaluation.evaluate(scratch, tokens: corpus.domain.validationTokens).meanCrossEntropy
    finals.scratchGeneral = try HeldOutEvaluation.evaluate(scratch, tokens: corpus.general.validationTokens).meanCrossEntropy
    try addSamples(scratch, name: "from scratch")
    context.progress.finish(phase: "from scratch", summary: String(format: "domain validation loss %.4f nats", finals.scratchDomain))
    clock.lap("(c) from scratch, evaluate, sample")

    // (d) LoRA on the frozen pre-trained weights.
    let lora = try loadPretrained()
    let loraLog = try PretrainFinetuneExperiment.lora(
      lora, settings: settings, corpus: corpus, initialisation: generators.loraInit, batches: generators.finetuneBatches,
      progress: context.progress)
    finals.loraDomain = try HeldOutEvaluation.evaluate(lora, tokens: corpus.domain.validationTokens).meanCrossEntropy
    finals.loraGeneral = try HeldOutEvaluation.evaluate(lora, tokens: corpus.general.validationTokens).meanCrossEntropy
    try addSamples(lora, name: "LoRA")
    context.progress.finish(phase: "LoRA", summary: String(format: "domain validation loss %.4f nats", finals.loraDomain))
    clock.lap("(d) LoRA, evaluate, sample")

    // (e) Continued pre-training on new general text, resuming from the checkpoint.
    let continued = try loadPretrained()
    let continuedLog = try PretrainFinetuneExperiment.continuePretraining(
      continued, settings: settings, corpus: corpus, batches: generators.continuedBatches, progress: context.progress)
    finals.continuedFinal = try HeldOutEvaluation.evaluate(continued, tokens: corpus.continued.validationTokens).meanCrossEntropy
    finals.continuedGeneral = try HeldOutEvaluation.evaluate(continued, tokens: corpus.general.validationTokens).meanCrossEntropy
    try Checkpoint.save(
      continued, tokenizer: tokenizer, extraMetadata: checkpointMetadata("continued"),
      to: context.file(PretrainFinetuneArtifacts.continuedFile))
    context.progress.finish(
      phase: "continued pre-training", summary: String(format: "new-text validation loss %.4f nats", finals.continuedFinal))
    clock.lap("(e) continued pre-train, evaluate, save")

    let outcome = PretrainFinetuneOutcome(
      settings: settings, corpus: corpus, pretrain: pretrainLog, fullFinetune: fullLog, scratch: scratchLog, lora: loraLog,
      continued: continuedLog, finals: finals, samples: samples, sampleFrames: sampleFrames)
    var result = RunResult(lesson: self, context: context)
    try PretrainFinetuneReport.fill(&result, outcome: outcome, context: context)
    clock.lap("report, tables and plots")
    result.timings = clock.timings
    return result
  }
}

/// Wall-clock seconds of consecutive phases (for `timings.json` only).
struct PhaseClock {
  private var last = Date()
  private(set) var timings: [Timing] = []

  /// Records the time since the previous lap under `phase`.
  mutating func lap(_ phase: String) {
    let now = Date()
    timings.append(Timing(phase: phase, seconds: now.timeIntervalSince(last)))
    last = now
  }
}
