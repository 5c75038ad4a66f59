import Foundation
import Lessons
import NeuralNet
import PythonOracle
import Testing
import Training

@testable import WorkbenchCommands

/// Hugging Face GPT-2 directories of several shapes and dtypes made by `transformers` at test time
/// (`Tests/Fixtures/make_random_gpt2.py`, one Python run for all of them): `workbench evaluate`'s
/// number is within 1e-4 of `transformers`' mean cross-entropy (windows of n_positions, stride
/// n_positions) and the ids are `AutoTokenizer`'s. Needs `python3` with `torch` and `transformers`
/// (CI installs them).
@Suite("TransformersDirectories")
struct TransformersDirectoryTests {
  static let fixtures = ExportTransformersTests.fixtures
  static let text = fixtures.appendingPathComponent("huggingface/test-text.txt")

  /// (n_layer, n_head, n_embd, n_positions, vocab_size, dtype): odd head counts and widths, padded
  /// vocabularies, every stored precision.
  static let shapes: [(Int, Int, Int, Int, Int, String)] = [
    (3, 3, 48, 40, 320, "float32"), (1, 6, 96, 24, 336, "float32"), (2, 1, 20, 16, 320, "float16"), (2, 4, 32, 32, 320, "bfloat16"),
  ]

  /// The folder holding one directory per shape (`0`, `1`, …) and what transformers computed with each.
  static let made: Result<(URL, [ExportTransformersTests.PythonResult]), Error> = Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transformers-\(UUID().uuidString)")
    let specs = shapes.map { "\($0.0),\($0.1),\($0.2),\($0.3),\($0.4),\($0.5)" }
    let output = try PythonOracle.runFixture("make_random_gpt2.py", [folder.path, text.path] + specs)
    return (folder, try JSONDecoder().decode([ExportTransformersTests.PythonResult].self, from: output))
  }

  @Test("evaluate on a transformers-made directory agrees with transformers", arguments: 0..<shapes.count)
  func evaluateAgrees(index: Int) throws {
    let (folder, results) = try Self.made.get()
    let (layers, heads, width, positions, vocab, _) = Self.shapes[index]
    let python = results[index]
    let loaded = try Checkpoint.loadGPT(from: folder.appendingPathComponent("\(index)"))
    #expect(loaded.model.config == GPTConfig(vocabSize: vocab, blockSize: positions, layerCount: layers, headCount: heads, embeddingWidth: width))
    let contents = try String(contentsOf: Self.text, encoding: .utf8)
    #expect(try loaded.tokenizer.encode(contents) == python.ids)
    let result = try HeldOutEvaluation.evaluate(loaded.model, tokenizer: loaded.tokenizer, text: contents)
    #expect(abs(result.meanCrossEntropy - python.mean_cross_entropy) <= 1e-4,
            "workbench \(result.meanCrossEntropy), transformers \(python.mean_cross_entropy)")
  }
}
