import Autograd

/// A GPT-2 style decoder-only language model: token + position embeddings, pre-LN
/// transformer blocks, a final LayerNorm, and logits from the token embedding (tied lm_head).
///
/// Initialisation as GPT-2: Linear and Embedding weights N(0, 0.02), biases 0, LayerNorm 1 and 0.
/// Parameter names follow the Hugging Face GPT-2 convention (`wte.weight`, `h.0.attn.c_attn.weight`, …)
/// with Linear weights `[out, in]`.
public final class GPT<Scalar: TensorScalar>: Module {
  /// The architecture.
  public let config: GPTConfig
  /// Token embeddings `[vocab, C]`, also the output projection.
  public let tokenEmbedding: Embedding<Scalar>
  /// Position embeddings `[blockSize, C]`.
  public let positionEmbedding: Embedding<Scalar>
  /// The transformer blocks.
  public let blocks: [TransformerBlock<Scalar>]
  /// The final LayerNorm.
  public let finalNorm: LayerNorm<Scalar>
  /// The output head (the token embeddings) rounded to bfloat16 or int8 for inference, or nil for
  /// float32 (see ``setWeightPrecision(_:)``).
  public internal(set) var reducedHead: ReducedPrecisionMatrix?

  /// A freshly initialised model; `config` must be valid (see `GPTConfig.validate()`).
  public convenience init(config: GPTConfig, using generator: inout SplitMix64) throws {
    try self.init(config: config, std: 0.02, using: &generator)
  }

  /// A model whose weights are zero (layer norms 1 and 0), drawing nothing: for loaders, which
  /// assign every parameter next.
  public convenience init(zeroedFor config: GPTConfig) throws {
    var unused = SplitMix64(seed: 0)
    try self.init(config: config, std: 0, using: &unused)
  }

  /// Weights drawn from N(0, std²) (std 0: zeros, nothing drawn).
  init(config: GPTConfig, std: Double, using generator: inout SplitMix64) throws {
    try config.validate()
    self.config = config
    tokenEmbedding = Embedding(count: config.vocabSize, width: config.embeddingWidth, std: std, using: &generator)
    positionEmbedding = Embedding(count: config.blockSize, width: config.embeddingWidth, std: std, using: &generator)
    var blocks: [TransformerBlock<Scalar>] = []
    for _ in 0..<config.layerCount {
      blocks.append(TransformerBlock(width: config.embeddingWidth, headCount: config.headCount, std: std, using: &generator))
    }
    self.blocks = blocks
    finalNorm = LayerNorm(width: config.embeddingWidth)
  }

  public var namedParameters: [NamedParameter<Scalar>] {
    prefixed("wte", tokenEmbedding) + prefixed("wpe", positionEmbedding)
      + blocks.enumerated().flatMap { prefixed("h.\($0.offset)", $0.element) }
      + prefixed("ln_f", finalNorm)
  }

  /// Logits `[B, T, vocab]` for token ids `[B, T]` given row-major in `tokens`.
  public func callAsFunction(_ tokens: [Int], batch: Int, length: Int) throws -> Tensor<Scalar> {
    try head(hiddenStates(tokens, batch: batch, length: length))
  }

  /// The final layer-normed hidden states `[B, T, C]` (what the output head reads) for token ids
  /// `[B, T]` given row-major in `tokens`.
  public func hiddenStates(_ tokens: [Int], batch: Int, length: Int) throws -> Tensor<Scalar> {
    guard length >= 1, length <= config.blockSize, tokens.count == batch * length else {
      throw TensorError.invalidArgument(op: "gpt", reason: "expected \(batch)×\(length) tokens with 1 ≤ length ≤ block size \(config.blockSize), got \(tokens.count)")
    }
    var x = try tokenEmbedding(tokens, shape: [batch, length]) + positionEmbedding(Array(0..<length), shape: [length])
    for block in blocks { x = try block(x) }
    return try finalNorm(x)
  }

  /// A new model with this one's configuration and parameter values, sharing no tensor with it
  /// (adapters are not copied: attach them to the copy if needed).
  public func copy() throws -> GPT<Scalar> {
    let copy = try GPT<Scalar>(zeroedFor: config)
    for (target, source) in zip(copy.parameters, parameters) { try target.assign(source.scalars) }
    return copy
  }

  /// Mean next-token cross-entropy in nats of `targets` given `tokens` (both `[B, T]` row-major).
  public func loss(tokens: [Int], targets: [Int], batch: Int, length: Int) throws -> Tensor<Scalar> {
    try self(tokens, batch: batch, length: length).crossEntropy(targets: targets)
  }

  /// Attaches LoRA adapters of `rank` to every linear layer of every block (attention and MLP
  /// projections) and freezes everything else; returns the number of trainable parameters.
  @discardableResult
  public func attachLoRA(rank: Int, alpha: Double, using generator: inout SplitMix64) throws -> Int {
    setTrainable(false)
    for block in blocks {
      for linear in block.linears { try linear.attachLoRA(rank: rank, alpha: alpha, using: &generator) }
    }
    return trainableParameterCount
  }

  /// Folds every adapter into its base weight and unfreezes all parameters.
  public func mergeLoRA() throws {
    for block in blocks { for linear in block.linears { try linear.mergeLoRA() } }
    setTrainable(true)
  }
}
