import Autograd
import Foundation
import NeuralNet
import Plotting
import Testing
import Training
import WorkbenchFiles

@testable import Lessons

/// The `pretrain-finetune` lesson in quick mode: its claims for seeds 1–5, its files, determinism,
/// the checkpoints' format, reuse by later lessons, and that `workbench evaluate`'s computation
/// reproduces the reported validation loss.
@Suite("PretrainFinetune")
struct PretrainFinetuneTests {
  /// A quick run published under a fresh output root.
  struct Run: Sendable {
    let root: URL
    let result: RunResult
    var folder: URL { root.appendingPathComponent("pretrain-finetune") }
  }

  static func run(seed: UInt64, parameters: LessonParameters = .init()) throws -> Run {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pretrain-finetune-\(seed)-\(UUID().uuidString)")
    let result = try LessonRunner(outputRoot: root).run(
      PretrainFinetuneLesson(), seed: seed, quick: true, parameters: parameters,
      command: "workbench run pretrain-finetune --seed \(seed) --quick")
    return Run(root: root, result: result)
  }

  /// Seed 1's run, shared by the tests that only read its outputs.
  static let seedOne: Result<Run, any Error> = Result { try run(seed: 1) }

  static let plots = ["domain-loss.png", "forgetting.png", "final-losses.png", "continued-pretraining.png"]

  @Test("Every claim holds in quick mode", arguments: [1, 2, 3, 4, 5] as [UInt64])
  func claimsHold(seed: UInt64) throws {
    let run = seed == 1 ? try Self.seedOne.get() : try Self.run(seed: seed)
    defer { if seed != 1 { try? FileManager.default.removeItem(at: run.root) } }
    #expect(run.result.claims.count == 5)
    for claim in run.result.claims { #expect(claim.passed, "seed \(seed): \(claim.statement) — \(claim.detail)") }
    let r = run.result
    let lnV = try #require(r.value(of: "uniform_guess_loss"))
    let vocabulary = try #require(r.value(of: "vocabulary_size"))
    #expect(abs(lnV - log(vocabulary)) < 1e-12)
    // The independent reading of the claims, from the metrics.
    let finetuned = try #require(r.value(of: "full_finetune_domain_validation_loss"))
    let scratch = try #require(r.value(of: "scratch_domain_validation_loss"))
    let lora = try #require(r.value(of: "lora_domain_validation_loss"))
    let loraShare = try #require(r.value(of: "lora_trainable_fraction"))
    let fullForgetting = try #require(r.value(of: "full_finetune_forgetting"))
    let loraForgetting = try #require(r.value(of: "lora_forgetting"))
    let resumeChange = try #require(r.value(of: "continued_first_evaluation_relative_change"))
    let pretrainedGeneral = try #require(r.value(of: "pretrained_general_validation_loss"))
    #expect(scratch - finetuned >= 0.4, "seed \(seed): fine-tuned \(finetuned) vs scratch \(scratch)")
    #expect(scratch - lora >= 0.15, "seed \(seed): LoRA \(lora) vs scratch \(scratch)")
    #expect(loraShare < 0.05)
    #expect(fullForgetting >= 1.3 * loraForgetting && fullForgetting - loraForgetting >= 0.03,
            "seed \(seed): forgetting \(fullForgetting) (full) vs \(loraForgetting) (LoRA)")
    #expect(loraForgetting > 0)  // LoRA forgets too, only less
    #expect(abs(resumeChange) <= 0.05)
    #expect(pretrainedGeneral < 0.6 * lnV)
  }

