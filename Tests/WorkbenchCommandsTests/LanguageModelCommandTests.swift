import Autograd
import Foundation
import NeuralNet
import Testing

@testable import WorkbenchCommands

/// `workbench generate` and `workbench evaluate` (and `run pretrain-finetune`'s LoRA rank) on bad
/// input: one sentence and a sysexits code, never a trap.
@Suite("LanguageModelCommands")
struct LanguageModelCommandTests {
  /// A folder with a tiny valid checkpoint and a few broken ones.
  struct Fixture {
    let folder: URL
    var checkpoint: String { folder.appendingPathComponent("tiny.safetensors").path }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    init() throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-commands-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let tokenizer = try CharacterTokenizer(text: "abc d\n")
      var generator = SplitMix64(seed: 1)
      let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 8, layerCount: 1, headCount: 2, embeddingWidth: 8)
      let model = try GPT<Float>(config: config, using: &generator)
      try Checkpoint.save(model, tokenizer: tokenizer, to: folder.appendingPathComponent("tiny.safetensors"))
      // No tokenizer in the metadata (like a `workbench bench --save` checkpoint).
      let configJSON = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
      try Checkpoint.save(model, metadata: ["config": configJSON], to: folder.appendingPathComponent("no-tokenizer.safetensors"))
      // A config that does not match the stored tensors (another architecture's checkpoint).
      var other = config
      other.embeddingWidth = 16
      var file = try SafetensorsFile.read(from: folder.appendingPathComponent("tiny.safetensors"))
      file.metadata["config"] = String(decoding: try JSONEncoder().encode(other), as: UTF8.self)
      try file.write(to: folder.appendingPathComponent("other-config.safetensors"))
      try Data("this is not a safetensors file at all".utf8).write(to: folder.appendingPathComponent("corrupt.safetensors"))
      try Data(String(repeating: "abc d\n", count: 20).utf8).write(to: folder.appendingPathComponent("good.txt"))
      try Data("abc".utf8).write(to: folder.appendingPathComponent("short.txt"))
      try Data("abc dabc dXabc dabc d".utf8).write(to: folder.appendingPathComponent("unknown.txt"))
    }
  }

  /// The exit code and message of `workbench <arguments>` (0 and "" on success).
  static func outcome(_ arguments: [String]) -> (code: Int32, message: String) {
    do {
      var command = try Workbench.parseAsRoot(arguments)
      try command.run()
      return (0, "")
    } catch {
      if let failure = WorkbenchFailure(classifying: error) { return (failure.exitCode, failure.message) }
      return (Workbench.exitCode(for: error).rawValue, Workbench.message(for: error))
    }
  }

  @Test("generate and evaluate succeed on a valid checkpoint")
  func validCheckpoint() throws {
    let f = try Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    #expect(Self.outcome(["generate", "--checkpoint", f.checkpoint, "--prompt", "ab", "--tokens", "5"]).code == 0)
    #expect(Self.outcome(["generate", "--checkpoint", f.checkpoint, "--prompt", "aXb", "--tokens", "5", "--skip-unknown"]).code == 0)
    #expect(Self.outcome(["evaluate", "--checkpoint", f.checkpoint, "--text", f.path("good.txt"), "--json"]).code == 0)
    for weights in ["bf16", "int8"] {
      let sampling = ["--top-k", "3", "--top-p", "0.9", "--stop", "d", "--weights", weights]
      #expect(Self.outcome(["generate", "--checkpoint", f.checkpoint, "--prompt", "ab", "--tokens", "5"] + sampling).code == 0)
      #expect(Self.outcome(["evaluate", "--checkpoint", f.checkpoint, "--text", f.path("good.txt"), "--weights", weights]).code == 0)
    }
  }

  @Test("Broken or missing checkpoints: 66 when missing, 65 when corrupt or of another architecture",
        arguments: [("missing.safetensors", Int32(66), "does not exist"), ("corrupt.safetensors", 65, "safetensors"),
                    ("no-tokenizer.safetensors", 65, "'tokenizer'"), ("other-config.safetensors", 65, "tiny")])
  func brokenCheckpoints(name: String, code: Int32, fragment: String) throws {
    let f = try Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    let expectedFragment = fragment == "tiny" ? name : fragment
    for arguments in [["generate", "--checkpoint", f.path(name), "--prompt", "ab"],
                      ["evaluate", "--checkpoint", f.path(name), "--text", f.path("good.txt")]] {
      let result = Self.outcome(arguments)
      #expect(result.code == code, "\(arguments): \(result.message)")
      #expect(result.message.contains(expectedFragment), "\(result.message)")
      #expect(!result.message.contains("\n"))
    }
  }

  @Test("A prompt with characters outside the vocabulary is refused with the list of them (65)")
  func unknownPromptCharacter() throws {
    let f = try Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    let result = Self.outcome(["generate", "--checkpoint", f.checkpoint, "--prompt", "abZc"])
    #expect(result.code == 65)
    #expect(result.message == "The prompt has 1 character outside the checkpoint's vocabulary of 6: 'Z' (U+005A); remove it or pass --skip-unknown to drop it.")
    let several = Self.outcome(["generate", "--checkpoint", f.checkpoint, "--prompt", "aZbéZ"])
    #expect(several.code == 65)
    #expect(several.message == "The prompt has 2 characters outside the checkpoint's vocabulary of 6: 'Z' (U+005A), 'é' (U+00E9); remove them or pass --skip-unknown to drop them.")
    let none = Self.outcome(["generate", "--checkpoint", f.checkpoint, "--prompt", "XYZ", "--skip-unknown"])
    #expect(none.code == 65)
    #expect(none.message.contains("No character of the prompt"))
  }

  @Test("Usage errors of generate are exit 64", arguments: [
    ["--temperature", "-1"], ["--temperature", "nan"], ["--tokens", "-3"], ["--prompt", ""], ["--top-k", "0"],
    ["--top-p", "0"], ["--top-p", "1.5"], ["--weights", "int4"],
  ])
  func generateUsageErrors(extra: [String]) throws {
    let f = try Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    let arguments = ["generate", "--checkpoint", f.checkpoint] + (extra.first == "--prompt" ? extra : ["--prompt", "ab"] + extra)
    #expect(Self.outcome(arguments).code == 64)
  }

  @Test("Text files for evaluate: missing is 66; unknown characters or too short is 65")
  func evaluateTextErrors() throws {
    let f = try Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    let missing = Self.outcome(["evaluate", "--checkpoint", f.checkpoint, "--text", f.path("none.txt")])
    #expect(missing.code == 66)
    #expect(missing.message == "The text file \(f.path("none.txt")) does not exist; check the path.")
    let unknown = Self.outcome(["evaluate", "--checkpoint", f.checkpoint, "--text", f.path("unknown.txt")])
    #expect(unknown.code == 65)
    #expect(unknown.message == "The text file \(f.path("unknown.txt")) has 1 character outside the checkpoint's vocabulary of 6: 'X' (U+0058); remove it from the text.")
    let short = Self.outcome(["evaluate", "--checkpoint", f.checkpoint, "--text", f.path("short.txt")])
    #expect(short.code == 65)
    #expect(short.message.contains("needs at least 9"))
  }
}
