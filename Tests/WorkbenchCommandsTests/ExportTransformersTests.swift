import Autograd
import Foundation
import Lessons
import NeuralNet
import PythonOracle
import Testing
import Training

@testable import WorkbenchCommands

/// `workbench export` checked by Hugging Face `transformers` itself: the exported directory is
/// loaded by `GPT2LMHeadModel.from_pretrained` and `AutoTokenizer.from_pretrained` in
/// `Tests/Fixtures/check_export.py`, which must give the workbench's ids, logits (1e-4) and
/// `evaluate` number (1e-4). Needs `python3` with `torch` and `transformers` (CI installs them).
@Suite("ExportTransformers", .serialized)
struct ExportTransformersTests {
  static let fixtures = PythonOracle.fixtures

  struct PythonResult: Decodable {
    struct Logits: Decodable {
      let position: Int
      let values: [Double]
    }
    let ids: [Int]
    let decoded_matches: Bool
    let mean_cross_entropy: Double
    let logits: [Logits]
  }

  /// Runs `check_export.py folder text` and decodes what it found.
  static func transformers(on folder: URL, text: URL) throws -> PythonResult {
    try JSONDecoder().decode(PythonResult.self, from: PythonOracle.runFixture("check_export.py", [folder.path, text.path]))
  }

  /// Saves a random GPT with `tokenizer`, exports it with the command, and compares with transformers.
  func exportAndCompare(tokenizer: any Tokenizer, text: String, blockSize: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var generator = SplitMix64(seed: 21)
    let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: blockSize, layerCount: 2, headCount: 2, embeddingWidth: 16)
    let model = try GPT<Float>(config: config, using: &generator)
    for p in model.namedParameters where p.name.hasSuffix("bias") || p.name.contains("ln_") {
      try p.tensor.assign((0..<p.tensor.scalars.count).map { _ in Float(generator.nextUnit() - 0.5) * 0.2 + (p.name.hasSuffix("weight") ? 1 : 0) })
    }
    let checkpoint = folder.appendingPathComponent("model.safetensors")
    try Checkpoint.save(model, tokenizer: tokenizer, to: checkpoint)
    let textURL = folder.appendingPathComponent("text.txt")
    try Data(text.utf8).write(to: textURL)
    let exported = folder.appendingPathComponent("hf")
    var command = try Workbench.parseAsRoot(["export", "--checkpoint", checkpoint.path, "--to", exported.path])
    try command.run()

    let python = try Self.transformers(on: exported, text: textURL)
    let ids = try tokenizer.encode(text)
    #expect(python.ids == ids)
    #expect(python.decoded_matches)
    let evaluation = try HeldOutEvaluation.evaluate(model, tokenizer: tokenizer, text: text)
    #expect(abs(python.mean_cross_entropy - evaluation.meanCrossEntropy) <= 1e-4,
            "transformers \(python.mean_cross_entropy), workbench evaluate \(evaluation.meanCrossEntropy)")
    let logits = try GradientMode.withoutRecording { try model(Array(ids[0..<blockSize]), batch: 1, length: blockSize).scalars }
    for row in python.logits {
      let mine = logits[(row.position * config.vocabSize)..<((row.position + 1) * config.vocabSize)]
      let worst = zip(mine, row.values).map { abs(Double($0) - $1) }.max() ?? .infinity
      #expect(worst <= 1e-4, "position \(row.position): largest logit difference \(worst)")
    }
  }

  @Test("A byte-level BPE checkpoint exports to a directory transformers loads with the same ids, logits and loss")
  func byteLevelBPE() throws {
    let text = try String(contentsOf: Self.fixtures.appendingPathComponent("huggingface/test-text.txt"), encoding: .utf8)
    let tokenizer = try ByteLevelBPETokenizer.train(on: text, merges: 50)
    try exportAndCompare(tokenizer: tokenizer, text: text, blockSize: 32)
  }

  @Test("A character checkpoint exports with a tokenizer.json that encodes character by character")
  func characters() throws {
    let text = try String(contentsOf: Self.fixtures.appendingPathComponent("huggingface/test-text.txt"), encoding: .utf8)
    try exportAndCompare(tokenizer: try CharacterTokenizer(text: text), text: text, blockSize: 48)
  }
}
