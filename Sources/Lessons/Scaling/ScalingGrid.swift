/// One model shape of the scaling grid: a GPT with `layers` blocks of width `width` and
/// `heads` attention heads (16 dimensions each).
public struct ScalingModelSize: Sendable, Equatable, Hashable {
  /// Transformer blocks (n_layer).
  public var layers: Int
  /// Residual-stream width (d_model).
  public var width: Int
  /// Attention heads per block.
  public var heads: Int

  public init(layers: Int, width: Int, heads: Int) {
    (self.layers, self.width, self.heads) = (layers, width, heads)
  }

  /// A short name for tables and legends: `2×32` is two blocks of width 32.
  public var name: String { "\(layers)×\(width)" }
}

/// The scaling lesson's experiment, in one place: every model size is trained once for every
/// token budget, with a learning-rate schedule that fits the budget (as Hoffmann et al. 2022 did).
///
/// The sizes are chosen for the CPU: the full grid should take under a minute in a release build on
/// two cores once the engine runs a gpt-tiny step in ~35 ms; the quick grid takes seconds in a debug
/// build (tests).
public struct ScalingGrid: Sendable, Equatable {
  /// Model shapes, smallest first.
  public var models: [ScalingModelSize]
  /// Training tokens D of each run (predicted tokens: steps × batch × block), smallest first;
  /// each must be a multiple of `batchSize × blockSize`.
  public var tokenBudgets: [Int]
  /// Tokens per training sequence (n_ctx).
  public var blockSize: Int
  /// Sequences per step.
  public var batchSize: Int
  /// Peak learning rate of AdamW (linear warm-up over the first 10 % of steps, cosine decay to a tenth).
  public var peakLearningRate: Double
  /// Characters of the general corpus generated; the last 10 % are held out for validation.
  public var corpusBytes: Int
  /// Validation sequences of `blockSize` tokens every run is scored on (the same ones for every run).
  public var validationSequences: Int
  /// Adam iterations per initialisation of the scaling-law fit.
  public var fitIterations: Int
  /// Initialisations (the best of Hoffmann et al.'s grid) the fit starts from.
  public var fitStarts: Int

  public init(
    models: [ScalingModelSize], tokenBudgets: [Int], blockSize: Int, batchSize: Int, peakLearningRate: Double,
    corpusBytes: Int, validationSequences: Int, fitIterations: Int, fitStarts: Int
  ) {
    (self.models, self.tokenBudgets, self.blockSize, self.batchSize, self.peakLearningRate) =
      (models, tokenBudgets, blockSize, batchSize, peakLearningRate)
    (self.corpusBytes, self.validationSequences, self.fitIterations, self.fitStarts) =
      (corpusBytes, validationSequences, fitIterations, fitStarts)
  }

  /// Tokens one optimizer step trains on.
  public var tokensPerStep: Int { batchSize * blockSize }

  /// The full experiment (`workbench run scaling`): 5 model sizes × 4 token budgets = 20 runs.
  public static let full = ScalingGrid(
    models: [
      ScalingModelSize(layers: 1, width: 16, heads: 1),
      ScalingModelSize(layers: 1, width: 32, heads: 2),
      ScalingModelSize(layers: 2, width: 32, heads: 2),
      ScalingModelSize(layers: 2, width: 48, heads: 3),
      ScalingModelSize(layers: 3, width: 64, heads: 4),
    ],
    tokenBudgets: [16_384, 32_768, 65_536, 131_072],
    blockSize: 32, batchSize: 8, peakLearningRate: 1e-2,
    corpusBytes: 400_000, validationSequences: 256, fitIterations: 3000, fitStarts: 8)

  /// The quick experiment (`--quick`, tests): 3 model sizes × 2 token budgets = 6 runs.
  public static let quick = ScalingGrid(
    models: [
      ScalingModelSize(layers: 1, width: 16, heads: 1),
      ScalingModelSize(layers: 1, width: 32, heads: 2),
      ScalingModelSize(layers: 2, width: 32, heads: 2),
    ],
    tokenBudgets: [4_096, 8_192],
    blockSize: 32, batchSize: 8, peakLearningRate: 1e-2,
    corpusBytes: 60_000, validationSequences: 64, fitIterations: 1500, fitStarts: 4)
}
