import Foundation
import WorkbenchFiles

/// The part of a Hugging Face `config.json` (`GPT2Config`) that the workbench's GPT implements,
/// read with one validation path and written back.
///
/// Read: `model_type` must be `gpt2`; `n_layer`, `n_head`, `n_embd`, `n_positions` (or `n_ctx`) and
/// `vocab_size` give the ``GPTConfig`` (missing ones take `GPT2Config`'s defaults, as `transformers`
/// does); settings the engine does not implement are refused: `layer_norm_epsilon` other than 1e-5,
/// `activation_function` other than `gelu_new` (or its twin `gelu_pytorch_tanh`), `n_inner` other
/// than null or 4·`n_embd`, `scale_attn_weights` false, `scale_attn_by_inverse_layer_idx` true,
/// `add_cross_attention` true. Dropout rates are ignored (the engine evaluates without dropout).
public enum HuggingFaceGPT2Config {
  /// `GPT2Config`'s defaults for the sizes, used for keys a `config.json` leaves out.
  static let defaults: [String: Int] = ["n_layer": 12, "n_head": 12, "n_embd": 768, "n_positions": 1024, "vocab_size": 50257]

  /// The model sizes of the `config.json` bytes `bytes`; `path` names the file in errors.
  /// - Throws: `HuggingFaceCheckpointError` (`.badConfig`, `.unsupportedModelType`, `.unsupportedSetting`)
  ///   or `ModelConfigurationError` for sizes below 1 or a width the heads do not divide.
  public static func read(_ bytes: [UInt8], path: String) throws -> GPTConfig {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw HuggingFaceCheckpointError.badConfig(path: path, reason: "it is not JSON (\(error.reason) at byte \(error.offset))")
    }
    guard case .object = root else {
      throw HuggingFaceCheckpointError.badConfig(path: path, reason: "it is \(root.kindDescription), not an object")
    }
    guard let modelTypeValue = root["model_type"] else {
      throw HuggingFaceCheckpointError.badConfig(path: path, reason: "it has no model_type")
    }
    let modelType = modelTypeValue.stringValue ?? modelTypeValue.literalDescription
    guard modelType == "gpt2" else { throw HuggingFaceCheckpointError.unsupportedModelType(path: path, modelType: modelType) }

    func integer(_ key: String, fallback: String? = nil) throws -> Int {
      for name in [key, fallback].compactMap({ $0 }) {
        guard let value = root[name], value != .null else { continue }
        guard let number = value.nonNegativeInteger else {
          throw HuggingFaceCheckpointError.badConfig(path: path, reason: "\(name) is \(value.literalDescription), not a whole number")
        }
        return number
      }
      return defaults[key]!
    }
    func unsupported(_ key: String, _ value: JSONValue, _ supported: String) -> HuggingFaceCheckpointError {
      .unsupportedSetting(path: path, key: key, value: value.literalDescription, supported: supported)
    }
    let config = GPTConfig(
      vocabSize: try integer("vocab_size"), blockSize: try integer("n_positions", fallback: "n_ctx"),
      layerCount: try integer("n_layer"), headCount: try integer("n_head"), embeddingWidth: try integer("n_embd"))
    try config.validate()

    if let epsilon = root["layer_norm_epsilon"], epsilon != .null {
      guard case let .number(text) = epsilon, let value = Double(text), abs(value - 1e-5) <= 1e-12 else {
        throw unsupported("layer_norm_epsilon", epsilon, "1e-05")
      }
    }
    if let activation = root["activation_function"], activation != .null,
      activation != .string("gelu_new"), activation != .string("gelu_pytorch_tanh")
    {
      throw unsupported("activation_function", activation, "gelu_new (GELU with the tanh approximation)")
    }
    if let inner = root["n_inner"], inner != .null, inner.nonNegativeInteger != config.feedForwardWidth {
      throw unsupported("n_inner", inner, "null or 4·n_embd = \(config.feedForwardWidth)")
    }
    for (key, engine) in [("scale_attn_weights", true), ("scale_attn_by_inverse_layer_idx", false), ("add_cross_attention", false)] {
      if let value = root[key], value != .null, value != .bool(engine) { throw unsupported(key, value, "\(engine)") }
    }
    return config
  }

  /// A `config.json` for `config` that `transformers.GPT2LMHeadModel.from_pretrained` reads: sorted
  /// keys, two-space indentation, dropout 0 (the workbench trains without dropout), tied embeddings,
  /// and `bos_token_id`/`eos_token_id` set to `endOfTextID` when the tokenizer has `<|endoftext|>`.
  public static func text(of config: GPTConfig, endOfTextID: Int?) -> String {
    let special = endOfTextID.map(String.init) ?? "null"
    let members: [(String, String)] = [
      ("activation_function", "\"gelu_new\""), ("architectures", "[\"GPT2LMHeadModel\"]"), ("attn_pdrop", "0.0"),
      ("bos_token_id", special), ("dtype", "\"float32\""), ("embd_pdrop", "0.0"), ("eos_token_id", special),
      ("initializer_range", "0.02"), ("layer_norm_epsilon", "1e-05"), ("model_type", "\"gpt2\""),
      ("n_embd", "\(config.embeddingWidth)"), ("n_head", "\(config.headCount)"), ("n_inner", "null"),
      ("n_layer", "\(config.layerCount)"), ("n_positions", "\(config.blockSize)"), ("reorder_and_upcast_attn", "false"),
      ("resid_pdrop", "0.0"), ("scale_attn_by_inverse_layer_idx", "false"), ("scale_attn_weights", "true"),
      ("tie_word_embeddings", "true"), ("use_cache", "true"), ("vocab_size", "\(config.vocabSize)"),
    ]
    return "{\n" + members.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
  }

  /// The sizes of `config` as `config.json` names them, for messages.
  static func summary(of config: GPTConfig) -> String {
    "n_layer \(config.layerCount), n_head \(config.headCount), n_embd \(config.embeddingWidth), n_positions \(config.blockSize), vocab_size \(config.vocabSize)"
  }
}
