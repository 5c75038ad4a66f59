import Autograd
import Foundation
import Lessons
import NeuralNet
import Testing
import Training

@testable import WorkbenchCommands

/// `evaluate`, `generate`, `tokenize` and `export` on Hugging Face GPT-2 directories (the offline
/// fixtures of `Tests/Fixtures/make_hf_fixtures.py`) and on bad ones: one sentence, a sysexits code.
@Suite("HuggingFaceCommands")
struct HuggingFaceCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/huggingface")
  static var text: String { fixtures.appendingPathComponent("test-text.txt").path }

  struct Reference: Decodable {
    struct Model: Decodable { let mean_cross_entropy: Double }
    let ids: [Int]
    let models: [String: Model]
  }

  static func reference() throws -> Reference {
    try JSONDecoder().decode(Reference.self, from: Data(contentsOf: fixtures.appendingPathComponent("reference.json")))
  }

  /// A scratch folder holding a copy of the fixture `name` as `model/`.
  static func scratchCopy(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hf-commands-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: folder.appendingPathComponent("model"))
    return folder
  }

  static func outcome(_ arguments: [String]) -> (code: Int32, message: String) { LanguageModelCommandTests.outcome(arguments) }

  @Test("evaluate's number on a transformers-made directory is transformers' mean cross-entropy (1e-5)",
        arguments: ["gpt2-tiny", "gpt2-small-f16", "gpt2-small-bf16"])
  func evaluateMatchesTransformers(name: String) throws {
    let expected = try #require(try Self.reference().models[name]).mean_cross_entropy
    let loaded = try Checkpoint.loadGPT(from: Self.fixtures.appendingPathComponent(name))
    let result = try HeldOutEvaluation.evaluate(
      loaded.model, tokenizer: loaded.tokenizer, text: try String(contentsOfFile: Self.text, encoding: .utf8))
    #expect(abs(result.meanCrossEntropy - expected) <= 1e-5, "workbench \(result.meanCrossEntropy), transformers \(expected)")
    for command in [["evaluate", "--checkpoint", Self.fixtures.appendingPathComponent(name).path, "--text", Self.text, "--json"],
                    ["tokenize", "--checkpoint", Self.fixtures.appendingPathComponent(name).path, "--text", Self.text, "--json"],
                    ["generate", "--checkpoint", Self.fixtures.appendingPathComponent(name).path, "--prompt", "The loss", "--tokens", "4"]] {
      #expect(Self.outcome(command).code == 0, "\(command)")
    }
  }

  @Test("tokenize --json prints the ids and their count")
  func tokenizeJSON() {
    #expect(Tokenize.json([3, 14, 15]) == #"{"ids": [3, 14, 15], "tokens": 3}"#)
    #expect(Tokenize.json([]) == #"{"ids": [], "tokens": 0}"#)
  }

  /// Edits a copy of the tiny fixture, then expects every checkpoint command to fail with `code` and `fragment`.
  func expectFailure(code: Int32, fragment: String, edit: (URL) throws -> Void) throws {
    let folder = try Self.scratchCopy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("model")
    try edit(model)
    for arguments in [["evaluate", "--checkpoint", model.path, "--text", Self.text],
                      ["tokenize", "--checkpoint", model.path, "--text", Self.text],
                      ["generate", "--checkpoint", model.path, "--prompt", "a"],
                      ["export", "--checkpoint", model.path, "--to", folder.appendingPathComponent("out").path]] {
      let result = Self.outcome(arguments)
      #expect(result.code == code, "\(arguments[0]): \(result.message)")
      #expect(result.message.contains(fragment), "\(result.message)")
      #expect(!result.message.contains("\n"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
  }

  static func replace(_ old: String, with new: String, in file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains(old))
    try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
  }

  @Test("Another architecture is refused by name (65)")
  func llama() throws {
    try expectFailure(code: 65, fragment: "model_type llama is not supported; supported: gpt2.") { model in
      try Self.replace("\"model_type\": \"gpt2\"", with: "\"model_type\": \"llama\"", in: model.appendingPathComponent("config.json"))
    }
  }

  @Test("A config whose shapes disagree with the weights is refused (65)")
  func shapes() throws {
    try expectFailure(code: 65, fragment: "tensor 'wte.weight' has shape [320, 64], but config.json (n_layer 2, n_head 4, n_embd 64, n_positions 64, vocab_size 400) needs [400, 64]") { model in
      try Self.replace("\"vocab_size\": 320", with: "\"vocab_size\": 400", in: model.appendingPathComponent("config.json"))
    }
    try expectFailure(code: 65, fragment: "n_inner 128 is not supported") { model in
      try Self.replace("\"n_inner\": null", with: "\"n_inner\": 128", in: model.appendingPathComponent("config.json"))
    }
  }

  @Test("A truncated model.safetensors is refused (65)")
  func truncated() throws {
    try expectFailure(code: 65, fragment: "model.safetensors") { model in
      let weights = model.appendingPathComponent("model.safetensors")
      let bytes = try Data(contentsOf: weights)
      try bytes.prefix(bytes.count - 1000).write(to: weights)
    }
  }

  @Test("A tokenizer.json of an unsupported kind is refused (65)")
  func wordPiece() throws {
    try expectFailure(code: 65, fragment: "holds a WordPiece model, which the workbench does not implement; supported:") { model in
      let tokenizer = model.appendingPathComponent("tokenizer.json")
      try FileManager.default.removeItem(at: tokenizer)
      try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("wordpiece-tokenizer.json"), to: tokenizer)
    }
  }

  @Test("A directory without its weights is a missing input (66)")
  func missingWeights() throws {
    try expectFailure(code: 66, fragment: "has no model.safetensors") { model in
      try FileManager.default.removeItem(at: model.appendingPathComponent("model.safetensors"))
    }
  }

  @Test("A training output folder passed as --checkpoint names the checkpoint file to pass instead (66)")
  func trainingFolder() throws {
    let f = try LanguageModelCommandTests.Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    let result = Self.outcome(["evaluate", "--checkpoint", f.folder.path, "--text", f.path("good.txt")])
    #expect(result.code == 66)
    #expect(result.message == "\(f.folder.path) is a folder without config.json, so not a Hugging Face directory; to use a workbench checkpoint, pass the file itself, e.g. \(f.folder.path)/corrupt.safetensors.")
  }

  @Test("export into a path that is a file is refused (73) and the file is kept")
  func exportOntoAFile() throws {
    let folder = try Self.scratchCopy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("notes.txt")
    try Data("keep me".utf8).write(to: file)
    let result = Self.outcome(["export", "--checkpoint", folder.appendingPathComponent("model").path, "--to", file.path])
    #expect(result.code == 73)
    #expect(result.message == "Cannot write the Hugging Face directory \(file.path): it is a file, not a folder.")
    #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
  }

  @Test("export into an existing folder replaces its own files and keeps the others")
  func exportIntoAFolder() throws {
    let folder = try Self.scratchCopy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: out.appendingPathComponent("README.md"))
    try Data("stale".utf8).write(to: out.appendingPathComponent("config.json"))
    #expect(Self.outcome(["export", "--checkpoint", folder.appendingPathComponent("model").path, "--to", out.path]).code == 0)
    #expect(try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8) == "mine")
    #expect(try Checkpoint.loadGPT(from: out).model.config.vocabSize == 320)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  @Test("tokenize with a character checkpoint lists the characters outside its vocabulary (65); a missing text is 66")
  func tokenizeCharacters() throws {
    let f = try LanguageModelCommandTests.Fixture()
    defer { try? FileManager.default.removeItem(at: f.folder) }
    #expect(Self.outcome(["tokenize", "--checkpoint", f.checkpoint, "--text", f.path("good.txt"), "--json"]).code == 0)
    let unknown = Self.outcome(["tokenize", "--checkpoint", f.checkpoint, "--text", f.path("unknown.txt")])
    #expect(unknown.code == 65)
    #expect(unknown.message == "The text file \(f.path("unknown.txt")) has 1 character outside the checkpoint's vocabulary of 6: 'X' (U+0058); remove it from the text.")
    #expect(Self.outcome(["tokenize", "--checkpoint", f.checkpoint, "--text", f.path("absent.txt")]).code == 66)
  }
}
