import Autograd
import Foundation

/// Saving and loading models as safetensors checkpoints that PyTorch users can read:
/// GPT-2 parameter names, Linear weights `[out, in]`, float32 little-endian, and
/// `__metadata__` holding `config` (JSON with `n_layer`, `n_head`, `n_embd`, `block_size`,
/// `vocab_size`) and, for language models, `tokenizer` (``Tokenizer/serialized``: for a character
/// tokenizer the vocabulary in id order as a JSON array, for byte-level BPE a `tokenizer.json` text).
public enum Checkpoint {
  /// Writes every parameter of `model` with `metadata` (atomically: temporary file, then rename).
  public static func save(_ model: some Module<Float>, metadata: [String: String], to url: URL) throws {
    var tensors: [String: SafetensorsArray] = [:]
    for p in model.namedParameters where !p.name.hasSuffix("lora_A") && !p.name.hasSuffix("lora_B") {
      tensors[p.name] = SafetensorsArray(shape: p.tensor.shape, scalars: p.tensor.scalars)
    }
    try SafetensorsFile(tensors: tensors, metadata: metadata).write(to: url)
  }

  /// Saves a GPT with its config and tokenizer (LoRA adapters must be merged first).
  public static func save(_ model: GPT<Float>, tokenizer: any Tokenizer, extraMetadata: [String: String] = [:], to url: URL) throws {
    let config = String(decoding: try JSONEncoder.sorted.encode(model.config), as: UTF8.self)
    var metadata = extraMetadata
    metadata["config"] = config
    metadata["tokenizer"] = tokenizer.serialized
    metadata["format"] = "pt"
    try save(model, metadata: metadata, to: url)
  }

  /// A GPT and its tokenizer read from a checkpoint written by ``save(_:tokenizer:extraMetadata:to:)``.
  public struct LoadedGPT {
    public let model: GPT<Float>
    public let tokenizer: any Tokenizer
    public let metadata: [String: String]
  }

  /// Loads a GPT checkpoint: a workbench safetensors file or, when `url` is a folder, a Hugging Face
  /// GPT-2 directory (``HuggingFaceGPT2Directory``). Refuses one whose tensors do not match its own
  /// config, or (when `expected` is given) a checkpoint of another architecture.
  public static func loadGPT(from url: URL, expected: GPTConfig? = nil) throws -> LoadedGPT {
    if HuggingFaceGPT2Directory.isDirectory(url) {
      let loaded = try HuggingFaceGPT2Directory.load(from: url)
      if let expected, expected != loaded.model.config {
        throw CheckpointError.configMismatch(path: url.path, expected: expected, found: loaded.model.config)
      }
      return loaded
    }
    return try loadGPT(file: try SafetensorsFile.read(from: url), path: url.path, expected: expected)
  }

  /// Builds the GPT that the already decoded workbench checkpoint `file` holds; `path` names it in errors.
  public static func loadGPT(file: SafetensorsFile, path: String, expected: GPTConfig? = nil) throws -> LoadedGPT {
    guard let configText = file.metadata["config"] else {
      throw CheckpointError.missingMetadata(path: path, key: "config")
    }
    let config: GPTConfig
    do {
      config = try JSONDecoder().decode(GPTConfig.self, from: Data(configText.utf8))
    } catch {
      throw CheckpointError.badMetadata(path: path, key: "config", reason: "\(error)")
    }
    if let expected, expected != config {
      throw CheckpointError.configMismatch(path: path, expected: expected, found: config)
    }
    guard let tokenizerText = file.metadata["tokenizer"] else {
      throw CheckpointError.missingMetadata(path: path, key: "tokenizer")
    }
    let tokenizer = try StoredTokenizer.decode(tokenizerText)
    if tokenizer is CharacterTokenizer, tokenizer.vocabularySize != config.vocabSize {
      throw CheckpointError.badMetadata(path: path, key: "tokenizer", reason: "it lists \(tokenizer.vocabularySize) characters but the config has vocab_size \(config.vocabSize)")
    }
    guard tokenizer.vocabularySize <= config.vocabSize else {
      throw CheckpointError.badMetadata(path: path, key: "tokenizer", reason: "it has \(tokenizer.vocabularySize) tokens but the config has vocab_size \(config.vocabSize)")
    }
    // The config must fit its limits and the file must hold its tensors before the model is allocated,
    // so that a config asking for more than the file holds cannot exhaust memory.
    try config.validate()
    try checkTensors(of: file, match: config.parameterBreakdown.tensors.map { ($0.name, $0.shape) }, path: path)
    let model = try GPT<Float>(zeroedFor: config)
    try assign(file, to: model, path: path)
    return LoadedGPT(model: model, tokenizer: tokenizer, metadata: file.metadata)
  }

