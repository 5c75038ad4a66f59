/// The sizes of a Llama-style decoder-only transformer: a token embedding (no learned positions;
/// rotary embeddings have no parameters), `layerCount` pre-RMSNorm blocks (attention with separate
/// query/key/value/output projections and a SwiGLU MLP with gate, up and down projections; no biases
/// anywhere, RMSNorm has a gain and no bias), a final RMSNorm and an output head that is not tied
/// to the embedding.
///
/// Codable with the key names of Hugging Face `LlamaConfig` files: `vocab_size`, `hidden_size`,
/// `num_hidden_layers`, `num_attention_heads`, `num_key_value_heads` (defaults to the head count),
/// `intermediate_size`, `max_position_embeddings`.
public struct LlamaConfig: Equatable, Hashable, Sendable {
  /// Number of distinct tokens.
  public var vocabSize: Int
  /// Width of the residual stream, `d_model` (`hidden_size`).
  public var embeddingWidth: Int
  /// Number of transformer blocks (`num_hidden_layers`).
  public var layerCount: Int
  /// Number of query heads per block (`num_attention_heads`).
  public var headCount: Int
  /// Number of key/value heads per block (`num_key_value_heads`); equal to `headCount` without
  /// grouped-query attention.
  public var keyValueHeadCount: Int
  /// Width of the SwiGLU hidden layer (`intermediate_size`).
  public var feedForwardWidth: Int
  /// Longest context in tokens (`max_position_embeddings`); it has no parameters of its own.
  public var contextLength: Int

  /// A configuration with the given sizes; `keyValueHeadCount` defaults to `headCount`.
  public init(
    vocabSize: Int, embeddingWidth: Int, layerCount: Int, headCount: Int, keyValueHeadCount: Int? = nil,
    feedForwardWidth: Int, contextLength: Int
  ) {
    self.vocabSize = vocabSize
    self.embeddingWidth = embeddingWidth
    self.layerCount = layerCount
    self.headCount = headCount
    self.keyValueHeadCount = keyValueHeadCount ?? headCount
    self.feedForwardWidth = feedForwardWidth
    self.contextLength = contextLength
  }

  /// Width of one attention head: `embeddingWidth / headCount`.
  public var headWidth: Int { embeddingWidth / headCount }

  /// Throws `ModelConfigurationError` if a size is below 1 or the heads do not divide evenly.
  public func validate() throws {
    for (field, value) in [
      ("vocab_size", vocabSize), ("hidden_size", embeddingWidth), ("num_hidden_layers", layerCount),
      ("num_attention_heads", headCount), ("num_key_value_heads", keyValueHeadCount),
      ("intermediate_size", feedForwardWidth), ("max_position_embeddings", contextLength),
    ] where value < 1 {
      throw ModelConfigurationError.notPositive(field: field, value: value)
    }
    guard embeddingWidth % headCount == 0 else {
      throw ModelConfigurationError.widthNotDivisibleByHeads(width: embeddingWidth, heads: headCount)
    }
    guard headCount % keyValueHeadCount == 0 else {
      throw ModelConfigurationError.headsNotDivisibleByKeyValueHeads(heads: headCount, keyValueHeads: keyValueHeadCount)
    }
  }

  /// Every parameter tensor, named as in Hugging Face Llama checkpoints (`model.embed_tokens.weight`,
  /// `model.layers.0.self_attn.q_proj.weight`, …, `model.norm.weight`, `lm_head.weight`);
  /// linear weights are `[outputs, inputs]`.
  public var parameterBreakdown: ParameterBreakdown {
    let d = embeddingWidth
    let keyValueWidth = keyValueHeadCount * (headCount > 0 ? d / headCount : 0)
    var tensors = [ParameterTensor(name: "model.embed_tokens.weight", shape: [vocabSize, d], role: .embedding)]
    for layer in 0..<max(layerCount, 0) {
      let prefix = "model.layers.\(layer)."
      tensors += [
        ParameterTensor(name: prefix + "input_layernorm.weight", shape: [d], role: .normalization),
        ParameterTensor(name: prefix + "self_attn.q_proj.weight", shape: [d, d], role: .attention),
        ParameterTensor(name: prefix + "self_attn.k_proj.weight", shape: [keyValueWidth, d], role: .attention),
        ParameterTensor(name: prefix + "self_attn.v_proj.weight", shape: [keyValueWidth, d], role: .attention),
        ParameterTensor(name: prefix + "self_attn.o_proj.weight", shape: [d, d], role: .attention),
        ParameterTensor(name: prefix + "post_attention_layernorm.weight", shape: [d], role: .normalization),
        ParameterTensor(name: prefix + "mlp.gate_proj.weight", shape: [feedForwardWidth, d], role: .feedForward),
        ParameterTensor(name: prefix + "mlp.up_proj.weight", shape: [feedForwardWidth, d], role: .feedForward),
        ParameterTensor(name: prefix + "mlp.down_proj.weight", shape: [d, feedForwardWidth], role: .feedForward),
      ]
    }
    tensors += [
      ParameterTensor(name: "model.norm.weight", shape: [d], role: .normalization),
      ParameterTensor(name: "lm_head.weight", shape: [vocabSize, d], role: .outputHead),
    ]
    return ParameterBreakdown(tensors: tensors)
  }

  /// Total number of trainable scalars.
  public var parameterCount: Int { parameterBreakdown.total }
}

extension LlamaConfig: Codable {
  private enum CodingKeys: String, CodingKey {
    case vocabSize = "vocab_size"
    case embeddingWidth = "hidden_size"
    case layerCount = "num_hidden_layers"
    case headCount = "num_attention_heads"
    case keyValueHeadCount = "num_key_value_heads"
    case feedForwardWidth = "intermediate_size"
    case contextLength = "max_position_embeddings"
  }

  /// Decodes and validates a configuration.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      vocabSize: try container.decode(Int.self, forKey: .vocabSize),
      embeddingWidth: try container.decode(Int.self, forKey: .embeddingWidth),
      layerCount: try container.decode(Int.self, forKey: .layerCount),
      headCount: try container.decode(Int.self, forKey: .headCount),
      keyValueHeadCount: try container.decodeIfPresent(Int.self, forKey: .keyValueHeadCount),
      feedForwardWidth: try container.decode(Int.self, forKey: .feedForwardWidth),
      contextLength: try container.decode(Int.self, forKey: .contextLength))
    try validate()
  }

  /// Encodes with the Hugging Face key names.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(vocabSize, forKey: .vocabSize)
    try container.encode(embeddingWidth, forKey: .embeddingWidth)
    try container.encode(layerCount, forKey: .layerCount)
    try container.encode(headCount, forKey: .headCount)
    try container.encode(keyValueHeadCount, forKey: .keyValueHeadCount)
    try container.encode(feedForwardWidth, forKey: .feedForwardWidth)
    try container.encode(contextLength, forKey: .contextLength)
  }
}