  @Test("Files: metrics, history, timings, samples, validation texts, checkpoints and four PNGs (two of 2000×900 with two panels, two of 1200×800)")
  func filesArePublished() throws {
    let run = try Self.seedOne.get()
    for file in ["metrics.json", "history.csv", "timings.json", "samples.txt", "general-validation.txt", "domain-validation.txt",
                 "pretrained.safetensors", "finetuned.safetensors", "continued.safetensors"] + Self.plots {
      #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent(file).path), "\(file)")
    }
    #expect(run.result.plots.map(\.file) == Self.plots)
    for plot in Self.plots {
      let image = try PNGFile.read(from: run.folder.appendingPathComponent(plot))
      let panels = plot == "domain-loss.png" || plot == "continued-pretraining.png"
      let (width, height) = panels ? (2000, 900) : (1200, 800)
      #expect(image.width == width && image.height == height, "\(plot) is \(image.width)×\(image.height)")
      #expect(Set(image.pixels).count > 10, "\(plot) should not be blank")
    }
    let saved = try RunFolder(run.folder).readResult()
    #expect(saved.lesson == "pretrain-finetune")
    #expect(saved.metrics == run.result.metrics)
    #expect(!saved.metrics.contains { $0.name.contains("second") || $0.unit == "s" })  // wall time stays in timings.json
    let samples = try String(contentsOf: run.folder.appendingPathComponent("samples.txt"), encoding: .utf8)
    for model in ["untrained", "pre-trained", "full fine-tune", "from scratch", "LoRA"] { #expect(samples.contains("---- \(model) ----")) }
    // The validation text is exactly the last 10% of the regenerated general corpus.
    let corpus = try PretrainFinetuneArtifacts.corpus(seed: 1, settings: .quick)
    let validation = try String(contentsOf: run.folder.appendingPathComponent("general-validation.txt"), encoding: .utf8)
    #expect(validation == corpus.general.validation)
    #expect(corpus.general.validation.count == PretrainFinetuneSettings.quick.generalCharacters / 10)
    var root = SplitMix64(seed: 1)
    var general = root.split()  // the first stream split from the run's generator
    #expect(corpus.general.train + corpus.general.validation == Corpora.generalWithNotes(byteCount: PretrainFinetuneSettings.quick.generalCharacters, using: &general))
  }

  @Test("Evaluating the saved checkpoint on general-validation.txt reproduces the reported loss to 1e-4")
  func evaluateReproducesReportedLoss() throws {
    let run = try Self.seedOne.get()
    let loaded = try Checkpoint.loadGPT(from: run.folder.appendingPathComponent("pretrained.safetensors"))
    let text = try TextFile.read(run.folder.appendingPathComponent("general-validation.txt").path).text
    let result = try HeldOutEvaluation.evaluate(loaded.model, tokenizer: loaded.tokenizer, text: text)
    let reported = try #require(run.result.value(of: "pretrained_general_validation_loss"))
    #expect(abs(result.meanCrossEntropy - reported) < 1e-4)
    #expect(result.predictedTokens == (text.unicodeScalars.count - 1) / 32 * 32)
  }

  @Test("Evaluating the fine-tuned checkpoint on domain-validation.txt reproduces its reported domain loss to 1e-4")
  func evaluateReproducesDomainLoss() throws {
    let run = try Self.seedOne.get()
    let loaded = try Checkpoint.loadGPT(from: run.folder.appendingPathComponent("finetuned.safetensors"))
    let text = try TextFile.read(run.folder.appendingPathComponent("domain-validation.txt").path).text
    let result = try HeldOutEvaluation.evaluate(loaded.model, tokenizer: loaded.tokenizer, text: text)
    let reported = try #require(run.result.value(of: "full_finetune_domain_validation_loss"))
    #expect(abs(result.meanCrossEntropy - reported) < 1e-4)
  }

  @Test("A corrupt, foreign or mismatched checkpoint is an error or stale, never used silently; the published ones stay")
  func badCheckpoints() throws {
    let run = try Self.seedOne.get()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pf-bad-\(UUID().uuidString)")
    let folder = root.appendingPathComponent(PretrainFinetuneArtifacts.lessonID)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let finetuned = folder.appendingPathComponent(PretrainFinetuneArtifacts.finetunedFile)
    // Corrupt bytes: an error (the caller reports it), not a crash and not nil.
    try Data("not a safetensors file".utf8).write(to: finetuned)
    #expect(throws: SafetensorsError.self) { try PretrainFinetuneArtifacts.finetunedModel(outputRoot: root, seed: 1, quick: true) }
    // A valid GPT checkpoint without this lesson's recipe (e.g. another tool's): stale, nil.
    let foreign = try Checkpoint.loadGPT(from: run.folder.appendingPathComponent("pretrained.safetensors"))
    try Checkpoint.save(foreign.model, tokenizer: foreign.tokenizer, to: finetuned)
    #expect(try PretrainFinetuneArtifacts.finetunedModel(outputRoot: root, seed: 1, quick: true) == nil)
    // Loading with the wrong expected configuration names both shapes.
    var other = foreign.model.config
    other.embeddingWidth *= 2
    #expect(throws: CheckpointError.configMismatch(path: finetuned.path, expected: other, found: foreign.model.config)) {
      try Checkpoint.loadGPT(from: finetuned, expected: other)
    }
  }