  /// Checks that `file` holds exactly the tensors `expected` lists (names and shapes), in the order
  /// ``assign(_:to:path:)`` checks them, without allocating a model.
  public static func checkTensors(of file: SafetensorsFile, match expected: [(name: String, shape: [Int])], path: String) throws {
    let expectedNames = Set(expected.map(\.name))
    if let extra = file.tensors.keys.sorted().first(where: { !expectedNames.contains($0) }) {
      throw CheckpointError.unexpectedTensor(path: path, name: extra)
    }
    for (name, shape) in expected {
      guard let stored = file.tensors[name] else { throw CheckpointError.missingTensor(path: path, name: name) }
      guard stored.shape == shape else {
        throw CheckpointError.shapeMismatch(path: path, name: name, expected: shape, found: stored.shape)
      }
    }
  }

  /// Copies every tensor of `file` into the parameter of the same name, checking that the
  /// names and shapes agree exactly.
  public static func assign(_ file: SafetensorsFile, to model: some Module<Float>, path: String) throws {
    let parameters = model.namedParameters
    let expectedNames = Set(parameters.map(\.name))
    if let extra = file.tensors.keys.sorted().first(where: { !expectedNames.contains($0) }) {
      throw CheckpointError.unexpectedTensor(path: path, name: extra)
    }
    for p in parameters {
      guard let stored = file.tensors[p.name] else { throw CheckpointError.missingTensor(path: path, name: p.name) }
      guard stored.shape == p.tensor.shape else {
        throw CheckpointError.shapeMismatch(path: path, name: p.name, expected: p.tensor.shape, found: stored.shape)
      }
      try p.tensor.assign(stored.scalars(as: Float.self))
    }
  }
}

/// Why a checkpoint cannot be used.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
  case missingMetadata(path: String, key: String)
  case badMetadata(path: String, key: String, reason: String)
  case configMismatch(path: String, expected: GPTConfig, found: GPTConfig)
  case missingTensor(path: String, name: String)
  case unexpectedTensor(path: String, name: String)
  case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])

  public var description: String {
    switch self {
    case let .missingMetadata(path, key):
      return "\(path) is not a workbench checkpoint: its __metadata__ has no '\(key)'."
    case let .badMetadata(path, key, reason):
      // A reason that is itself a sentence (a ModelConfigurationError) keeps one full stop.
      return "\(path) has an unreadable '\(key)' in its __metadata__: \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason)."
    case let .configMismatch(path, expected, found):
      return "\(path) holds a model of another shape (n_layer \(found.layerCount), n_head \(found.headCount), n_embd \(found.embeddingWidth), block_size \(found.blockSize), vocab_size \(found.vocabSize)); expected n_layer \(expected.layerCount), n_head \(expected.headCount), n_embd \(expected.embeddingWidth), block_size \(expected.blockSize), vocab_size \(expected.vocabSize)."
    case let .missingTensor(path, name):
      return "\(path) has no tensor '\(name)', which the model needs; it was written for another architecture."
    case let .unexpectedTensor(path, name):
      return "\(path) has a tensor '\(name)' that the model does not have; it was written for another architecture."
    case let .shapeMismatch(path, name, expected, found):
      return "\(path): tensor '\(name)' has shape \(found), but the model needs \(expected)."
    }
  }
}

extension JSONEncoder {
  /// An encoder with sorted keys (deterministic bytes).
  public static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
