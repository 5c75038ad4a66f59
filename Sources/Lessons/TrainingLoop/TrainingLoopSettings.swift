/// The sizes of the training-loop experiment, in one place so they are easy to tune.
struct TrainingLoopSettings: Sendable {
  /// Training points (the whole set is one batch: full-batch training).
  var trainCount: Int
  /// Held-out points for the validation error.
  var validationCount: Int
  /// Standard deviation σ of the noise on every target; the expected noise floor is σ².
  var noise = 0.25
  /// Hidden layer widths of the tanh MLP (input and output width 1).
  var hiddenWidths = [32, 32]
  /// Optimizer steps per learning rate.
  var steps: Int
  /// The rate that is too small, the good one, and the one that is too large (Adam).
  var smallRate = 1e-4
  var goodRate = 5e-3
  var largeRate = 1.0
  /// A run counts as diverged once its loss is not finite or exceeds this multiple of its start.
  var divergenceFactor = 10.0
  /// The good run "reaches the noise floor" when its final training MSE is at most this multiple of
  /// the floor (the MSE of the noiseless curve on the training points, ≈ σ²).
  var floorTolerance = 1.10
  /// The small run is "far from the floor" when its final training MSE exceeds this multiple of the floor.
  var farFromFloor = 1.5
  /// Frames of the fitted-curve film (about; quadratically spaced steps).
  var filmFrames = 30
  /// Steps shown in the zoomed panel of the loss plot.
  var zoomSteps = 20

  /// The release-build experiment (a few seconds on two cores).
  static let full = TrainingLoopSettings(trainCount: 256, validationCount: 1000, steps: 2000)
  /// The test-size experiment.
  static let quick = TrainingLoopSettings(trainCount: 128, validationCount: 500, steps: 1000)
  /// The largest `--steps` accepted.
  static let maximumSteps = 100_000

  /// The model's layer widths, input to output.
  var layerSizes: [Int] { [1] + hiddenWidths + [1] }

  /// The steps at which every run's curve is recorded for the film.
  var filmSteps: [Int] { FilmSchedule.steps(total: steps, count: filmFrames) }

  /// The steps at which the fitted curve of the good run is drawn (always including 0 and the last).
  var snapshotSteps: [Int] {
    let candidates = [0, 10, 50, 200, steps / 2, steps].filter { $0 >= 0 && $0 <= steps }
    return Array(Set(candidates)).sorted()
  }
}
