import Autograd
import Foundation
import NeuralNet

/// The five training runs of the `pretrain-finetune` lesson, each a function of its inputs:
/// (a) pre-train on general text, (b) fully fine-tune the pre-trained model on the domain,
/// (c) train the same architecture from scratch on the domain, (d) LoRA fine-tune the pre-trained
/// model, (e) continue pre-training it on new general text with a learning-rate re-warm-up.
///
/// (b), (c) and (d) see exactly the same batches in the same order, for the same number of steps.
enum PretrainFinetuneExperiment {
  /// Names of the validation splits in the curves.
  enum SplitName {
    static let general = "general"
    static let domain = "domain"
    static let continued = "continued"
  }

  /// (a) A fresh model trained on the general corpus; the log's curves are general then domain.
  static func pretrain(
    settings: PretrainFinetuneSettings, corpus: PretrainFinetuneCorpus, initialisation: SplitMix64, batches: SplitMix64,
    progress: any ProgressReporter, beforeTraining: (GPT<Float>) throws -> Void = { _ in },
    afterEvaluation: (Int, GPT<Float>, LanguageModelTrainingRun.Log) throws -> Void = { _, _, _ in }
  ) throws -> (model: GPT<Float>, log: LanguageModelTrainingRun.Log) {
    var generator = initialisation
    let model = try GPT<Float>(config: settings.modelConfig(vocabularySize: corpus.tokenizer.vocabularySize), using: &generator)
    try beforeTraining(model)
    let log = try LanguageModelTrainingRun.train(
      model, on: corpus.general.trainTokens,
      plan: plan(
        settings, steps: settings.pretrainSteps, peak: settings.pretrainLearningRate, weightDecay: settings.weightDecay,
        batchSize: settings.pretrainBatchSize),
      batches: batches, evaluations: [general(corpus), domain(corpus)], phase: "pre-training", progress: progress,
      afterEvaluation: afterEvaluation)
    return (model, log)
  }

  /// (b) Full fine-tuning of `model` (a copy of the pre-trained one) on the domain split, at the
  /// smaller fine-tuning rate; curves are domain then general.
  static func fineTune(
    _ model: GPT<Float>, settings: PretrainFinetuneSettings, corpus: PretrainFinetuneCorpus, batches: SplitMix64,
    progress: any ProgressReporter
  ) throws -> LanguageModelTrainingRun.Log {
    try LanguageModelTrainingRun.train(
      model, on: corpus.domain.trainTokens,
      plan: plan(settings, steps: settings.finetuneSteps, peak: settings.finetuneLearningRate, weightDecay: settings.weightDecay),
      batches: batches, evaluations: [domain(corpus), general(corpus)], phase: "full fine-tune", progress: progress)
  }

  /// (c) A fresh model trained on the domain split only, with the pre-training rate and the
  /// fine-tuning steps and batches; curves are domain then general.
  static func fromScratch(
    settings: PretrainFinetuneSettings, corpus: PretrainFinetuneCorpus, initialisation: SplitMix64, batches: SplitMix64,
    progress: any ProgressReporter
  ) throws -> (model: GPT<Float>, log: LanguageModelTrainingRun.Log) {
    var generator = initialisation
    let model = try GPT<Float>(config: settings.modelConfig(vocabularySize: corpus.tokenizer.vocabularySize), using: &generator)
    let log = try LanguageModelTrainingRun.train(
      model, on: corpus.domain.trainTokens,
      plan: plan(settings, steps: settings.finetuneSteps, peak: settings.pretrainLearningRate, weightDecay: settings.weightDecay),
      batches: batches, evaluations: [domain(corpus), general(corpus)], phase: "from scratch", progress: progress)
    return (model, log)
  }

  /// (d) LoRA: `model` (a copy of the pre-trained one) is frozen and rank-r adapters on every
  /// attention and MLP projection are trained on the domain split; curves are domain then general.
  static func lora(
    _ model: GPT<Float>, settings: PretrainFinetuneSettings, corpus: PretrainFinetuneCorpus, initialisation: SplitMix64,
    batches: SplitMix64, progress: any ProgressReporter
  ) throws -> LanguageModelTrainingRun.Log {
    var generator = initialisation
    try model.attachLoRA(rank: settings.loraRank, alpha: settings.loraAlpha, using: &generator)
    return try LanguageModelTrainingRun.train(
      model, on: corpus.domain.trainTokens,
      plan: plan(settings, steps: settings.finetuneSteps, peak: settings.loraLearningRate, weightDecay: 0),
      batches: batches, evaluations: [domain(corpus), general(corpus)], phase: "LoRA", progress: progress)
  }

  /// (e) Continued pre-training of `model` (a copy of the pre-trained one) on the new general text,
  /// with a fresh optimiser and a new warm-up; curves are continued then general.
  static func continuePretraining(
    _ model: GPT<Float>, settings: PretrainFinetuneSettings, corpus: PretrainFinetuneCorpus, batches: SplitMix64,
    progress: any ProgressReporter
  ) throws -> LanguageModelTrainingRun.Log {
    try LanguageModelTrainingRun.train(
      model, on: corpus.continued.trainTokens,
      plan: plan(
        settings, steps: settings.continuedSteps, peak: settings.continuedLearningRate, weightDecay: settings.weightDecay,
        batchSize: settings.pretrainBatchSize),
      batches: batches,
      evaluations: [
        LanguageModelTrainingRun.Evaluation(name: SplitName.continued, tokens: corpus.continued.validationTokens),
        general(corpus),
      ], phase: "continued pre-training", progress: progress)
  }

  /// A new model with the same configuration and weights as `model` (no adapters, all trainable).
  static func copy(_ model: GPT<Float>) throws -> GPT<Float> {
    var unused = SplitMix64(seed: 0)
    let copy = try GPT<Float>(config: model.config, using: &unused)
    for (source, destination) in zip(model.namedParameters, copy.namedParameters) {
      precondition(source.name == destination.name)
      try destination.tensor.assign(source.tensor.scalars)
    }
    return copy
  }

  /// How to train for `steps` steps at peak rate `peak`, with `batchSize` sequences per step
  /// (the fine-tuning batch when nil).
  static func plan(
    _ settings: PretrainFinetuneSettings, steps: Int, peak: Double, weightDecay: Double, batchSize: Int? = nil
  ) -> LanguageModelTrainingRun.Plan {
    LanguageModelTrainingRun.Plan(
      steps: steps, batchSize: batchSize ?? settings.batchSize, schedule: settings.schedule(peak: peak, steps: steps),
      weightDecay: weightDecay, gradientClip: settings.gradientClip, evaluationCount: settings.evaluationsPerRun,
      curveWindows: settings.curveWindows)
  }

  static func general(_ corpus: PretrainFinetuneCorpus) -> LanguageModelTrainingRun.Evaluation {
    LanguageModelTrainingRun.Evaluation(name: SplitName.general, tokens: corpus.general.validationTokens)
  }

  static func domain(_ corpus: PretrainFinetuneCorpus) -> LanguageModelTrainingRun.Evaluation {
    LanguageModelTrainingRun.Evaluation(name: SplitName.domain, tokens: corpus.domain.validationTokens)
  }
}
