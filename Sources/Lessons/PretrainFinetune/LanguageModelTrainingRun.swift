import Autograd
import NeuralNet

/// One training run of a character GPT on a token stream: random windows, AdamW with a
/// learning-rate schedule and gradient clipping, counted FLOPs, and validation curves.
struct LanguageModelTrainingRun {
  /// A validation split scored during training.
  struct Evaluation {
    /// Column name in the curves ("domain", "general", …).
    let name: String
    /// Its token ids.
    let tokens: [Int]
  }

  /// How to train.
  struct Plan {
    var steps: Int
    var batchSize: Int
    var schedule: LearningRateSchedule
    var weightDecay: Double
    var gradientClip: Double
    /// Curve points besides the one before the first step.
    var evaluationCount: Int
    /// Validation windows per curve point.
    var curveWindows: Int
  }

  /// What a run measured.
  struct Log {
    /// Steps after which the curves were measured (0 = before training).
    var evaluationSteps: [Int] = []
    /// Validation loss per evaluation (same order as the `evaluations` given), one value per evaluation step.
    var curves: [(name: String, values: [Double])] = []
    /// Training-batch loss of every step, in nats.
    var trainingLoss: [Double] = []
    /// FLOPs of the forward and backward passes of all training steps (evaluation not counted).
    var forwardFLOPs = 0
    var backwardFLOPs = 0
    /// Tokens of one training step (sequences × block size).
    var tokensPerStep = 0
    /// Trainable and total parameters of the model during the run.
    var trainableParameters = 0
    var totalParameters = 0

    /// The curve called `name`.
    func curve(_ name: String) -> [Double] { curves.first { $0.name == name }?.values ?? [] }
    /// Forward plus backward FLOPs.
    var totalFLOPs: Int { forwardFLOPs + backwardFLOPs }
  }

  /// The steps after which a run of `steps` steps evaluates: 0, then `count` evenly spaced points ending at `steps`.
  static func evaluationSteps(steps: Int, count: Int) -> [Int] {
    let points = max(1, min(count, steps))
    var result = [0]
    for index in 1...points {
      let step = Int((Double(index) * Double(steps) / Double(points)).rounded())
      if step > result.last! { result.append(step) }
    }
    return result
  }

  /// Trains the trainable parameters of `model` on windows of `tokens` drawn with `batches`,
  /// scoring the first `plan.curveWindows` windows of each evaluation split at the curve points, then
  /// calling `afterEvaluation` (for film frames; it must not draw from the run's generators).
  static func train(
    _ model: GPT<Float>, on tokens: [Int], plan: Plan, batches: SplitMix64, evaluations: [Evaluation],
    phase: String, progress: any ProgressReporter, afterEvaluation: (_ step: Int, _ model: GPT<Float>, _ log: Log) throws -> Void = { _, _, _ in }
  ) throws -> Log {
    var generator = batches
    let length = model.config.blockSize
    precondition(tokens.count > length + 1, "the training text must be longer than one window")
    let optimizer = AdamW<Float>(
      parameters: model.parameters, learningRate: plan.schedule.rate(at: 0), betas: (0.9, 0.95), eps: 1e-8,
      weightDecay: plan.weightDecay, decayMatricesOnly: true)
    let trainable = model.trainableParameters
    var log = Log()
    log.tokensPerStep = plan.batchSize * length
    log.trainableParameters = model.trainableParameterCount
    log.totalParameters = model.parameterCount
    log.curves = evaluations.map { ($0.name, []) }
    let checkpoints = Set(evaluationSteps(steps: plan.steps, count: plan.evaluationCount))
    let counter = FLOPCounter()

    func evaluate(after step: Int) throws {
      log.evaluationSteps.append(step)
      for (index, evaluation) in evaluations.enumerated() {
        let result = try HeldOutEvaluation.evaluate(model, tokens: evaluation.tokens, maxWindows: plan.curveWindows)
        log.curves[index].values.append(result.meanCrossEntropy)
      }
      try afterEvaluation(step, model, log)
    }

    try evaluate(after: 0)
    for step in 0..<plan.steps {
      var inputs: [Int] = [], targets: [Int] = []
      inputs.reserveCapacity(plan.batchSize * length)
      targets.reserveCapacity(plan.batchSize * length)
      for _ in 0..<plan.batchSize {
        let start = generator.corpusIndex(tokens.count - length)
        inputs += tokens[start..<(start + length)]
        targets += tokens[(start + 1)...(start + length)]
      }
      optimizer.learningRate = plan.schedule.rate(at: step)
      let loss = try counter.counting {
        let loss = try model.loss(tokens: inputs, targets: targets, batch: plan.batchSize, length: length)
        loss.backward()
        return loss
      }
      let value = Double(try Loss.checkFinite(loss, step: step + 1))
      clipGradientNorm(trainable, maxNorm: plan.gradientClip)
      optimizer.step()
      model.zeroGrad()
      log.trainingLoss.append(value)
      progress.report(phase: phase, step: step + 1, total: plan.steps, loss: value)
      if checkpoints.contains(step + 1) { try evaluate(after: step + 1) }
    }
    log.forwardFLOPs = counter.forward
    log.backwardFLOPs = counter.backward
    return log
  }
}