  @Test("Checkpoints are safetensors with GPT-2 names, config, tokenizer and recipe in __metadata__")
  func checkpointFormat() throws {
    let run = try Self.seedOne.get()
    let file = try SafetensorsFile.read(from: run.folder.appendingPathComponent("finetuned.safetensors"))
    let settings = PretrainFinetuneSettings.quick
    for name in ["wte.weight", "wpe.weight", "h.0.ln_1.weight", "h.0.attn.c_attn.weight", "h.0.attn.c_proj.bias",
                 "h.1.mlp.c_fc.weight", "h.1.mlp.c_proj.weight", "ln_f.bias"] {
      #expect(file.tensors[name] != nil, "\(name)")
    }
    #expect(file.tensors["h.0.attn.c_attn.weight"]?.shape == [3 * settings.embeddingWidth, settings.embeddingWidth])
    #expect(file.tensors.count == 4 + 12 * settings.layerCount)
    let configJSON = try #require(file.metadata["config"])
    let config = try JSONDecoder().decode(GPTConfig.self, from: Data(configJSON.utf8))
    #expect(config.embeddingWidth == settings.embeddingWidth && config.layerCount == settings.layerCount && config.blockSize == settings.blockSize)
    let tokenizerJSON = try #require(file.metadata["tokenizer"])
    let tokenizer = try CharacterTokenizer(serialized: tokenizerJSON)
    #expect(tokenizer.vocabularySize == config.vocabSize)
    let recipeJSON = try #require(file.metadata["recipe"])
    let recipe = try #require(PretrainFinetuneRecipe(json: recipeJSON))
    #expect(recipe == PretrainFinetuneArtifacts.recipe(seed: 1, quick: true))
    #expect(file.metadata["stage"] == "finetuned")
  }

  @Test("Later lessons reuse fresh checkpoints and ignore missing or stale ones")
  func artifactsAreReusedWhenFresh() throws {
    let run = try Self.seedOne.get()
    let finetuned = try #require(try PretrainFinetuneArtifacts.finetunedModel(outputRoot: run.root, seed: 1, quick: true))
    let pretrained = try #require(try PretrainFinetuneArtifacts.pretrainedModel(outputRoot: run.root, seed: 1, quick: true))
    #expect(finetuned.model.parameters.map(\.scalars) != pretrained.model.parameters.map(\.scalars))
    #expect(try PretrainFinetuneArtifacts.finetunedModel(outputRoot: run.root, seed: 2, quick: true) == nil)  // another seed
    #expect(try PretrainFinetuneArtifacts.finetunedModel(outputRoot: run.root, seed: 1, quick: false) == nil)  // another size
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-output-\(UUID().uuidString)")
    #expect(try PretrainFinetuneArtifacts.finetunedModel(outputRoot: empty, seed: 1, quick: true) == nil)
  }

