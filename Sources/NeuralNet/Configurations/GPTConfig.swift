/// The sizes of a GPT-2 style decoder-only transformer: token + learned position embeddings,
/// `layerCount` pre-LayerNorm blocks (causal self-attention with a fused query/key/value projection,
/// and a 4× GELU MLP; every linear layer has a bias), a final LayerNorm, and an output head tied to
/// the token embedding.
///
/// Codable with the key names of GPT-2 configuration files: `vocab_size`, `block_size`, `n_layer`,
/// `n_head`, `n_embd`. Decoding also accepts Hugging Face's `n_positions` or `n_ctx` for the context
/// length, and validates the result.
public struct GPTConfig: Equatable, Hashable, Sendable {
  /// Number of distinct tokens (rows of the token embedding and columns of the logits).
  public var vocabSize: Int
  /// Longest context in tokens (rows of the position embedding); GPT-2's `n_ctx`.
  public var blockSize: Int
  /// Number of transformer blocks; GPT-2's `n_layer`.
  public var layerCount: Int
  /// Number of attention heads per block; GPT-2's `n_head`.
  public var headCount: Int
  /// Width of the residual stream, `d_model`; GPT-2's `n_embd`.
  public var embeddingWidth: Int

  /// A configuration with the given sizes; call `validate()` before building a model from user input.
  public init(vocabSize: Int, blockSize: Int, layerCount: Int, headCount: Int, embeddingWidth: Int) {
    self.vocabSize = vocabSize
    self.blockSize = blockSize
    self.layerCount = layerCount
    self.headCount = headCount
    self.embeddingWidth = embeddingWidth
  }

  /// Width of one attention head: `embeddingWidth / headCount`.
  public var headWidth: Int { embeddingWidth / headCount }

  /// Width of the MLP's hidden layer: `4 × embeddingWidth`.
  public var feedForwardWidth: Int { 4 * embeddingWidth }

  /// Throws `ModelConfigurationError` if a size is below 1 or above its limit (``limits``), the width
  /// does not split across the heads, or the model would have more than ``limits`` parameters.
  public func validate() throws {
    for (field, value) in [
      ("vocab_size", vocabSize), ("block_size", blockSize), ("n_layer", layerCount), ("n_head", headCount),
      ("n_embd", embeddingWidth),
    ] where value < 1 {
      throw ModelConfigurationError.notPositive(field: field, value: value)
    }
    guard embeddingWidth % headCount == 0 else {
      throw ModelConfigurationError.widthNotDivisibleByHeads(width: embeddingWidth, heads: headCount)
    }
    for (field, value, limit) in [
      ("vocab_size", vocabSize, Self.limits.vocabSize), ("block_size", blockSize, Self.limits.blockSize),
      ("n_layer", layerCount, Self.limits.layerCount), ("n_head", headCount, Self.limits.headCount),
      ("n_embd", embeddingWidth, Self.limits.embeddingWidth),
    ] where value > limit {
      throw ModelConfigurationError.exceedsLimit(field: field, value: value, limit: limit)
    }
    // The sizes are within their limits, so this product cannot overflow.
    guard parameterCount <= Self.limits.parameterCount else {
      throw ModelConfigurationError.exceedsLimit(field: "the parameter count", value: parameterCount, limit: Self.limits.parameterCount)
    }
  }

  /// The largest sizes `validate()` accepts, checked before anything is allocated, so that a config
  /// read from a file cannot ask for more memory than the machine has: 2²⁰ tokens, a 131 072-token
  /// context, 1 024 blocks, 4 096 heads, a 65 536 wide residual stream, and 2·10⁹ parameters
  /// (8 GB of float32 weights; GPT-2 XL has 1.56·10⁹).
  public static let limits = (
    vocabSize: 1 << 20, blockSize: 131_072, layerCount: 1_024, headCount: 4_096, embeddingWidth: 65_536,
    parameterCount: 2_000_000_000)

