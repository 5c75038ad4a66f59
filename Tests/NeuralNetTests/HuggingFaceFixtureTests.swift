import Autograd
import Foundation
import Testing

@testable import NeuralNet

/// The workbench against Hugging Face `transformers` and `tokenizers`, offline: the fixtures in
/// `Tests/Fixtures/huggingface/` were made by `Tests/Fixtures/make_hf_fixtures.py` (run by hand;
/// see its header), and `reference.json` holds the ids, logits and losses those libraries computed.
@Suite struct HuggingFaceFixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/huggingface")

  struct Reference: Decodable {
    struct Logits: Decodable {
      let window: Int
      let position: Int
      let values: [Double]
    }
    struct Model: Decodable {
      let block_size: Int
      let windows: Int
      let mean_cross_entropy: Double
      let logits: [Logits]
    }
    let ids: [Int]
    let vocab_size: Int
    let models: [String: Model]
  }

  static func reference() throws -> Reference {
    try JSONDecoder().decode(Reference.self, from: Data(contentsOf: folder.appendingPathComponent("reference.json")))
  }

  static func testText() throws -> String {
    try String(contentsOf: folder.appendingPathComponent("test-text.txt"), encoding: .utf8)
  }

  /// A scratch copy of a fixture directory (for the bad-input variants).
  static func copy(_ name: String) throws -> URL {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("hf-\(name)-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target)
    return target
  }

  @Test func tokenizerJSONEncodesIdForIdAsTokenizers() throws {
    let reference = try Self.reference()
    let text = try Self.testText()
    let url = Self.folder.appendingPathComponent("tokenizer/tokenizer.json")
    let tokenizer = try TokenizerJSON.tokenizer(from: Array(try Data(contentsOf: url)), source: url.path)
    #expect(tokenizer.vocabularySize == reference.vocab_size)
    let ids = try tokenizer.encode(text)
    #expect(ids == reference.ids)
    #expect(try tokenizer.decode(ids) == text)
  }

  @Test func vocabAndMergesEncodeIdForIdAsTokenizers() throws {
    let reference = try Self.reference()
    let folder = Self.folder.appendingPathComponent("tokenizer")
    let tokenizer = try GPT2TokenizerFiles.tokenizer(
      vocabJSON: Array(try Data(contentsOf: folder.appendingPathComponent("vocab.json"))),
      mergesText: try String(contentsOf: folder.appendingPathComponent("merges.txt"), encoding: .utf8), source: "fixture")
    #expect(try tokenizer.encode(Self.testText()) == reference.ids)
    // The same tokenizer as tokenizer.json describes, and written back, the same files.
    let json = Self.folder.appendingPathComponent("tokenizer/tokenizer.json")
    let fromJSON = try TokenizerJSON.tokenizer(from: Array(try Data(contentsOf: json)), source: json.path) as? ByteLevelBPETokenizer
    #expect(fromJSON?.tokens == tokenizer.tokens && fromJSON?.merges == tokenizer.merges)
    #expect(GPT2TokenizerFiles.mergesText(of: tokenizer) == (try String(contentsOf: folder.appendingPathComponent("merges.txt"), encoding: .utf8)))
  }

  /// Logits within 1e-4 of `transformers` and the mean cross-entropy (windows of n_positions,
  /// stride n_positions) within 1e-5, for the F32, F16 and BF16 fixtures.
  @Test(arguments: ["gpt2-tiny", "gpt2-small-f16", "gpt2-small-bf16"])
  func logitsAndLossMatchTransformers(name: String) throws {
    let reference = try Self.reference()
    let expected = try #require(reference.models[name])
    let loaded = try Checkpoint.loadGPT(from: Self.folder.appendingPathComponent(name))
    let model = loaded.model
    #expect(model.config.blockSize == expected.block_size)
    let ids = try loaded.tokenizer.encode(Self.testText())
    #expect(ids == reference.ids)
    let T = model.config.blockSize
    let V = model.config.vocabSize
    let windows = (ids.count - 1) / T
    #expect(windows == expected.windows)
    let logits = try GradientMode.withoutRecording { try model(Array(ids[0..<(windows * T)]), batch: windows, length: T).scalars }
    var worst = 0.0
    for row in expected.logits {
      let base = (row.window * T + row.position) * V
      for (j, value) in row.values.enumerated() { worst = max(worst, abs(Double(logits[base + j]) - value)) }
    }
    #expect(worst <= 1e-4, "largest logit difference \(worst)")
    var total = 0.0
    for row in 0..<(windows * T) {
      let values = logits[(row * V)..<((row + 1) * V)].map(Double.init)
      let peak = values.max()!
      let logSum = peak + log(values.reduce(0) { $0 + exp($1 - peak) })
      total += logSum - values[ids[row + 1]]
    }
    let loss = total / Double(windows * T)
    #expect(abs(loss - expected.mean_cross_entropy) <= 1e-5, "loss \(loss) vs transformers \(expected.mean_cross_entropy)")
  }

  @Test func importExportImportIsBitIdentical() throws {
    let first = try Checkpoint.loadGPT(from: Self.folder.appendingPathComponent("gpt2-tiny"))
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("hf-roundtrip-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    try HuggingFaceGPT2Directory.write(first.model, tokenizer: first.tokenizer, to: out.appendingPathComponent("a"))
    let second = try Checkpoint.loadGPT(from: out.appendingPathComponent("a"))
    #expect(second.model.config == first.model.config)
    for (a, b) in zip(first.model.namedParameters, second.model.namedParameters) {
      #expect(a.name == b.name && a.tensor.scalars == b.tensor.scalars)
    }
    #expect(second.tokenizer as? ByteLevelBPETokenizer == first.tokenizer as? ByteLevelBPETokenizer)
    // The tensors written are the ones save_pretrained wrote, bit for bit (same names, layout, values).
    let original = try SafetensorsFile.read(from: Self.folder.appendingPathComponent("gpt2-tiny/model.safetensors"))
    let exported = try SafetensorsFile.read(from: out.appendingPathComponent("a/model.safetensors"))
    #expect(exported.tensors == original.tensors)
    // Writing the re-imported model again gives the same bytes, file for file.
    try HuggingFaceGPT2Directory.write(second.model, tokenizer: second.tokenizer, to: out.appendingPathComponent("b"))
    for file in ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt"] {
      #expect(
        try Data(contentsOf: out.appendingPathComponent("a/\(file)")) == Data(contentsOf: out.appendingPathComponent("b/\(file)")), "\(file)")
    }
  }

  @Test func anotherArchitectureIsRefusedByName() throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    let config = copy.appendingPathComponent("config.json")
    let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "\"model_type\": \"gpt2\"", with: "\"model_type\": \"llama\"")
    try text.write(to: config, atomically: true, encoding: .utf8)
    #expect(throws: HuggingFaceCheckpointError.unsupportedModelType(path: config.path, modelType: "llama")) {
      try Checkpoint.loadGPT(from: copy)
    }
    #expect(HuggingFaceCheckpointError.unsupportedModelType(path: "c.json", modelType: "llama").description == "c.json: model_type llama is not supported; supported: gpt2.")
  }

  @Test(arguments: [
    ("\"n_embd\": 64", "\"n_embd\": 32", "wte.weight"), ("\"vocab_size\": 320", "\"vocab_size\": 400", "wte.weight"),
    ("\"n_positions\": 64", "\"n_positions\": 128", "wpe.weight"),
  ])
  func aConfigWhoseShapesDisagreeWithTheWeightsIsRefused(original: String, replacement: String, tensor: String) throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    let config = copy.appendingPathComponent("config.json")
    let text = try String(contentsOf: config, encoding: .utf8)
    #expect(text.contains(original))
    try text.replacingOccurrences(of: original, with: replacement).write(to: config, atomically: true, encoding: .utf8)
    do {
      _ = try Checkpoint.loadGPT(from: copy)
      Issue.record("a mismatched config was accepted")
    } catch let error as HuggingFaceCheckpointError {
      guard case let .shapeDisagreesWithConfig(_, name, _, _, _) = error else { Issue.record("\(error)"); return }
      #expect(name == tensor, "\(error)")
      #expect(error.description.contains("config.json ("))
    }
  }

  @Test(arguments: [
    ("\"activation_function\": \"gelu_new\"", "\"activation_function\": \"relu\"", "activation_function"),
    ("\"n_inner\": null", "\"n_inner\": 100", "n_inner"),
    ("\"layer_norm_epsilon\": 1e-05", "\"layer_norm_epsilon\": 1e-06", "layer_norm_epsilon"),
    ("\"scale_attn_weights\": true", "\"scale_attn_weights\": false", "scale_attn_weights"),
  ])
  func settingsTheEngineDoesNotImplementAreRefused(original: String, replacement: String, key: String) throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    let config = copy.appendingPathComponent("config.json")
    let text = try String(contentsOf: config, encoding: .utf8)
    #expect(text.contains(original))
    try text.replacingOccurrences(of: original, with: replacement).write(to: config, atomically: true, encoding: .utf8)
    do {
      _ = try Checkpoint.loadGPT(from: copy)
      Issue.record("an unsupported setting was accepted")
    } catch let HuggingFaceCheckpointError.unsupportedSetting(_, found, _, _) {
      #expect(found == key)
    }
  }

  @Test func aTruncatedModelFileIsRefused() throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    let weights = copy.appendingPathComponent("model.safetensors")
    let bytes = try Data(contentsOf: weights)
    try bytes.prefix(bytes.count / 2).write(to: weights)
    #expect(throws: SafetensorsError.self) { try Checkpoint.loadGPT(from: copy) }
    try bytes.prefix(100).write(to: weights)
    #expect(throws: SafetensorsError.self) { try Checkpoint.loadGPT(from: copy) }
  }

  @Test func aTokenizerOfAnUnsupportedKindIsRefused() throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    let tokenizer = copy.appendingPathComponent("tokenizer.json")
    try FileManager.default.removeItem(at: tokenizer)
    try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("wordpiece-tokenizer.json"), to: tokenizer)
    #expect(throws: TokenizerError.unsupportedTokenizer(source: tokenizer.path, kind: "WordPiece model")) {
      try Checkpoint.loadGPT(from: copy)
    }
  }

  @Test func missingFilesAreNamed() throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    try FileManager.default.removeItem(at: copy.appendingPathComponent("tokenizer.json"))
    #expect(throws: HuggingFaceCheckpointError.missingFile(folder: copy.path, what: "tokenizer.json (or vocab.json and merges.txt)")) {
      try Checkpoint.loadGPT(from: copy)
    }
    try FileManager.default.removeItem(at: copy.appendingPathComponent("model.safetensors"))
    #expect(throws: HuggingFaceCheckpointError.missingFile(folder: copy.path, what: "model.safetensors")) {
      try Checkpoint.loadGPT(from: copy)
    }
  }

  @Test func aTokenizerLargerThanTheModelIsRefused() throws {
    let copy = try Self.copy("gpt2-tiny")
    defer { try? FileManager.default.removeItem(at: copy) }
    let config = copy.appendingPathComponent("config.json")
    try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "\"vocab_size\": 320", with: "\"vocab_size\": 300")
      .write(to: config, atomically: true, encoding: .utf8)
    #expect(throws: HuggingFaceCheckpointError.tokenizerLargerThanModel(folder: copy.path, tokenCount: 320, vocabSize: 300)) {
      try Checkpoint.loadGPT(from: copy)
    }
  }

  @Test func anUntiedHeadIsRefused() throws {
    let copy = try Self.copy("gpt2-small-f16")
    defer { try? FileManager.default.removeItem(at: copy) }
    let weights = copy.appendingPathComponent("model.safetensors")
    var file = try SafetensorsFile.read(from: weights)
    let head = try #require(file.tensors["lm_head.weight"])
    var values = head.scalars(as: Float.self)
    values[0] += 1
    file.tensors["lm_head.weight"] = SafetensorsArray(shape: head.shape, scalars: values)
    try file.write(to: weights)
    #expect(throws: HuggingFaceCheckpointError.untiedOutputHead(path: weights.path)) { try Checkpoint.loadGPT(from: copy) }
  }

  @Test func aCharacterTokenizerExportsAsATokenizerJSONThatReadsBackAsItself() throws {
    let characters = try CharacterTokenizer(text: "ab c\n\"é🙂")
    let text = TokenizerJSON.text(of: characters)
    let read = try TokenizerJSON.tokenizer(from: Array(text.utf8), source: "exported")
    #expect(read as? CharacterTokenizer == characters)
  }
}
