import Autograd
import Foundation
import NeuralNet

/// The frozen reference model π_ref of the lesson: the fully fine-tuned Northwind support model
/// (b) of `pretrain-finetune` with the same seed and mode. It is read from that lesson's published
/// checkpoint when the checkpoint is there and was trained with today's recipe (fresh); otherwise
/// it is trained here by the same code, which gives the same weights.
struct PreferenceReference {
  /// Where the reference came from.
  enum Source: Equatable {
    /// Loaded from the published checkpoint at this path.
    case published(URL)
    /// Trained in this run with the full recipe (the checkpoint at this path was absent or stale).
    case trained(URL, stale: Bool)
    /// The tiny reference of a quick run, trained in this run.
    case trainedQuick
  }

  /// The reference, with no trainable parameters.
  let model: GPT<Float>
  let tokenizer: CharacterTokenizer
  let source: Source

  /// The path of the published fine-tuned checkpoint under `outputRoot`.
  static func checkpoint(in outputRoot: URL) -> URL {
    outputRoot.appendingPathComponent(PretrainFinetuneArtifacts.lessonID)
      .appendingPathComponent(PretrainFinetuneArtifacts.finetunedFile)
  }

  /// The reference for a run with `seed`. Full mode: the published checkpoint of
  /// `workbench run pretrain-finetune --seed <seed>` when fresh, else the same model trained here.
  /// Quick mode (tests): a tiny reference trained here by ``quickSettings`` (the quick
  /// `pretrain-finetune` model is too rough to write whole words after a few seconds of training).
  /// - Throws: `LessonError.badInput` when a checkpoint with the right recipe exists but cannot be read;
  ///   `LessonError.missingInput` when `pretrain-finetune`'s output records a run with this seed but its
  ///   fine-tuned checkpoint is gone.
  static func obtain(outputRoot: URL, seed: UInt64, quick: Bool, progress: any ProgressReporter) throws -> PreferenceReference {
    let url = checkpoint(in: outputRoot)
    let reference: PreferenceReference
    if quick {
      let frozen = try quickReference.get()
      reference = PreferenceReference(model: try frozen.model(), tokenizer: frozen.tokenizer, source: .trainedQuick)
    } else {
      let present = FileManager.default.fileExists(atPath: url.path)
      let loaded: Checkpoint.LoadedGPT?
      do {
        loaded = try PretrainFinetuneArtifacts.finetunedModel(outputRoot: outputRoot, seed: seed, quick: false)
      } catch {
        throw LessonError.badInput(
          path: url.path,
          reason: "it is not a readable GPT checkpoint (\(error)); delete it or run `workbench run pretrain-finetune --seed \(seed)` again")
      }
      if let loaded {
        guard let tokenizer = loaded.tokenizer as? CharacterTokenizer else {
          throw LessonError.badInput(
            path: url.path,
            reason: "it holds a \(loaded.tokenizer.kindName) tokenizer, but this lesson needs the character tokenizer that pretrain-finetune writes; run `workbench run pretrain-finetune --seed \(seed)` again")
        }
        reference = PreferenceReference(model: loaded.model, tokenizer: tokenizer, source: .published(url))
      } else if !present, publishedRun(in: outputRoot, seed: seed) {
        // The folder says pretrain-finetune ran with this seed, but its checkpoint has gone: an
        // incomplete output, which the learner should repair rather than have silently retrained.
        throw LessonError.missingInput(
          path: url.path,
          hint: "\(url.deletingLastPathComponent().appendingPathComponent("metrics.json").path) records a run with seed \(seed), so run "
            + "`workbench run pretrain-finetune --seed \(seed)` again (or delete that folder to let this lesson train its own reference)")
      } else {
        let trained = try PretrainFinetuneArtifacts.trainModels(seed: seed, quick: false, progress: progress)
        reference = PreferenceReference(
          model: trained.finetuned, tokenizer: trained.corpus.tokenizer, source: .trained(url, stale: present))
      }
    }
    reference.model.setTrainable(false)
    return reference
  }

  /// True when `outputRoot/pretrain-finetune/metrics.json` records a full-mode run with `seed`.
  static func publishedRun(in outputRoot: URL, seed: UInt64) -> Bool {
    let metrics = outputRoot.appendingPathComponent(PretrainFinetuneArtifacts.lessonID).appendingPathComponent("metrics.json")
    guard let data = try? Data(contentsOf: metrics),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let recorded = (object["seed"] as? NSNumber)?.uint64Value, let quick = object["quick"] as? Bool
    else { return false }
    return recorded == seed && !quick
  }

  /// The reference of quick runs: `pretrain-finetune`'s quick model (two blocks, 32 wide, block
  /// size 32) with almost no pre-training and a longer, faster fine-tuning on the support desk, so
  /// that a few seconds of training give replies whose first words are spelled like the corpus's.
  static var quickSettings: PretrainFinetuneSettings {
    var settings = PretrainFinetuneSettings.quick
    settings.generalCharacters = 20_000
    settings.continuedCharacters = 1_000
    settings.pretrainSteps = 20
    settings.finetuneSteps = 800
    settings.batchSize = 16
    settings.finetuneLearningRate = 1e-2
    settings.evaluationsPerRun = 1
    settings.curveWindows = 1
    return settings
  }

  /// The seed of the quick reference (the same model for every quick run).
  static let quickReferenceSeed: UInt64 = 1

  /// The quick reference, trained once per process and shared by every quick run (tests run the
  /// lesson many times; the run's seed still drives prompts, sampling, pairs and DPO).
  static let quickReference: Result<FrozenGPT, any Error> = Result {
    let trained = try PretrainFinetuneArtifacts.trainModels(
      seed: quickReferenceSeed, settings: quickSettings, quick: true, progress: SilentProgress())
    return FrozenGPT(trained.finetuned, tokenizer: trained.corpus.tokenizer)
  }

  /// A trainable copy of the reference: the policy π that DPO starts from.
  func policy() throws -> GPT<Float> {
    let copy = try PretrainFinetuneExperiment.copy(model)
    copy.setTrainable(true)
    return copy
  }

  /// One line for the progress display and the timings.
  var summary: String {
    switch source {
    case .published(let url): return "read the fine-tuned checkpoint \(url.lastPathComponent) of pretrain-finetune"
    case .trained(_, let stale):
      return "trained the fine-tuned model of pretrain-finetune here (its checkpoint was \(stale ? "made with another recipe" : "absent"))"
    case .trainedQuick: return "trained a tiny fine-tuned reference for the quick run"
    }
  }
}

/// A GPT's configuration, tokenizer and weights as plain values (shareable between threads).
struct FrozenGPT: Sendable {
  let config: GPTConfig
  let tokenizer: CharacterTokenizer
  /// Each parameter's scalars, in `namedParameters` order.
  let parameters: [[Float]]

  init(_ model: GPT<Float>, tokenizer: CharacterTokenizer) {
    config = model.config
    self.tokenizer = tokenizer
    parameters = model.namedParameters.map(\.tensor.scalars)
  }

  /// A new model with these weights.
  func model() throws -> GPT<Float> {
    var unused = SplitMix64(seed: 0)
    let model = try GPT<Float>(config: config, using: &unused)
    for (parameter, scalars) in zip(model.namedParameters, parameters) { try parameter.tensor.assign(scalars) }
    return model
  }
}
