/// A training workload used to measure the engine's speed against the PyTorch reference
/// (`shared/bench/models.json` and `torch_reference.py`, copied here so that nothing outside the
/// project is read at run time).
///
/// One step = forward pass + mean cross-entropy loss + backward pass + AdamW update + zeroing the
/// gradients, in `Float`. The data is one batch of uniformly random token ids drawn once from a
/// seeded generator and reused on every step (throughput does not depend on the data): inputs
/// `[batchSize, blockSize]`; targets `[batchSize]` for the MLP (the token after the block) and
/// `[batchSize, blockSize]` for the GPTs (the next token at every position).
/// Initialisation as GPT-2: linear and embedding weights N(0, 0.02²), biases 0, LayerNorm gain 1
/// and bias 0. AdamW applies weight decay to every parameter, as `torch.optim.AdamW(model.parameters())`
/// does in the reference.
public struct BenchmarkWorkload: Equatable, Hashable, Sendable {
  /// The model a workload trains.
  public enum Model: Equatable, Hashable, Sendable {
    /// Embedding → flatten → linear(+bias) → tanh → linear(+bias).
    case mlp(MLPCharConfig)
    /// GPT-2 style decoder (pre-LayerNorm, fused qkv with bias, 4× GELU(tanh) MLP, tied head, no dropout).
    case gpt(GPTConfig)
  }

  /// The name printed in benchmark output (`mlp-char`, `gpt-tiny`, `gpt-small`).
  public var name: String
  /// The model and its sizes.
  public var model: Model
  /// Sequences per step.
  public var batchSize: Int
  /// Optimiser hyperparameters.
  public var optimizer: AdamWSettings
  /// Standard deviation of the normal initialisation of linear and embedding weights.
  public var initialisationStandardDeviation: Double

  /// A workload training `model` on batches of `batchSize`.
  public init(
    name: String, model: Model, batchSize: Int, optimizer: AdamWSettings = BenchmarkWorkload.referenceOptimizer,
    initialisationStandardDeviation: Double = 0.02
  ) {
    self.name = name
    self.model = model
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.initialisationStandardDeviation = initialisationStandardDeviation
  }

  /// The optimiser of every reference workload: AdamW(lr 3e-4, betas (0.9, 0.95), eps 1e-8, weight decay 0.1).
  public static let referenceOptimizer = AdamWSettings(learningRate: 3e-4, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1)

  /// Vocabulary size of the model.
  public var vocabSize: Int {
    switch model {
    case let .mlp(config): return config.vocabSize
    case let .gpt(config): return config.vocabSize
    }
  }

  /// Context length in tokens of one input sequence.
  public var blockSize: Int {
    switch model {
    case let .mlp(config): return config.blockSize
    case let .gpt(config): return config.blockSize
    }
  }

  /// Predicted tokens per step (the `tokens` of `tokens_per_s`): `batchSize` for the MLP,
  /// `batchSize × blockSize` for a GPT.
  public var tokensPerStep: Int {
    switch model {
    case .mlp: return batchSize
    case let .gpt(config): return batchSize * config.blockSize
    }
  }

  /// Trainable parameters (the reference's `params` field).
  public var parameterCount: Int {
    switch model {
    case let .mlp(config): return config.parameterCount
    case let .gpt(config): return config.parameterCount
    }
  }

  /// A character MLP: vocab 96, block 8, n_embd 24, hidden 256, batch 128.
  public static let mlpChar = BenchmarkWorkload(
    name: "mlp-char",
    model: .mlp(MLPCharConfig(vocabSize: 96, blockSize: 8, embeddingWidth: 24, hiddenWidth: 256)),
    batchSize: 128)

  /// A tiny GPT: vocab 96, block 64, 2 layers, 4 heads, n_embd 64, batch 16.
  public static let gptTiny = BenchmarkWorkload(
    name: "gpt-tiny",
    model: .gpt(GPTConfig(vocabSize: 96, blockSize: 64, layerCount: 2, headCount: 4, embeddingWidth: 64)),
    batchSize: 16)

  /// A small GPT: vocab 96, block 128, 4 layers, 4 heads, n_embd 128, batch 16.
  public static let gptSmall = BenchmarkWorkload(
    name: "gpt-small",
    model: .gpt(GPTConfig(vocabSize: 96, blockSize: 128, layerCount: 4, headCount: 4, embeddingWidth: 128)),
    batchSize: 16)

  /// The three reference workloads, in the order the reference prints them.
  public static let all: [BenchmarkWorkload] = [mlpChar, gptTiny, gptSmall]

  /// The workload called `name`, or `nil`.
  public static func named(_ name: String) -> BenchmarkWorkload? { all.first { $0.name == name } }
}
