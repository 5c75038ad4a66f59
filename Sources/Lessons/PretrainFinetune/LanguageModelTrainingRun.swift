import Autograd
import NeuralNet
import Training

/// One training run of a character GPT on a token stream, through the training loop: random
/// windows, AdamW with a learning-rate schedule and gradient clipping, counted FLOPs, and validation curves.
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
    let length = model.config.blockSize
    let counter = FLOPCounter()
    let step = TrainingStep(
      model: model, adamW: .languageModel(learningRate: plan.schedule.rate(at: 0), weightDecay: plan.weightDecay),
      decayMatricesOnly: true, schedule: plan.schedule, gradientClip: plan.gradientClip,
      synchronisation: LocalGradients(counting: counter))
    var log = Log()
    log.tokensPerStep = plan.batchSize * length
    log.trainableParameters = model.trainableParameterCount
    log.totalParameters = model.parameterCount
    log.curves = evaluations.map { ($0.name, []) }
    let checkpoints = Set(evaluationSteps(steps: plan.steps, count: plan.evaluationCount))
    let loop = TrainingLoop(step: step, batches: RandomWindows(tokens: tokens, rows: plan.batchSize, length: length, generator: batches)) {
      batch, _ in try model.loss(batch)
    }
    loop.evaluation = TrainingHook(isDue: checkpoints.contains) { _ in
      try evaluations.map { NamedLoss($0.name, try HeldOutEvaluation.evaluate(model, tokens: $0.tokens, maxWindows: plan.curveWindows).meanCrossEntropy) }
    }
    try withoutActuallyEscaping(afterEvaluation) { afterEvaluation in
      defer { loop.observers = [] }  // the closure must not outlive this call
      loop.observers = [
        progress.observer(phase: phase, total: plan.steps),
        EventHandler { event in
          switch event {
          case .step(let report):
            log.trainingLoss.append(report.loss)
          case let .evaluation(step, losses, _):
            log.evaluationSteps.append(step)
            for (index, loss) in losses.enumerated() { log.curves[index].values.append(loss.value) }
            try afterEvaluation(step, model, log)
          default: break
          }
        },
      ]
      try loop.evaluate()
      try loop.run(totalSteps: plan.steps) { $0 >= plan.steps }
    }
    log.forwardFLOPs = counter.forward
    log.backwardFLOPs = counter.backward
    return log
  }
}
