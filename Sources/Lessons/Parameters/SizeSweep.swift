import Autograd
import NeuralNet

/// Under- and over-fitting: MLPs of increasing width fitted to the same few noisy points for the
/// same number of steps, with training and validation loss measured at the end.
struct SizeSweep: Sendable {
  /// One trained size.
  struct Point: Sendable {
    let width: Int
    let parameterCount: Int
    let trainMSE: Double
    let validationMSE: Double
    /// The model's curve on the sweep's grid.
    let curve: [Double]
  }

  let train: NoisyCurve
  let validation: NoisyCurve
  let grid: [Double]
  var points: [Point] = []

  /// Trains every width in `settings.sweepWidths`; each model gets its own split of `generator`.
  static func run(settings: ParametersSettings, using generator: inout SplitMix64, progress: any ProgressReporter) throws -> SizeSweep {
    var dataGenerator = generator.split()
    let train = NoisyCurve(count: settings.sweepTrainCount, noise: settings.sweepNoise, using: &dataGenerator)
    let validation = NoisyCurve(count: settings.sweepValidationCount, noise: settings.sweepNoise, using: &dataGenerator)
    var sweep = SizeSweep(train: train, validation: validation, grid: (0...240).map { -3 + 6 * Double($0) / 240 })
    let (x, y) = (train.inputs(Float.self), train.targets(Float.self))
    let (vx, vy) = (validation.inputs(Float.self), validation.targets(Float.self))
    let gridTensor = Tensor<Float>(shape: [sweep.grid.count, 1], scalars: sweep.grid.map { Float($0) })
    for (index, width) in settings.sweepWidths.enumerated() {
      var modelGenerator = generator.split()
      let model = MLP<Float>(sizes: [1, width, width, 1], activation: .tanh, using: &modelGenerator)
      let optimizer = AdamW<Float>(parameters: model.parameters, learningRate: settings.sweepLearningRate, weightDecay: 0)
      for step in 0..<settings.sweepSteps {
        let loss = try Loss.meanSquaredError(model(x), y)
        try Loss.checkFinite(loss, step: step)
        model.zeroGrad()
        loss.backward()
        optimizer.step()
      }
      let (trainMSE, validationMSE, curve) = try GradientMode.withoutRecording {
        (
          Double(try Loss.meanSquaredError(model(x), y).item), Double(try Loss.meanSquaredError(model(vx), vy).item),
          try model(gridTensor).scalars.map { Double($0) }
        )
      }
      sweep.points.append(Point(
        width: width, parameterCount: model.parameterCount, trainMSE: trainMSE, validationMSE: validationMSE, curve: curve))
      progress.report(phase: "size sweep", step: index + 1, total: settings.sweepWidths.count, loss: validationMSE)
    }
    progress.finish(phase: "size sweep", summary: "\(settings.sweepWidths.count) sizes trained")
    return sweep
  }

  /// The size with the lowest validation loss.
  var best: Point? { points.min { $0.validationMSE < $1.validationMSE } }
}
