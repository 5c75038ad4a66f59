import Autograd
import NeuralNet
import Training

/// Training of a character GPT on rows that start where a unit of text starts (an exercise, a
/// document, a question–answer line), so that every row begins with a whole unit: a random
/// window of a stream would often cut the documents off from the question that needs them.
///
/// Each step draws `batchSize` rows of `length + 1` tokens from `row`, and takes one AdamW step on
/// the weighted mean next-token cross-entropy Σ wᵢ·(−log p(tokenᵢ₊₁)) / Σ wᵢ, after clipping the
/// gradient norm. FLOPs are counted.
struct RowTraining {
  /// One training row: token ids and, per predicted token (`tokens[1...]`), its loss weight.
  struct Row {
    var tokens: [Int]
    /// Weight of predicting `tokens[i + 1]`; nil means 1 everywhere (plain language modelling).
    var weights: [Float]?
  }

  /// How to train.
  struct Plan: Sendable {
    var steps, batchSize: Int
    /// Tokens per row (≤ the model's block size).
    var length: Int
    var peakLearningRate, warmupFraction, weightDecay, gradientClip: Double
    /// Copies of the model that share each batch, one thread each (data parallelism, see
    /// ``DataParallelReplicas``); the rows are split into this many equal shards in order.
    var replicas = 1

    /// Linear warm-up then cosine decay to a tenth of the peak.
    var schedule: LearningRateSchedule {
      .warmupCosine(
        peak: peakLearningRate, warmupSteps: max(1, Int((warmupFraction * Double(steps)).rounded())), totalSteps: steps,
        minimum: peakLearningRate / 10)
    }
  }

  /// What a run measured.
  struct Log: Sendable {
    /// Training-batch loss of every step, in nats.
    var trainingLoss: [Double] = []
    /// FLOPs of all forward and backward passes of training.
    var forwardFLOPs = 0
    var backwardFLOPs = 0
    /// Parameters updated by the run.
    var trainableParameters = 0
    /// Forward plus backward FLOPs.
    var totalFLOPs: Int { forwardFLOPs + backwardFLOPs }
  }

  /// Trains the trainable parameters of `model`; `row(step, &generator)` returns the token ids of one
  /// row (at least `plan.length + 1` of them; the first `length + 1` are used).
  static func train(
    _ model: GPT<Float>, plan: Plan, generator: SplitMix64, phase: String, progress: any ProgressReporter,
    row: @escaping (Int, inout SplitMix64) throws -> Row
  ) throws -> Log {
    precondition(plan.length <= model.config.blockSize)
    precondition(plan.batchSize % plan.replicas == 0, "the batch must split into equal shards")
    let parallel = try DataParallelReplicas(model, count: plan.replicas) { try $0.copy() }
    let step = TrainingStep(
      model: model, adamW: .languageModel(learningRate: plan.schedule.rate(at: 0), weightDecay: plan.weightDecay),
      decayMatricesOnly: true, schedule: plan.schedule, gradientClip: plan.gradientClip, synchronisation: parallel)
    var log = Log()
    log.trainableParameters = model.trainableParameterCount
    let shardRows = plan.batchSize / plan.replicas
    let loop = TrainingLoop(step: step, batches: Rows(plan: plan, generator: generator, row: row)) { batch, shard in
      // Each shard's loss is its part of the batch's loss: the weighted mean's numerator over the
      // batch's total weight, or its own mean times its share of the rows.
      let replica = parallel.replicas[shard]
      let rows = batch.tokens.rows((shard * shardRows)..<((shard + 1) * shardRows))
      if let weights = batch.weights {
        let positions = (shard * shardRows * plan.length)..<((shard + 1) * shardRows * plan.length)
        return try weightedLoss(replica, rows: rows, weights: Array(weights[positions]), total: batch.totalWeight)
      }
      let mean = try replica.loss(rows)
      return plan.replicas == 1 ? mean : mean * (1 / Float(plan.replicas))
    }
    loop.observers = [
      progress.observer(phase: phase, total: plan.steps),
      EventHandler { event in if case .step(let report) = event { log.trainingLoss.append(report.loss) } },
    ]
    try loop.run(totalSteps: plan.steps) { $0 >= plan.steps }
    log.forwardFLOPs = parallel.forwardFLOPs
    log.backwardFLOPs = parallel.backwardFLOPs
    return log
  }

  /// A batch of rows: their tokens and, when some row carries weights, every position's weight
  /// (1 for the rows without) and their sum.
  struct Batch {
    var tokens: TokenBatch
    var weights: [Float]?
    var totalWeight: Float
  }

  /// The batches of a run: `plan.batchSize` rows from `row(step, &generator)`, each cut to `plan.length + 1` tokens.
  struct Rows: BatchSource {
    let plan: Plan
    var generator: SplitMix64
    let row: (Int, inout SplitMix64) throws -> Row

    mutating func next(step: Int) throws -> Batch {
      var inputs: [Int] = [], targets: [Int] = [], weights: [Float] = []
      inputs.reserveCapacity(plan.batchSize * plan.length)
      targets.reserveCapacity(plan.batchSize * plan.length)
      var weighted = false
      for _ in 0..<plan.batchSize {
        let drawn = try row(step, &generator)
        precondition(drawn.tokens.count > plan.length, "a training row must hold length + 1 tokens")
        inputs += drawn.tokens[0..<plan.length]
        targets += drawn.tokens[1...plan.length]
        if let rowWeights = drawn.weights { weighted = true; weights += rowWeights[0..<plan.length] }
        else { weights += repeatElement(1, count: plan.length) }
      }
      return Batch(
        tokens: TokenBatch(inputs: inputs, targets: targets, rows: plan.batchSize, length: plan.length),
        weights: weighted ? weights : nil, totalWeight: weights.reduce(0, +))
    }

    func tokenCount(of batch: Batch) -> Int { batch.tokens.inputs.count }
  }

  /// Σ wᵢ·(−log softmax(logits)ᵢ[targetᵢ]) / Σ wᵢ over the batch's `[B·T]` positions.
  /// `total` is the sum of the weights over the whole batch (of which these rows may be a shard).
  static func weightedLoss(_ model: GPT<Float>, rows: TokenBatch, weights: [Float], total: Float) throws -> Tensor<Float> {
    let vocabulary = model.config.vocabSize
    precondition(total > 0, "at least one position must carry weight")
    var selector = [Float](repeating: 0, count: rows.targets.count * vocabulary)
    for (row, target) in rows.targets.enumerated() { selector[row * vocabulary + target] = -weights[row] / total }
    let logProbabilities = try model(rows.inputs, batch: rows.rows, length: rows.length).logSoftmax()
    return try (logProbabilities * Tensor(shape: [rows.rows, rows.length, vocabulary], scalars: selector)).sum()
  }
}
