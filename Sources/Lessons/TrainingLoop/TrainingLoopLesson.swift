import Autograd
import Foundation
import NeuralNet
import Plotting
import WorkbenchFiles

/// Lesson 1: the five steps of training (process examples, compare with targets, compute the
/// loss, backpropagate, update; repeat) on a small MLP fitted to noisy data whose noise floor is
/// known, trained with a learning rate that is too small, a good one and one that is too large.
public struct TrainingLoopLesson: Lesson {
  public init() {}

  public let id = "training-loop"

  public func run(_ context: LessonContext) throws -> RunResult {
    var settings = context.quick ? TrainingLoopSettings.quick : TrainingLoopSettings.full
    if let rate = try context.parameters.validatedLearningRate() { settings.goodRate = rate }
    if let steps = try context.parameters.validatedSteps(maximum: TrainingLoopSettings.maximumSteps) { settings.steps = steps }

    var generator = context.makeGenerator()
    var dataGenerator = generator.split()
    let data = NoisyCurve(count: settings.trainCount, noise: settings.noise, using: &dataGenerator)
    let validation = NoisyCurve(count: settings.validationCount, noise: settings.noise, using: &dataGenerator)
    let initialisation = generator.split()  // the same starting weights for every learning rate
    let grid = (0...240).map { -3 + 6 * Double($0) / 240 }
    // The noise floor: the MSE the noiseless curve itself scores on the training points (the mean
    // of the drawn ε², which is σ² on average but varies by ±√(2/N)·σ² from one data set to the next).
    let sigmaSquared = settings.noise * settings.noise
    let noiseFloor = data.sampleNoiseFloor

    var result = RunResult(lesson: self, context: context)
    var runs: [LearningRateRun] = []
    for (role, rate) in [("too small", settings.smallRate), ("good", settings.goodRate), ("too large", settings.largeRate)] {
      let isGood = role == "good"
      let (run, seconds) = try WallClock.measure {
        try LearningRateRun.train(
          role: role, learningRate: rate, data: data, validation: validation, grid: grid, settings: settings,
          initialisation: initialisation, snapshots: isGood, tracing: isGood, filmSteps: Set(settings.filmSteps),
          progress: context.progress)
      }
      runs.append(run)
      result.timings.append(Timing(phase: "train \(run.label), \(run.updates) steps", seconds: seconds))
      result.history.append(HistorySeries(
        name: run.label, steps: Array(run.losses.indices), values: [("train_mse", run.losses)]))
    }
    let (small, good, large) = (runs[0], runs[1], runs[2])

    // Notes: the five steps of the first iteration, then what each rate did.
    if let trace = good.trace {
      let architecture = settings.layerSizes.map(String.init).joined(separator: "-")
      result.notes += trace.lines(
        lossAfter: good.losses.count > 1 ? good.losses[1] : nil, architecture: architecture, steps: settings.steps)
    }
    result.notes.append(
      "Data: \(data.count) training points y = sin(2x) + 0.3x + ε with ε ~ N(0, σ²), σ = \(settings.noise) (σ² = \(LessonText.significant(sigmaSquared))); the noiseless curve itself scores MSE \(LessonText.fixed(noiseFloor, 4)) on these points: that is the noise floor, the error of a model that learned the curve perfectly (going below it means memorising noise). \(validation.count) held-out points for validation.")

    // Table: one row per learning rate.
    let rows = runs.map { run -> [String] in
      [
        LessonText.rate(run.learningRate), run.role, run.divergedAt.map { "diverged at step \($0)" } ?? "finished",
        LessonText.grouped(run.updates), LessonText.significant(run.losses[0], 4),
        run.divergedAt == nil ? LessonText.fixed(run.finalLoss, 4) : LessonText.significant(run.finalLoss, 3),
        run.divergedAt == nil ? LessonText.fixed(run.finalLoss / noiseFloor, 2) + "×" : "–",
        run.validationMSE.map { LessonText.fixed($0, 4) } ?? "–",
      ]
    }
    result.tables.append(ResultTable(
      title: "Three learning rates, same model, data and starting weights (noise floor \(LessonText.fixed(noiseFloor, 4)); σ² = \(LessonText.significant(sigmaSquared)))",
      columns: ["lr", "role", "outcome", "steps", "start MSE", "final MSE", "final / floor", "validation MSE"], rows: rows))

    // Metrics (measured this run).
    result.metric("noise_variance_sigma_squared", sigmaSquared, unit: "MSE")
    result.metric("noise_floor", noiseFloor, unit: "MSE")
    result.metric("validation_noise_floor", validation.sampleNoiseFloor, unit: "MSE")
    result.metric("initial_train_mse", good.losses[0], unit: "MSE")
    result.metric("parameter_count", Double(MLP<Float>.parameterCount(sizes: settings.layerSizes)), unit: "parameters")
    for run in runs {
      let key = run.role.replacingOccurrences(of: " ", with: "_")
      result.metric("\(key)_learning_rate", run.learningRate, unit: "learning rate")
      result.metric("\(key)_steps_run", Double(run.updates), unit: "steps")
      if let step = run.divergedAt {
        result.metric("\(key)_diverged_at_step", Double(step), unit: "step")
      } else {
        result.metric("\(key)_final_train_mse", run.finalLoss, unit: "MSE")
        result.metric("\(key)_final_over_noise_floor", run.finalLoss / noiseFloor, unit: "ratio")
        if let validation = run.validationMSE { result.metric("\(key)_validation_mse", validation, unit: "MSE") }
      }
    }

    // Claims, each checked against the measurements above.
    let threshold = LessonText.rate(settings.divergenceFactor)
    result.claim(
      "The too-large rate (lr \(LessonText.rate(large.learningRate))) diverges, and the loop detects it (loss not finite or > \(threshold)× its start) and stops",
      large.divergedAt != nil,
      detail: large.divergedAt.map {
        "loss \(LessonText.significant(large.losses[0], 4)) at step 0 → \(LessonText.significant(large.finalLoss, 4)) at step \($0)"
      } ?? "no divergence in \(large.updates) steps; final MSE \(LessonText.significant(large.finalLoss, 4))")
    let goodRatio = good.finalLoss / noiseFloor
    result.claim(
      "The good rate (lr \(LessonText.rate(good.learningRate))) reaches the noise floor: final training MSE ≤ \(LessonText.fixed(settings.floorTolerance, 2))× the floor",
      good.divergedAt == nil && goodRatio <= settings.floorTolerance,
      detail: good.divergedAt.map { "diverged at step \($0)" }
        ?? "final MSE \(LessonText.fixed(good.finalLoss, 4)) = \(LessonText.fixed(goodRatio, 2))× the floor \(LessonText.fixed(noiseFloor, 4)) (σ² = \(LessonText.significant(sigmaSquared))) after \(LessonText.grouped(good.updates)) steps; validation MSE \(LessonText.fixed(good.validationMSE ?? .nan, 4)) (validation floor \(LessonText.fixed(validation.sampleNoiseFloor, 4)))")
    let smallRatio = small.finalLoss / noiseFloor
    result.claim(
      "The too-small rate (lr \(LessonText.rate(small.learningRate))) is still far from the floor after the same steps: final MSE > \(LessonText.fixed(settings.farFromFloor, 1))× the floor",
      small.divergedAt == nil && smallRatio > settings.farFromFloor,
      detail: small.divergedAt.map { "diverged at step \($0)" }
        ?? "final MSE \(LessonText.fixed(small.finalLoss, 4)) = \(LessonText.fixed(smallRatio, 2))× the floor after \(LessonText.grouped(small.updates)) steps")

    // Plots.
    result.plots.append(try context.savePlot(
      TrainingLoopFigures.lossCurves(runs: runs, noiseFloor: noiseFloor, sigmaSquared: sigmaSquared, settings: settings), file: "loss-curves.png",
      title: "Training loss for three learning rates",
      caption: TrainingLoopFigures.lossCurvesCaption(divergenceFactor: threshold, zoomSteps: min(settings.zoomSteps, settings.steps)),
      alt: TrainingLoopFigures.lossCurvesAlt,
      width: 1600, height: 700))
    result.plots.append(try context.savePlot(
      TrainingLoopFigures.fits(run: good, data: data, grid: grid), file: "fits.png",
      title: "The fitted curve while training",
      caption: TrainingLoopFigures.fitsCaption,
      alt: TrainingLoopFigures.fitsAlt,
      width: 1600, height: 1000))
    result.films.append(try context.saveFilm(
      settings.filmSteps.map { step -> FilmFrame<Chart> in
        FilmFrame(
          figure: TrainingLoopFigures.fitFrame(runs: runs, step: step, data: data, grid: grid), step: step,
          label: TrainingLoopFigures.filmLabel(runs: runs, step: step))
      },
      file: "fits-film.png", title: "The fitted curve of each learning rate, step by step",
      caption: TrainingLoopFigures.fitsFilmCaption,
      alt: TrainingLoopFigures.fitsFilmAlt))
    return result
  }
}

extension MLP {
  /// The number of parameters of an MLP with these layer widths: Σ (inputs + 1)·outputs.
  static func parameterCount(sizes: [Int]) -> Int {
    zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
  }
}
