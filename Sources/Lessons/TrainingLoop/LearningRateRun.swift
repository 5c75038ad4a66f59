import Autograd
import NeuralNet

/// One training run of the training-loop lesson: the same model, data and initial weights,
/// trained full-batch with Adam at one learning rate.
struct LearningRateRun: Sendable {
  /// "too small", "good" or "too large".
  let role: String
  /// The Adam learning rate.
  let learningRate: Double
  /// Training MSE after 0, 1, 2, … updates (the last entry is the final or the diverged value).
  var losses: [Double] = []
  /// The number of updates after which the loss became non-finite or exceeded the divergence
  /// threshold; nil if the run finished.
  var divergedAt: Int?
  /// MSE on the held-out points at the end (nil if the run diverged).
  var validationMSE: Double?
  /// The model's curve on `grid` at the snapshot steps that were reached.
  var snapshots: [FitSnapshot] = []
  /// The model's curve on `grid` at the film's steps that were reached (every run records them).
  var filmSnapshots: [FitSnapshot] = []
  /// The five steps of the first iteration, when asked for.
  var trace: FiveStepTrace?

  /// Legend text: `lr 0.01 (good)`.
  var label: String { "lr \(LessonText.rate(learningRate)) (\(role))" }
  /// The training MSE when the run ended.
  var finalLoss: Double { losses.last ?? .nan }
  /// Number of updates applied.
  var updates: Int { max(losses.count - 1, 0) }
}

/// The model's predictions on a grid of inputs after `step` updates.
struct FitSnapshot: Sendable {
  let step: Int
  /// Predictions, one per grid point.
  let curve: [Double]
  /// Training MSE at that step.
  let loss: Double
}

extension LearningRateRun {
  /// Trains a fresh model (initialised from `initialisation`) for `settings.steps` updates, or
  /// until it diverges; records snapshots on `grid` and the first iteration when asked, and the curve at
  /// `filmSteps` for the film (evaluation without gradients; no random numbers are drawn).
  static func train(
    role: String, learningRate: Double, data: NoisyCurve, validation: NoisyCurve, grid: [Double],
    settings: TrainingLoopSettings, initialisation: SplitMix64, snapshots wantsSnapshots: Bool, tracing: Bool,
    filmSteps: Set<Int> = [], progress: any ProgressReporter
  ) throws -> LearningRateRun {
    var run = LearningRateRun(role: role, learningRate: learningRate)
    var generator = initialisation
    let model = MLP<Float>(sizes: settings.layerSizes, activation: .tanh, using: &generator)
    let optimizer = AdamW<Float>(parameters: model.parameters, learningRate: learningRate, weightDecay: 0)
    let (x, y) = (data.inputs(Float.self), data.targets(Float.self))
    let gridTensor = Tensor<Float>(shape: [grid.count, 1], scalars: grid.map(Float.init))
    let snapshotSteps = Set(wantsSnapshots ? settings.snapshotSteps : [])
    let phase = "training at \(run.label)"

    for step in 0...settings.steps {
      let isLast = step == settings.steps
      // Steps 1–3: process the examples, compare predictions with targets, compute the loss.
      let prediction = try isLast ? GradientMode.withoutRecording { try model(x) } : model(x)
      let loss = try Loss.meanSquaredError(prediction, y)
      let value = Double(loss.item)
      run.losses.append(value)
      if snapshotSteps.contains(step) || filmSteps.contains(step) {
        let curve = try GradientMode.withoutRecording { try model(gridTensor) }.scalars.map { Double($0) }
        if snapshotSteps.contains(step) { run.snapshots.append(FitSnapshot(step: step, curve: curve, loss: value)) }
        if filmSteps.contains(step) { run.filmSnapshots.append(FitSnapshot(step: step, curve: curve, loss: value)) }
      }
      if !value.isFinite || value > settings.divergenceFactor * run.losses[0] {
        run.divergedAt = step
        progress.finish(phase: phase, summary: "diverged at step \(step) (loss \(LessonText.significant(value)))")
        return run
      }
      if isLast { break }
      // Step 4: backpropagate. Step 5: update.
      model.zeroGrad()
      loss.backward()
      let before = tracing && step == 0 ? model.parameters.map(\.scalars) : nil
      optimizer.step()
      if let before {
        run.trace = FiveStepTrace(
          model: model, before: before, x: x, prediction: prediction, targets: y, data: data, loss: value,
          learningRate: learningRate)
      }
      if step % 50 == 0 { progress.report(phase: phase, step: step, total: settings.steps, loss: value) }
    }
    run.validationMSE = try GradientMode.withoutRecording {
      Double(try Loss.meanSquaredError(model(validation.inputs(Float.self)), validation.targets(Float.self)).item)
    }
    progress.finish(phase: phase, summary: "final training MSE \(LessonText.significant(run.finalLoss))")
    return run
  }
}
