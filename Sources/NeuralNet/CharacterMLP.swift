import Autograd

/// A character-level MLP language model (Bengio et al. 2003 style, the `mlp-char` benchmark):
/// embed the last `blockSize` tokens, concatenate, one tanh hidden layer, logits for the next token.
///
/// Shapes: tokens `[B, blockSize]` → embeddings `[B, blockSize·C]` → hidden `[B, H]` → logits `[B, vocab]`.
public final class CharacterMLP<Scalar: TensorScalar>: Module {
  public let config: MLPCharConfig
  public let tokenEmbedding: Embedding<Scalar>
  public let hidden: Linear<Scalar>
  public let output: Linear<Scalar>

  /// Weights N(0, std²), biases zero (std 0.02 as the benchmark's GPT-2 initialisation).
  public init(config: MLPCharConfig, std: Double = 0.02, using generator: inout SplitMix64) throws {
    try config.validate()
    self.config = config
    tokenEmbedding = Embedding(count: config.vocabSize, width: config.embeddingWidth, std: std, using: &generator)
    hidden = Linear(inputCount: config.blockSize * config.embeddingWidth, outputCount: config.hiddenWidth, std: std, using: &generator)
    output = Linear(inputCount: config.hiddenWidth, outputCount: config.vocabSize, std: std, using: &generator)
  }

  public var namedParameters: [NamedParameter<Scalar>] {
    prefixed("wte", tokenEmbedding) + prefixed("fc", hidden) + prefixed("out", output)
  }

  /// Logits `[B, vocab]` for contexts `[B, blockSize]` given row-major.
  public func callAsFunction(_ tokens: [Int], batch: Int) throws -> Tensor<Scalar> {
    let width = config.blockSize * config.embeddingWidth
    let embedded = try tokenEmbedding(tokens, shape: [batch, config.blockSize]).reshaped([batch, width])
    return try output(hidden(embedded).tanh())
  }
}
