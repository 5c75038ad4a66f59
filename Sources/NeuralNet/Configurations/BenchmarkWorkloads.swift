/// A training workload used to measure the engine's speed against the PyTorch reference
/// (`shared/bench/models.json` and `torch_reference.py`, copied here so that nothing outside the
/// project is read at run time).
///
/// One step (of the training workloads) = forward pass + mean cross-entropy loss + backward pass + AdamW update + zeroing the
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
    /// The same GPT with every block linear layer frozen and a LoRA adapter of `rank` and scale
    /// `alpha`/`rank` added (A ~ N(0, 0.02²) `[r, in]`, B = 0 `[out, r]`); only A and B are trained.
    case gptLoRA(GPTConfig, rank: Int, alpha: Double)
    /// No training: greedy decoding of `newTokens` tokens after a prompt of `promptTokens` random ids,
    /// batch 1, with a KV cache (prefill once, then one position per token).
    case generate(GPTConfig, promptTokens: Int, newTokens: Int)
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
  /// Timed steps and untimed warm-up steps when the command line does not say (the reference's defaults: 30 and 5).
  public var defaultSteps: Int
  public var defaultWarmup: Int

  /// A workload training `model` on batches of `batchSize`.
  public init(
    name: String, model: Model, batchSize: Int, optimizer: AdamWSettings = BenchmarkWorkload.referenceOptimizer,
    initialisationStandardDeviation: Double = 0.02, defaultSteps: Int = 30, defaultWarmup: Int = 5
  ) {
    self.name = name
    self.model = model
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.initialisationStandardDeviation = initialisationStandardDeviation
    self.defaultSteps = defaultSteps
    self.defaultWarmup = defaultWarmup
  }

  /// The optimiser of every reference workload: AdamW(lr 3e-4, betas (0.9, 0.95), eps 1e-8, weight decay 0.1).
  public static let referenceOptimizer = AdamWSettings.languageModel(learningRate: 3e-4, weightDecay: 0.1)

  /// The GPT's config (nil for the MLP).
  public var gptConfig: GPTConfig? {
    switch model {
    case .mlp: return nil
    case let .gpt(config), let .gptLoRA(config, _, _), let .generate(config, _, _): return config
    }
  }

  /// Vocabulary size of the model.
  public var vocabSize: Int {
    if case let .mlp(config) = model { return config.vocabSize }
    return gptConfig!.vocabSize
  }

  /// Context length in tokens of one input sequence.
  public var blockSize: Int {
    if case let .mlp(config) = model { return config.blockSize }
    return gptConfig!.blockSize
  }

  /// Tokens per step (the `tokens` of `tokens_per_s`): `batchSize` for the MLP, `batchSize × blockSize`
  /// for a GPT trained, the new tokens for generation.
  public var tokensPerStep: Int {
    switch model {
    case .mlp: return batchSize
    case let .gpt(config), let .gptLoRA(config, _, _): return batchSize * config.blockSize
    case let .generate(_, _, newTokens): return newTokens
    }
  }

  /// All parameters of the model, adapters included (the reference's `params` field).
  public var parameterCount: Int {
    switch model {
    case let .mlp(config): return config.parameterCount
    case let .gpt(config), let .generate(config, _, _): return config.parameterCount
    case let .gptLoRA(config, rank, _): return config.parameterCount + loraParameterCount(config, rank: rank)
    }
  }

  /// Parameters of the LoRA adapters on every block's four linear layers: r·(in + out) each.
  func loraParameterCount(_ config: GPTConfig, rank: Int) -> Int {
    let d = config.embeddingWidth
    return config.layerCount * rank * ((d + 3 * d) + (d + d) + (d + 4 * d) + (4 * d + d))
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

  /// A medium GPT: vocab 512, block 256, 6 layers, 8 heads, n_embd 256, batch 8 (10 steps, 2 warm-up).
  public static let gptMedium = BenchmarkWorkload(
    name: "gpt-medium",
    model: .gpt(GPTConfig(vocabSize: 512, blockSize: 256, layerCount: 6, headCount: 8, embeddingWidth: 256)),
    batchSize: 8, defaultSteps: 10, defaultWarmup: 2)

  /// GPT-2 small's shape with a 256-position table: vocab 50257, 12 layers, 12 heads, n_embd 768.
  public static let gpt2Shape = GPTConfig(vocabSize: 50257, blockSize: 256, layerCount: 12, headCount: 12, embeddingWidth: 768)

  /// Full fine-tuning step at GPT-2 small's shape, context 256, batch 2 (5 steps, 1 warm-up).
  public static let gpt2_124m = BenchmarkWorkload(
    name: "gpt2-124m", model: .gpt(gpt2Shape), batchSize: 2, defaultSteps: 5, defaultWarmup: 1)

  /// LoRA (rank 8, alpha 16) fine-tuning step at GPT-2 small's shape, context 256, batch 2 (5 steps, 1 warm-up).
  public static let gpt2_124mLoRA = BenchmarkWorkload(
    name: "gpt2-124m-lora", model: .gptLoRA(gpt2Shape, rank: 8, alpha: 16), batchSize: 2, defaultSteps: 5, defaultWarmup: 1)

  /// Greedy generation at GPT-2 small's shape with a KV cache: 32 prompt tokens, 128 new (3 runs, 1 warm-up).
  public static let gpt2_124mGenerate = BenchmarkWorkload(
    name: "gpt2-124m-generate", model: .generate(gpt2Shape, promptTokens: 32, newTokens: 128), batchSize: 1,
    defaultSteps: 3, defaultWarmup: 1)

  /// The three quick reference workloads, which `workbench bench` runs by default.
  public static let all: [BenchmarkWorkload] = [mlpChar, gptTiny, gptSmall]

  /// The four large workloads (minutes and gigabytes each), run by name or with `--large`.
  public static let large: [BenchmarkWorkload] = [gptMedium, gpt2_124m, gpt2_124mLoRA, gpt2_124mGenerate]

  /// The seven workloads of the reference, in its order.
  public static let every: [BenchmarkWorkload] = all + large

  /// The workload called `name`, or `nil`.
  public static func named(_ name: String) -> BenchmarkWorkload? { every.first { $0.name == name } }
}