  /// Every parameter tensor, named as in Hugging Face's GPT-2 checkpoints without the `transformer.`
  /// prefix (`wte.weight`, `h.0.ln_1.weight`, …, `ln_f.bias`); linear weights are `[outputs, inputs]`.
  /// The tied `lm_head` is not listed again.
  public var parameterBreakdown: ParameterBreakdown {
    let d = embeddingWidth
    var tensors: [ParameterTensor] = [
      ParameterTensor(name: "wte.weight", shape: [vocabSize, d], role: .embedding),
      ParameterTensor(name: "wpe.weight", shape: [blockSize, d], role: .embedding),
    ]
    for layer in 0..<max(layerCount, 0) {
      let prefix = "h.\(layer)."
      tensors += [
        ParameterTensor(name: prefix + "ln_1.weight", shape: [d], role: .normalization),
        ParameterTensor(name: prefix + "ln_1.bias", shape: [d], role: .normalization),
        ParameterTensor(name: prefix + "attn.c_attn.weight", shape: [3 * d, d], role: .attention),
        ParameterTensor(name: prefix + "attn.c_attn.bias", shape: [3 * d], role: .attention),
        ParameterTensor(name: prefix + "attn.c_proj.weight", shape: [d, d], role: .attention),
        ParameterTensor(name: prefix + "attn.c_proj.bias", shape: [d], role: .attention),
        ParameterTensor(name: prefix + "ln_2.weight", shape: [d], role: .normalization),
        ParameterTensor(name: prefix + "ln_2.bias", shape: [d], role: .normalization),
        ParameterTensor(name: prefix + "mlp.c_fc.weight", shape: [feedForwardWidth, d], role: .feedForward),
        ParameterTensor(name: prefix + "mlp.c_fc.bias", shape: [feedForwardWidth], role: .feedForward),
        ParameterTensor(name: prefix + "mlp.c_proj.weight", shape: [d, feedForwardWidth], role: .feedForward),
        ParameterTensor(name: prefix + "mlp.c_proj.bias", shape: [d], role: .feedForward),
      ]
    }
    tensors += [
      ParameterTensor(name: "ln_f.weight", shape: [d], role: .normalization),
      ParameterTensor(name: "ln_f.bias", shape: [d], role: .normalization),
    ]
    return ParameterBreakdown(tensors: tensors)
  }

  /// Total number of trainable scalars (the tied output head counted once).
  public var parameterCount: Int { parameterBreakdown.total }
}

extension GPTConfig: Codable {
  private enum CodingKeys: String, CodingKey {
    case vocabSize = "vocab_size"
    case blockSize = "block_size"
    case positionCount = "n_positions"
    case contextLength = "n_ctx"
    case layerCount = "n_layer"
    case headCount = "n_head"
    case embeddingWidth = "n_embd"
  }

  /// Decodes and validates a configuration; the context length is read from `block_size`,
  /// else `n_positions`, else `n_ctx`.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let blockSize =
      try container.decodeIfPresent(Int.self, forKey: .blockSize)
      ?? container.decodeIfPresent(Int.self, forKey: .positionCount)
      ?? container.decode(Int.self, forKey: .contextLength)
    self.init(
      vocabSize: try container.decode(Int.self, forKey: .vocabSize),
      blockSize: blockSize,
      layerCount: try container.decode(Int.self, forKey: .layerCount),
      headCount: try container.decode(Int.self, forKey: .headCount),
      embeddingWidth: try container.decode(Int.self, forKey: .embeddingWidth))
    try validate()
  }

  /// Encodes with the keys `vocab_size`, `block_size`, `n_layer`, `n_head`, `n_embd`.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(vocabSize, forKey: .vocabSize)
    try container.encode(blockSize, forKey: .blockSize)
    try container.encode(layerCount, forKey: .layerCount)
    try container.encode(headCount, forKey: .headCount)
    try container.encode(embeddingWidth, forKey: .embeddingWidth)
  }
}
