import Autograd
import Foundation
import NeuralNet

/// The checkpoints and data of the `pretrain-finetune` lesson, for later lessons: load its
/// published checkpoints when they are present and were trained with the recipe the caller
/// needs, or train the same models in memory when they are not.
public enum PretrainFinetuneArtifacts {
  /// The lesson's id (its folder under the output root).
  public static let lessonID = "pretrain-finetune"
  /// The pre-trained model (a), a safetensors checkpoint.
  public static let pretrainedFile = "pretrained.safetensors"
  /// The fully fine-tuned model (b).
  public static let finetunedFile = "finetuned.safetensors"
  /// The model after continued pre-training (e).
  public static let continuedFile = "continued.safetensors"
  /// The general validation split as UTF-8 text (for `workbench evaluate`).
  public static let generalValidationFile = "general-validation.txt"
  /// The domain validation split as UTF-8 text.
  public static let domainValidationFile = "domain-validation.txt"
  /// Metadata key of the recipe JSON in each checkpoint.
  public static let recipeKey = "recipe"
  /// Metadata key naming which model a checkpoint holds ("pretrained", "finetuned", "continued").
  public static let stageKey = "stage"

  /// The recipe of a default `workbench run pretrain-finetune [--quick] --seed <seed>`.
  public static func recipe(seed: UInt64, quick: Bool) -> PretrainFinetuneRecipe {
    PretrainFinetuneRecipe(seed: seed, quick: quick, settings: .defaults(quick: quick))
  }

  /// The published pre-trained model of a default run with this seed and mode, or nil when the
  /// checkpoint is absent or was trained with another recipe (stale).
  /// - Throws: the checkpoint's own error when the file exists with the right recipe but cannot be loaded.
  public static func pretrainedModel(outputRoot: URL, seed: UInt64, quick: Bool) throws -> Checkpoint.LoadedGPT? {
    try freshModel(outputRoot.appendingPathComponent(lessonID).appendingPathComponent(pretrainedFile), recipe: recipe(seed: seed, quick: quick))
  }

  /// The published fully fine-tuned model (b) of a default run with this seed and mode, or nil when
  /// it is absent or stale. The preference-tuning lesson starts from it.
  public static func finetunedModel(outputRoot: URL, seed: UInt64, quick: Bool) throws -> Checkpoint.LoadedGPT? {
    try freshModel(outputRoot.appendingPathComponent(lessonID).appendingPathComponent(finetunedFile), recipe: recipe(seed: seed, quick: quick))
  }

  /// The checkpoint at `url` if its `recipe` metadata equals `recipe`, else nil (missing or stale).
  public static func freshModel(_ url: URL, recipe: PretrainFinetuneRecipe) throws -> Checkpoint.LoadedGPT? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let header = try SafetensorsFile.read(from: url)
    guard let stored = header.metadata[recipeKey].flatMap(PretrainFinetuneRecipe.init(json:)), stored == recipe else { return nil }
    return try Checkpoint.loadGPT(from: url)
  }

  /// The corpora and tokenizer of a run with this seed and settings (identical to the lesson's).
  public static func corpus(seed: UInt64, settings: PretrainFinetuneSettings) throws -> PretrainFinetuneCorpus {
    var generators = PretrainFinetuneGenerators(SplitMix64(seed: seed))
    return try PretrainFinetuneCorpus(
      settings: settings, general: &generators.general, domain: &generators.domain, continued: &generators.continued)
  }

  /// Trains (a) and (b) in memory exactly as the lesson does with default settings: the same
  /// weights as the checkpoints a default run publishes.
  public static func trainModels(
    seed: UInt64, quick: Bool, progress: any ProgressReporter = SilentProgress()
  ) throws -> PretrainFinetuneModels {
    try trainModels(seed: seed, settings: .defaults(quick: quick), quick: quick, progress: progress)
  }

  /// Trains (a) and (b) in memory as the lesson does, with other `settings` (sizes, steps, rates).
  public static func trainModels(
    seed: UInt64, settings: PretrainFinetuneSettings, quick: Bool, progress: any ProgressReporter = SilentProgress()
  ) throws -> PretrainFinetuneModels {
    var generators = PretrainFinetuneGenerators(SplitMix64(seed: seed))
    let corpus = try PretrainFinetuneCorpus(
      settings: settings, general: &generators.general, domain: &generators.domain, continued: &generators.continued)
    let (pretrained, _) = try PretrainFinetuneExperiment.pretrain(
      settings: settings, corpus: corpus, initialisation: generators.pretrainInit, batches: generators.pretrainBatches,
      progress: progress)
    let finetuned = try PretrainFinetuneExperiment.copy(pretrained)
    _ = try PretrainFinetuneExperiment.fineTune(
      finetuned, settings: settings, corpus: corpus, batches: generators.finetuneBatches, progress: progress)
    return PretrainFinetuneModels(
      pretrained: pretrained, finetuned: finetuned, corpus: corpus, recipe: PretrainFinetuneRecipe(seed: seed, quick: quick, settings: settings))
  }
}

/// The pre-trained and fully fine-tuned models of a `pretrain-finetune` recipe, with their data.
public struct PretrainFinetuneModels {
  /// (a): trained on general English.
  public let pretrained: GPT<Float>
  /// (b): `pretrained` fully fine-tuned on the Northwind support-desk corpus.
  public let finetuned: GPT<Float>
  /// The corpora, splits and tokenizer.
  public let corpus: PretrainFinetuneCorpus
  /// How the models were trained.
  public let recipe: PretrainFinetuneRecipe
}
