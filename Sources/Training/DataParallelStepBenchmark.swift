import Autograd
import NeuralNet

/// What one process measured of training steps whose batch is split among the processes of a group
/// (``RankOrderedGradients``): the time of its own forward and backward pass, and of the gradient
/// exchange.
public struct DataParallelStepMeasurement: Codable, Equatable, Sendable {
  /// Processes that shared every batch.
  public let ranks: Int
  /// Rows of the batch each process computed.
  public let rowsPerRank: Int
  /// Floats in the exchanged buffer (the trainable parameters' gradients, the loss and the stop flag).
  public let gradientFloats: Int
  /// Median seconds of this process's forward and backward pass per step.
  public let computeSeconds: Double
  /// Median seconds per step from the end of this process's backward pass to having the summed
  /// gradient (waiting for slower processes included).
  public let communicationSeconds: Double
  /// Median seconds of a whole step (the optimizer's update included).
  public let stepSeconds: Double
}

/// Times training steps of a GPT workload (``BenchmarkWorkload``) with its batch split among the
/// processes of `group`: every process builds the same model and batch from `seed`, computes the
/// loss of its share of the rows (scaled by 1/N) and sums the gradients in rank order, then takes
/// the AdamW step. `warmup` untimed steps come first. Every process of `group` must call it.
public enum DataParallelStepBenchmark {
  /// Why a workload cannot be measured this way.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    /// The workload is not a GPT training workload.
    case notGPTTraining(workload: String)
    /// The batch's rows do not split equally among the processes.
    case batchNotDivisible(workload: String, batch: Int, ranks: Int)

    public var description: String {
      switch self {
      case let .notGPTTraining(workload):
        "the workload \(workload) does not train a whole GPT; choose one of: "
          + BenchmarkWorkload.every.filter { DataParallelStepBenchmark.config(of: $0) != nil }.map(\.name).joined(separator: ", ")
      case let .batchNotDivisible(workload, batch, ranks):
        "the workload \(workload) has batches of \(batch) rows, which \(ranks) processes cannot share equally"
      }
    }
  }

  /// Checks that `workload` can be measured on `ranks` processes (before any work).
  public static func check(_ workload: BenchmarkWorkload, ranks: Int) throws(Problem) {
    guard config(of: workload) != nil else { throw .notGPTTraining(workload: workload.name) }
    guard workload.batchSize % ranks == 0 else { throw .batchNotDivisible(workload: workload.name, batch: workload.batchSize, ranks: ranks) }
  }

  /// The GPT of a workload that trains all its weights (nil for the MLP, LoRA and generation).
  static func config(of workload: BenchmarkWorkload) -> GPTConfig? {
    if case let .gpt(config) = workload.model { return config }
    return nil
  }

  /// This process's medians over `steps` timed steps of `workload` on `group`, after `warmup` untimed ones.
  /// - Throws: ``Problem`` for a workload `group` cannot share, `ProcessGroupError` when an exchange fails.
  public static func measure(
    _ workload: BenchmarkWorkload, group: any ProcessGroup, steps: Int, warmup: Int, seed: UInt64 = 0
  ) throws -> DataParallelStepMeasurement {
    precondition(steps >= 1 && warmup >= 0, "one timed step")
    try check(workload, ranks: group.size)
    guard let config = config(of: workload) else { throw Problem.notGPTTraining(workload: workload.name) }
    var generator = SplitMix64(seed: seed)
    let gpt = try GPT<Float>(config: config, using: &generator)
    let rows = workload.batchSize, length = config.blockSize
    let inputs = (0..<(rows * length)).map { _ in Int(generator.next() % UInt64(config.vocabSize)) }
    let targets = (0..<(rows * length)).map { _ in Int(generator.next() % UInt64(config.vocabSize)) }
    let batch = TokenBatch(inputs: inputs, targets: targets, rows: rows, length: length)
    let sync = RankOrderedGradients(group: group, parameters: gpt.trainableParameters)
    let step = TrainingStep(model: gpt, adamW: workload.optimizer, synchronisation: sync)
    let share = rows / group.size, scale = 1 / Float(group.size)
    let loop = TrainingLoop(step: step, batches: RepeatedBatch(batch, tokens: rows * length)) { batch, shard in
      try gpt.loss(batch.rows((shard * share)..<((shard + 1) * share))) * scale
    }
    var compute: [Double] = [], communication: [Double] = [], whole: [Double] = []
    loop.observers = [EventHandler { event in
      guard case .step(let report) = event, report.step > warmup else { return }
      compute.append(sync.lastComputeSeconds)
      communication.append(sync.lastCommunicationSeconds)
      whole.append(report.seconds)
    }]
    try loop.run(totalSteps: warmup + steps) { $0 >= warmup + steps }
    return DataParallelStepMeasurement(
      ranks: group.size, rowsPerRank: share, gradientFloats: sync.parameters.reduce(2) { $0 + $1.count },
      computeSeconds: Benchmark.median(compute), communicationSeconds: Benchmark.median(communication),
      stepSeconds: Benchmark.median(whole))
  }
}
