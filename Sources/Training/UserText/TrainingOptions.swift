import NeuralNet

/// How a `TrainingRun` trains: the step budget, the optimiser, the batches and how often it
/// evaluates, samples and saves. Stored in the training state so that `--resume` continues with
/// exactly the same options.
public struct TrainingOptions: Codable, Equatable, Sendable {
  /// Optimiser steps to take; nil when the run is bounded by `minutes` instead.
  public var steps: Int?
  /// Wall-clock budget in minutes (used when `steps` is nil); the run stops after the first step that ends past it.
  public var minutes: Double?
  /// Sequences per step.
  public var batchSize: Int
  /// Peak learning rate of AdamW.
  public var learningRate: Double
  /// Decoupled weight decay of AdamW (matrices only).
  public var weightDecay: Double
  /// Largest global gradient norm; larger gradients are scaled down to it.
  public var gradientClip: Double
  /// Seed of the one generator that draws the batches (and, for a new model, its initial weights).
  public var seed: UInt64
  /// Steps between validation-loss measurements (and checkpoint saves; the best model is kept at them).
  public var evaluationInterval: Int
  /// Validation windows scored at each measurement during training (the final one scores them all).
  public var evaluationWindows: Int
  /// Steps between printed samples (0: none).
  public var sampleInterval: Int
  /// Tokens per printed sample.
  public var sampleLength: Int
  /// LoRA adapters to train instead of the full model, or nil for full training.
  public var lora: LoRAOptions?
  /// Evaluations in a row without a lower validation loss after which the run stops early; nil: it never does.
  public var earlyStop: Int?
  /// Micro-batches per optimizer step (gradient accumulation): `batchSize / accumulate` sequences
  /// each, their gradients summed before the one update; nil or 1: the whole batch at once.
  public var accumulate: Int?
  /// Where the measurements go besides `history.csv`: nil or `.csv` nowhere else, `.tensorboard` also a TensorBoard event file.
  public var log: LogFormat?

  /// The formats a run's measurements can be logged in.
  public enum LogFormat: String, Codable, CaseIterable, Sendable {
    /// `history.csv` only (always written).
    case csv
    /// `history.csv` and a TensorBoard event file (`events.out.tfevents.<time>.<host>`) per run part.
    case tensorboard
  }
  /// Copies of the model that share every batch (data parallelism: threads of one process, or the
  /// processes of an MPI job), each computing the gradient of an equal share of its rows; nil: one.
  /// The count changes the arithmetic of a step, so a resumed run keeps it.
  public var replicas: Int?

  /// LoRA settings: rank r, scale α (the update is (α/r)·BA) and whether to fold the adapters into the weights at save.
  public struct LoRAOptions: Codable, Equatable, Sendable {
    public var rank: Int
    public var alpha: Double
    public var merge: Bool
    /// Adapters of rank `rank` with scale `alpha`, merged at save when `merge`.
    public init(rank: Int, alpha: Double, merge: Bool) { (self.rank, self.alpha, self.merge) = (rank, alpha, merge) }
  }

  /// Options with the given budget and optimiser; evaluation every `evaluationInterval` steps.
  public init(
    steps: Int?, minutes: Double? = nil, batchSize: Int, learningRate: Double, weightDecay: Double = 0.1, gradientClip: Double = 1,
    seed: UInt64, evaluationInterval: Int = 50, evaluationWindows: Int = 32, sampleInterval: Int = 0, sampleLength: Int = 120,
    lora: LoRAOptions? = nil, earlyStop: Int? = nil, accumulate: Int? = nil, log: LogFormat? = nil, replicas: Int? = nil
  ) {
    (self.steps, self.minutes, self.batchSize, self.learningRate, self.weightDecay, self.gradientClip, self.seed, self.evaluationInterval, self.evaluationWindows, self.sampleInterval, self.sampleLength, self.lora, self.earlyStop, self.accumulate, self.log, self.replicas) =
      (steps, minutes, batchSize, learningRate, weightDecay, gradientClip, seed, evaluationInterval, evaluationWindows, sampleInterval, sampleLength, lora, earlyStop, accumulate, log, replicas)
  }

  /// Micro-batches per optimizer step (1 without accumulation).
  public var microBatches: Int { max(1, accumulate ?? 1) }

  /// How many copies of the model share every batch (1 without data parallelism).
  public var copies: Int { replicas ?? 1 }

  /// Warm-up steps: 10 % of the steps, at most 100 (100 when the run is bounded by time).
  public var warmupSteps: Int {
    guard let steps else { return 100 }
    return max(1, min(100, steps / 10))
  }

  /// Linear warm-up to `learningRate`, then cosine decay to a tenth of it at the last step; with a
  /// time budget (unknown step count), warm-up then constant.
  public var schedule: LearningRateSchedule {
    guard let steps else {
      return .warmupCosine(peak: learningRate, warmupSteps: warmupSteps, totalSteps: Int.max / 2, minimum: learningRate)
    }
    return .warmupCosine(peak: learningRate, warmupSteps: warmupSteps, totalSteps: steps, minimum: learningRate / 10)
  }
}

/// The model sizes `train --size` offers (GPT-2 style decoders; the vocabulary comes from the tokenizer).
public enum ModelSizePreset: String, CaseIterable, Codable, Sendable {
  /// 2 layers, 4 heads, width 64, context 64 (about 0.1 M parameters besides the embeddings).
  case tiny
  /// 4 layers, 4 heads, width 128, context 128 (about 0.8 M).
  case small
  /// 6 layers, 8 heads, width 256, context 256 (about 4.7 M).
  case medium

  /// (layers, heads, width, context) of the preset.
  public var shape: (layers: Int, heads: Int, width: Int, context: Int) {
    switch self {
    case .tiny: return (2, 4, 64, 64)
    case .small: return (4, 4, 128, 128)
    case .medium: return (6, 8, 256, 256)
    }
  }
}
