import Autograd
import Foundation
import NeuralNet
import Testing
import WorkbenchFiles

@testable import WorkbenchCommands

/// `workbench train` and `workbench finetune` on bad input: one sentence and a sysexits code, and
/// nothing already written lost.
@Suite("TrainCommands")
struct TrainCommandTests {
  /// A temporary folder with a good text, a few bad ones and a tiny character checkpoint.
  final class Fixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-commands-\(UUID().uuidString)")
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    init() throws {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let good = String(repeating: "a small text about training, with a few letters repeated.\n", count: 30)
      try Data(good.utf8).write(to: folder.appendingPathComponent("good.txt"))
      try Data().write(to: folder.appendingPathComponent("empty.txt"))
      try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(to: folder.appendingPathComponent("image.png"))
      try Data("too short".utf8).write(to: folder.appendingPathComponent("short.txt"))
      try Data((good + "Zürich ☃\n").utf8).write(to: folder.appendingPathComponent("unknown.txt"))
      try Data("I am a file".utf8).write(to: folder.appendingPathComponent("occupied"))
      let tokenizer = try CharacterTokenizer(text: good)
      var generator = SplitMix64(seed: 3)
      let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 16, layerCount: 1, headCount: 2, embeddingWidth: 16)
      try Checkpoint.save(try GPT<Float>(config: config, using: &generator), tokenizer: tokenizer, to: folder.appendingPathComponent("base.safetensors"))
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
  }

  static func outcome(_ arguments: [String]) -> (code: Int32, message: String) { LanguageModelCommandTests.outcome(arguments) }

  static let tiny = ["--layers", "1", "--d-model", "16", "--heads", "2", "--context", "16", "--batch", "2", "--sample-every", "0"]

  @Test("bad text files and values: one sentence and the conventional code", arguments: [
    (["--text", "missing.txt"], 66, "does not exist"),
    (["--text", "empty.txt"], 65, "is empty"),
    (["--text", "image.png"], 65, "is not plain text (it has a NUL byte at offset 8)"),
    (["--text", "short.txt"], 65, "needs at least 34 (one window of context 16 plus the next token)"),
    (["--text", "good.txt", "--steps", "0"], 64, "--steps must be at least 1, got 0."),
    (["--text", "good.txt", "--lr", "0"], 64, "--lr must be a positive number below 1, got 0.0."),
    (["--text", "good.txt", "--heads", "3"], 64, "--d-model 16 must be divisible by --heads 3."),
    (["--text", "good.txt", "--validation-fraction", "0.9"], 64, "--validation-fraction must be above 0 and at most 0.5"),
    (["--text", "good.txt", "--size", "huge"], 64, "--size must be one of tiny, small, medium"),
    (["--text", "good.txt", "--steps", "5", "--minutes", "1"], 64, "Give --steps or --minutes, not both."),
    (["--text", "good.txt", "--tokenizer", "bpe:0"], 64, "--tokenizer bpe:N needs N between 1 and 100000 merges, got 0."),
    (["--text", "good.txt", "--tokenizer", "wordpiece"], 64, "--tokenizer must be char or bpe:N (N merges, e.g. bpe:1000), got 'wordpiece'."),
    (["--text", "good.txt", "--early-stop", "0"], 64, "--early-stop must be at least 1 (evaluations without improvement before stopping), got 0."),
    (["--text", "good.txt", "--accumulate", "3"], 64, "--accumulate 3 must divide --batch 2 into equal micro-batches; the nearest that does is 2."),
    (["--text", "good.txt", "--validation-text", "short.txt"], 65, "has 9 tokens but needs at least 17 (one window of context 16 plus the next token); use a longer validation text"),
    (["--text", "good.txt", "--validation-text", "missing.txt"], 66, "does not exist"),
    (["--text", "good.txt", "--validation-text", "good.txt", "--validation-fraction", "0.2"], 64, "Give --validation-text or --validation-fraction, not both"),
    (["--text", "good.txt", "--replicas", "2", "--accumulate", "2"], 64, "--accumulate 2 cannot be combined with 2 copies of the model"),
  ] as [([String], Int32, String)])
  func trainRefuses(arguments: [String], code: Int32, fragment: String) throws {
    let f = try Fixture()
    let resolved = arguments.map { $0.hasSuffix(".txt") || $0.hasSuffix(".png") ? f.path($0) : $0 }
    let result = Self.outcome(["train"] + Self.tiny + resolved + ["--output", f.path("out")])
    #expect(result.code == code, "\(result.message)")
    #expect(result.message.contains(fragment), "\(result.message)")
    #expect(!FileManager.default.fileExists(atPath: f.path("out/checkpoint.safetensors")))
  }

  @Test("--validation-text, --early-stop and --accumulate: the run holds out the whole validation text and keeps the best model")
  func validationTextAndBest() throws {
    let f = try Fixture()
    let result = Self.outcome(
      ["train", "--text", f.path("good.txt"), "--validation-text", f.path("good.txt"), "--output", f.path("run"), "--steps", "4",
       "--eval-every", "2", "--early-stop", "2", "--accumulate", "2"] + Self.tiny)
    #expect(result.code == 0, "\(result.message)")
    let saved = try RunFolder(URL(fileURLWithPath: f.path("run"))).readResult()
    let table = try #require(saved.tables.first { $0.title == "Settings" })
    let settings: [String: String] = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0[1]) })
    #expect(settings["option accumulate"] == "2" && settings["option earlyStop"] == "2")
    #expect(saved.value(of: "validation_tokens") == saved.value(of: "training_tokens"))
    #expect(saved.value(of: "best_step") != nil && saved.value(of: "best_validation_loss") != nil)
    #expect(saved.lesson == "train" && saved.claims.count == 1)
    #expect(FileManager.default.fileExists(atPath: f.path("run/best.safetensors")))
  }

  @Test("--tokenizer bpe:N learns N merges from the text and stores the tokenizer in the checkpoint")
  func bpeTokenizer() throws {
    let f = try Fixture()
    let result = Self.outcome(["train", "--text", f.path("good.txt"), "--output", f.path("bpe"), "--steps", "3", "--tokenizer", "bpe:20"] + Self.tiny)
    #expect(result.code == 0, "\(result.message)")
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("bpe/checkpoint.safetensors")))
    let tokenizer = try #require(loaded.tokenizer as? ByteLevelBPETokenizer)
    #expect(tokenizer.merges.count == 20 && loaded.model.config.vocabSize == 276)
  }

  @Test("finetune accepts a Hugging Face GPT-2 directory (written by export) and starts from its weights")
  func finetuneHuggingFaceDirectory() throws {
    let f = try Fixture()
    #expect(Self.outcome(["export", "--checkpoint", f.path("base.safetensors"), "--to", f.path("hf")]).code == 0)
    let result = Self.outcome(["finetune", "--checkpoint", f.path("hf"), "--text", f.path("good.txt"), "--output", f.path("ft"),
      "--steps", "2", "--batch", "2", "--sample-every", "0"])
    #expect(result.code == 0, "\(result.message)")
    // Before the first step the model is the exported one: the same validation loss as the workbench checkpoint's.
    let fromFile = Self.outcome(["finetune", "--checkpoint", f.path("base.safetensors"), "--text", f.path("good.txt"), "--output", f.path("ft2"),
      "--steps", "2", "--batch", "2", "--sample-every", "0"])
    #expect(fromFile.code == 0)
    func before(_ folder: String) throws -> Double? {
      try RunFolder(URL(fileURLWithPath: f.path(folder))).readResult().value(of: "validation_loss_before")
    }
    let a = try #require(try before("ft")), b = try #require(try before("ft2"))
    #expect(abs(a - b) < 1e-6)
  }

  @Test("an output folder that is a file is exit 73 and the file is kept")
  func outputIsFile() throws {
    let f = try Fixture()
    let result = Self.outcome(["train", "--text", f.path("good.txt"), "--output", f.path("occupied"), "--steps", "2"] + Self.tiny)
    #expect(result.code == 73)
    #expect(result.message == "Cannot write the output folder \(f.path("occupied")): it is a file, not a folder; choose another --output.")
    #expect(try String(contentsOfFile: f.path("occupied"), encoding: .utf8) == "I am a file")
  }

  @Test("a folder that holds a run is not overwritten by a new one; --resume refuses other options")
  func existingRun() throws {
    let f = try Fixture()
    let out = f.path("out")
    #expect(Self.outcome(["train", "--text", f.path("good.txt"), "--output", out, "--steps", "3"] + Self.tiny).code == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/checkpoint.safetensors"))
    let again = Self.outcome(["train", "--text", f.path("good.txt"), "--output", out, "--steps", "3"] + Self.tiny)
    #expect(again.code == 73 && again.message.contains("already holds a training run; continue it with --resume"), "\(again)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/checkpoint.safetensors")) == before)
    let mixed = Self.outcome(["train", "--resume", out, "--steps", "9"])
    #expect(mixed.code == 64 && mixed.message.contains("--resume continues a run with its saved options; drop --steps."))
    let done = Self.outcome(["train", "--resume", out])
    #expect(done.code == 0)
    let nothing = Self.outcome(["train", "--resume", f.folder.path])
    #expect(nothing.code == 66 && nothing.message.contains("has no training-state.safetensors"))
  }

  @Test("finetune: --lora-rank 0 and --merge without a rank are usage errors")
  func loraOptions() throws {
    let f = try Fixture()
    let base = ["finetune", "--checkpoint", f.path("base.safetensors"), "--text", f.path("good.txt"), "--output", f.path("ft")]
    let zero = Self.outcome(base + ["--lora-rank", "0"])
    #expect(zero.code == 64 && zero.message.contains("--lora-rank must be at least 1, got 0"))
    let merge = Self.outcome(base + ["--merge"])
    #expect(merge.code == 64 && merge.message.contains("--merge and --lora-alpha need --lora-rank R."))
    let wide = Self.outcome(base + ["--lora-rank", "17"])
    #expect(wide.code == 64 && wide.message.contains("--lora-rank must be at most the model width 16, got 17."))
  }

  @Test("finetune on characters outside a character checkpoint's vocabulary: refused listing them, or dropped with --skip-unknown")
  func unknownCharacters() throws {
    let f = try Fixture()
    let base = ["finetune", "--checkpoint", f.path("base.safetensors"), "--text", f.path("unknown.txt"), "--steps", "2", "--batch", "2", "--sample-every", "0"]
    let refused = Self.outcome(base + ["--output", f.path("ft1")])
    #expect(refused.code == 65)
    #expect(refused.message.contains("has 4 characters outside the checkpoint's vocabulary of"))
    #expect(refused.message.contains("'Z' (U+005A), 'ü' (U+00FC), 'c' (U+0063), '☃' (U+2603); remove them or pass --skip-unknown to drop them."))
    let skipped = Self.outcome(base + ["--output", f.path("ft2"), "--skip-unknown"])
    #expect(skipped.code == 0, "\(skipped.message)")
  }

  @Test("finetune with LoRA: --merge writes a plain checkpoint, without it only the adapters; the reference text is scored before and after")
  func loraOutputs() throws {
    let f = try Fixture()
    let base = ["finetune", "--checkpoint", f.path("base.safetensors"), "--text", f.path("good.txt"), "--steps", "4", "--batch", "2",
      "--sample-every", "0", "--lora-rank", "2", "--reference-text", f.path("good.txt")]
    #expect(Self.outcome(base + ["--output", f.path("merged"), "--merge"]).code == 0)
    let merged = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("merged/checkpoint.safetensors")))
    #expect(merged.model.parameterCount == (try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("base.safetensors")))).model.parameterCount)
    #expect(Self.outcome(base + ["--output", f.path("adapters")]).code == 0)
    #expect(!FileManager.default.fileExists(atPath: f.path("adapters/checkpoint.safetensors")))
    let adapters = try SafetensorsFile.read(from: URL(fileURLWithPath: f.path("adapters/adapter.safetensors")))
    #expect(adapters.tensors.keys.sorted() == ["h.0.attn.c_attn.lora_A", "h.0.attn.c_attn.lora_B", "h.0.attn.c_proj.lora_A", "h.0.attn.c_proj.lora_B",
      "h.0.mlp.c_fc.lora_A", "h.0.mlp.c_fc.lora_B", "h.0.mlp.c_proj.lora_A", "h.0.mlp.c_proj.lora_B"])
    let metrics = try RunFolder(URL(fileURLWithPath: f.path("merged"))).readResult()
    #expect(metrics.value(of: "reference_loss_before") != nil && metrics.value(of: "reference_loss_after") != nil)
    #expect(metrics.value(of: "trainable_parameters") == Double(2 * (16 + 48) + 2 * (16 + 16) + 2 * (16 + 64) + 2 * (64 + 16)))
  }
}
