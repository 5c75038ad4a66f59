import Autograd
import NeuralNet

/// Training of a character GPT on rows that start where a unit of text starts (an exercise, a
/// document, a question–answer line), so that every row begins with a whole unit: a random
/// window of a stream would often cut the documents off from the question that needs them.
///
/// Each step draws `batchSize` rows of `length + 1` tokens from `row`, and takes one AdamW step on
/// the mean next-token cross-entropy, after clipping the gradient norm. FLOPs are counted.
struct RowTraining {
  /// How to train.
  struct Plan: Sendable {
    var steps: Int
    var batchSize: Int
    /// Tokens per row (≤ the model's block size).
    var length: Int
    var peakLearningRate: Double
    var warmupFraction: Double
    var weightDecay: Double
    var gradientClip: Double

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
    row: (Int, inout SplitMix64) throws -> [Int]
  ) throws -> Log {
    precondition(plan.length <= model.config.blockSize)
    var generator = generator
    let optimizer = AdamW<Float>(
      parameters: model.parameters, learningRate: plan.schedule.rate(at: 0), betas: (0.9, 0.95), eps: 1e-8,
      weightDecay: plan.weightDecay, decayMatricesOnly: true)
    let trainable = model.trainableParameters
    var log = Log()
    log.trainableParameters = model.trainableParameterCount
    let counter = FLOPCounter()
    for step in 0..<plan.steps {
      var inputs: [Int] = [], targets: [Int] = []
      inputs.reserveCapacity(plan.batchSize * plan.length)
      targets.reserveCapacity(plan.batchSize * plan.length)
      for _ in 0..<plan.batchSize {
        let tokens = try row(step, &generator)
        precondition(tokens.count > plan.length, "a training row must hold length + 1 tokens")
        inputs += tokens[0..<plan.length]
        targets += tokens[1...plan.length]
      }
      optimizer.learningRate = plan.schedule.rate(at: step)
      let loss = try counter.counting {
        let loss = try model.loss(tokens: inputs, targets: targets, batch: plan.batchSize, length: plan.length)
        loss.backward()
        return loss
      }
      let value = Double(try Loss.checkFinite(loss, step: step + 1))
      clipGradientNorm(trainable, maxNorm: plan.gradientClip)
      optimizer.step()
      model.zeroGrad()
      log.trainingLoss.append(value)
      progress.report(phase: phase, step: step + 1, total: plan.steps, loss: value)
    }
    log.forwardFLOPs = counter.forward
    log.backwardFLOPs = counter.backward
    return log
  }
}
