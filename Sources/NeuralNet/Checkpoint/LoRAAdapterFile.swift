import Autograd
import Foundation

/// A GPT's LoRA adapters alone, as `workbench finetune --lora` saves them without merging: a
/// safetensors file with every block's `…lora_A` `[r, in]` and `…lora_B` `[out, r]` (float32), and
/// in `__metadata__` the rank (`lora_rank`), α (`lora_alpha`), the model's `config` (JSON) and
/// `tokenizer`, besides free-form keys (`trained_steps`, `base_checkpoint`, …). The base weights are
/// not in it: `apply(to:)` puts the adapters on a model of the same config.
public struct LoRAAdapterFile {
  /// Rank r of every adapter.
  public let rank: Int
  /// Scale numerator α (the update is (α / r)·B·A).
  public let alpha: Double
  /// The config of the model the adapters belong to.
  public let config: GPTConfig
  /// The adapters by parameter name.
  public let adapters: [String: SafetensorsArray]
  /// All of `__metadata__` (rank, α, config and tokenizer included).
  public let metadata: [String: String]

  /// The adapters of `model` (which must have them attached, of rank `rank` and scale numerator
  /// `alpha`), with `tokenizer` and `extraMetadata`.
  public init(model: GPT<Float>, rank: Int, alpha: Double, tokenizer: any Tokenizer, extraMetadata: [String: String] = [:]) throws {
    var adapters: [String: SafetensorsArray] = [:]
    for p in model.namedParameters where Self.isAdapter(p.name) {
      adapters[p.name] = SafetensorsArray(shape: p.tensor.shape, scalars: p.tensor.scalars)
    }
    var metadata = extraMetadata
    metadata[Self.rankKey] = "\(rank)"
    metadata[Self.alphaKey] = "\(alpha)"
    metadata["tokenizer"] = tokenizer.serialized
    metadata["config"] = String(decoding: try JSONEncoder.sorted.encode(model.config), as: UTF8.self)
    metadata["format"] = "pt"
    self.init(rank: rank, alpha: alpha, config: model.config, adapters: adapters, metadata: metadata)
  }

  init(rank: Int, alpha: Double, config: GPTConfig, adapters: [String: SafetensorsArray], metadata: [String: String]) {
    self.rank = rank
    self.alpha = alpha
    self.config = config
    self.adapters = adapters
    self.metadata = metadata
  }

  /// The metadata keys of the rank and α.
  public static let rankKey = "lora_rank", alphaKey = "lora_alpha"

  /// Whether the parameter called `name` is half of a LoRA adapter.
  public static func isAdapter(_ name: String) -> Bool { name.hasSuffix("lora_A") || name.hasSuffix("lora_B") }

  /// Writes the file atomically.
  public func write(to url: URL) throws {
    try SafetensorsFile(tensors: adapters, metadata: metadata).write(to: url)
  }

  /// Reads an adapter file.
  /// - Throws: `SafetensorsError` for a file that is not safetensors, `CheckpointError` for missing or
  ///   unreadable rank, α or config, or a tensor that is not an adapter.
  public static func read(from url: URL) throws -> LoRAAdapterFile {
    let file = try SafetensorsFile.read(from: url)
    let path = url.path
    func value(_ key: String) throws -> String {
      guard let text = file.metadata[key] else { throw CheckpointError.missingMetadata(path: path, key: key) }
      return text
    }
    guard let rank = Int(try value(rankKey)), rank >= 1 else {
      throw CheckpointError.badMetadata(path: path, key: rankKey, reason: "it must be a whole number of at least 1")
    }
    guard let alpha = Double(try value(alphaKey)), alpha.isFinite, alpha > 0 else {
      throw CheckpointError.badMetadata(path: path, key: alphaKey, reason: "it must be a positive number")
    }
    let config: GPTConfig
    do { config = try JSONDecoder().decode(GPTConfig.self, from: Data(try value("config").utf8)) } catch let error as CheckpointError {
      throw error
    } catch {
      throw CheckpointError.badMetadata(path: path, key: "config", reason: "\(error)")
    }
    if let other = file.tensors.keys.sorted().first(where: { !isAdapter($0) }) {
      throw CheckpointError.unexpectedTensor(path: path, name: other)
    }
    return LoRAAdapterFile(rank: rank, alpha: alpha, config: config, adapters: file.tensors, metadata: file.metadata)
  }

  /// Attaches adapters of this rank and α to `model` (whose config must be this file's) and sets
  /// them to the file's values; the rest of the model is frozen, as after `attachLoRA`.
  /// - Throws: `CheckpointError.configMismatch`, `.missingTensor`, `.unexpectedTensor` or `.shapeMismatch`.
  public func apply(to model: GPT<Float>, path: String) throws {
    guard model.config == config else { throw CheckpointError.configMismatch(path: path, expected: model.config, found: config) }
    var unused = SplitMix64(seed: 0)
    try model.attachLoRA(rank: rank, alpha: alpha, using: &unused)
    let expected = model.namedParameters.filter { Self.isAdapter($0.name) }
    let names = Set(expected.map(\.name))
    if let extra = adapters.keys.sorted().first(where: { !names.contains($0) }) {
      throw CheckpointError.unexpectedTensor(path: path, name: extra)
    }
    for p in expected {
      guard let stored = adapters[p.name] else { throw CheckpointError.missingTensor(path: path, name: p.name) }
      guard stored.shape == p.tensor.shape else {
        throw CheckpointError.shapeMismatch(path: path, name: p.name, expected: p.tensor.shape, found: stored.shape)
      }
      try p.tensor.assign(stored.scalars(as: Float.self))
    }
  }
}
