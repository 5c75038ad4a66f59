/// The sizes of the backprop experiment, in one place so they are easy to tune.
struct BackpropSettings: Sendable {
  /// Step of the central finite differences, f′(x) ≈ (f(x + h) − f(x − h)) / 2h, in float64.
  var finiteDifferenceStep = 1e-6
  /// Largest relative difference accepted between backprop and finite differences.
  var tolerance = 1e-6
  /// Two-moons points and their noise.
  var moonsCount = 200
  var moonsNoise = 0.12
  /// The classifier's layer widths.
  var layerSizes = [2, 16, 16, 1]
  /// Full-batch Adam steps on the logistic loss, and the learning rate.
  var steps = 100
  var learningRate = 0.05
  /// The accuracy the claim asks for.
  var targetAccuracy = 0.97
  /// Cells per side of the decision-boundary grid.
  var gridResolution = 160
  /// Frames of the decision-boundary film (about; quadratically spaced steps) and its grid cells per side.
  var filmFrames = 18
  var filmGridResolution = 60

  /// The release-build experiment.
  static let full = BackpropSettings()
  /// The test-size experiment (the same training; a coarser decision grid).
  static let quick = BackpropSettings(gridResolution: 80)
  /// The largest `--steps` accepted.
  static let maximumSteps = 100_000
}
