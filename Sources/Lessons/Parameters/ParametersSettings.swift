import NeuralNet

/// The sizes of the parameters experiment, in one place so they are easy to tune.
struct ParametersSettings: Sendable {
  /// The networks whose parameters are tabulated: the backprop lesson's MLP and a tiny GPT
  /// (the size of the `gpt-tiny` benchmark).
  var tableMLPSizes = [2, 16, 16, 1]
  var tinyGPT = GPTConfig(vocabSize: 96, blockSize: 64, layerCount: 2, headCount: 4, embeddingWidth: 64)

  /// The network whose weights are histogrammed before and after training on the two moons.
  var histogramMLPSizes = [2, 64, 64, 1]
  var histogramSteps = 300
  var histogramLearningRate = 0.01
  var histogramPoints = 200
  var histogramNoise = 0.12

  /// The size sweep: polynomials of each degree fitted exactly (least squares) to a few noisy
  /// points of the training-loop curve; d + 1 parameters for degree d.
  var sweepDegrees = 0...12
  var sweepTrainCount = 24
  var sweepValidationCount = 500
  var sweepNoise = 0.3
  /// Train loss of the largest model must be below this fraction of the smallest model's.
  var trainDropFactor = 0.25
  /// The largest model's validation loss must exceed the best one's by this factor to count as overfitting.
  var overfitFactor = 1.2

  /// The release-build experiment.
  static let full = ParametersSettings()
  /// The test-size experiment.
  static let quick = ParametersSettings(histogramSteps: 120)
}