  @Test("Two runs with the same seed write identical bytes: metrics, samples, history, checkpoints, PNGs (shortened runs)")
  func sameSeedSameBytes() throws {
    // Determinism does not depend on the number of steps; shortened runs keep the suite fast.
    let parameters = LessonParameters([.pretrainSteps: 30, .finetuneSteps: 8])
    let first = try Self.run(seed: 7, parameters: parameters)
    let second = try Self.run(seed: 7, parameters: parameters)
    defer {
      try? FileManager.default.removeItem(at: first.root)
      try? FileManager.default.removeItem(at: second.root)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: first.folder.path).sorted()
    #expect(try FileManager.default.contentsOfDirectory(atPath: second.folder.path).sorted() == files)
    for file in ["metrics.json", "samples.txt", "history.csv", "pretrained.safetensors", "finetuned.safetensors"] + Self.plots {
      #expect(files.contains(file), "\(file) missing")
    }
    for file in files where file != "timings.json" {
      let a = try Data(contentsOf: first.folder.appendingPathComponent(file))
      let b = try Data(contentsOf: second.folder.appendingPathComponent(file))
      #expect(a == b, "\(file) differs")
    }
    #expect(first.result.notes == second.result.notes)
  }

  @Test("A LoRA rank of 0 or above the width is a usage error, and a failed run keeps the published checkpoints",
        arguments: [0, 33])
  func badLoRARank(rank: Int) throws {
    let run = try Self.seedOne.get()
    let checkpoint = run.folder.appendingPathComponent("pretrained.safetensors")
    let before = try Data(contentsOf: checkpoint)
    // Below 1 is outside the option's range; above the width, outside the lesson's own limit.
    let reason = rank < 1 ? "must be at least 1, got \(rank)" : "must be between 1 and the model width 32, got \(rank)"
    #expect(throws: LessonError.invalidParameter(.loraRank, reason: reason)) {
      try LessonRunner(outputRoot: run.root).run(
        PretrainFinetuneLesson(), seed: 9, quick: true, parameters: LessonParameters([.loraRank: Double(rank)]), command: "test")
    }
    #expect(try Data(contentsOf: checkpoint) == before)
    #expect(throws: LessonError.self) {
      try LessonRunner(outputRoot: run.root).run(
        PretrainFinetuneLesson(), seed: 9, quick: true, parameters: LessonParameters([.learningRate: 0.1]), command: "test")
    }
  }

  @Test("The pre-trained model writes text that resembles the general corpus; the untrained one does not")
  func pretrainedSamplesResembleGeneralText() throws {
    let run = try Self.seedOne.get()
    let loaded = try Checkpoint.loadGPT(from: run.folder.appendingPathComponent("pretrained.safetensors"))
    let corpus = try PretrainFinetuneArtifacts.corpus(seed: 1, settings: .quick)
    let known = Set(Self.words(corpus.general.train))
    var generator = SplitMix64(seed: 42)
    let text = try TextSampler.continuation(
      of: "The ", model: loaded.model, tokenizer: loaded.tokenizer, tokenCount: 400, temperature: 0.8, using: &generator)
    var untrainedGenerator = SplitMix64(seed: 5)
    let untrained = try GPT<Float>(config: loaded.model.config, using: &untrainedGenerator)
    var generator2 = SplitMix64(seed: 42)
    let noise = try TextSampler.continuation(
      of: "The ", model: untrained, tokenizer: loaded.tokenizer, tokenCount: 400, temperature: 0.8, using: &generator2)
    func knownWordShare(_ sample: String) -> Double {
      let words = Self.words(sample)
      return words.isEmpty ? 0 : Double(words.filter(known.contains).count) / Double(words.count)
    }
    func letterOrSpaceShare(_ sample: String) -> Double {
      Double(sample.filter { $0.isLetter || $0 == " " }.count) / Double(sample.count)
    }
    #expect(letterOrSpaceShare(text) > 0.9)
    #expect(knownWordShare(text) > 0.3)
    #expect(knownWordShare(text) > knownWordShare(noise) + 0.2)
  }

  static func words(_ text: String) -> [String] {
    text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
  }
}
