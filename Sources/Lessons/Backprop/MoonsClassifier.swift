import Autograd
import NeuralNet

/// A small MLP trained on the two moons with the logistic loss (binary cross-entropy of the score)
/// and Adam, full batch; records the loss and accuracy at every step.
struct MoonsClassifier {
  /// The trained network (score > 0 means class 1).
  let model: MLP<Float>
  /// Logistic loss before each update (index = updates applied so far), and after the last.
  var losses: [Double] = []
  /// Training accuracy at the same steps.
  var accuracies: [Double] = []
  /// The decision boundary recorded at the film's steps (empty unless asked for).
  var frames: [BoundaryFrame] = []

  /// P(class 1) on a grid after `step` updates, with the loss and accuracy at that step: one frame of the
  /// decision-boundary film, taken from the training run itself.
  struct BoundaryFrame: Sendable {
    let step: Int
    let loss: Double
    let accuracy: Double
    let probabilities: [[Double]]
  }

  /// Where and at which steps to record the decision boundary while training.
  struct FilmPlan: Sendable {
    var steps: Set<Int>
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>
    var resolution: Int
  }

  /// Trains a fresh tanh network of layer widths `sizes` for `steps` steps at `learningRate`, recording the
  /// decision boundary at `film`'s steps when given.
  static func train(
    on data: TwoMoons, sizes: [Int], steps: Int, learningRate: Double, using generator: inout SplitMix64,
    progress: any ProgressReporter, film: FilmPlan? = nil
  ) throws -> MoonsClassifier {
    let model = MLP<Float>(sizes: sizes, activation: .tanh, using: &generator)
    var run = MoonsClassifier(model: model)
    try run.fit(
      on: data, steps: steps, learningRate: learningRate, progress: progress, phase: "training the moons classifier",
      film: film)
    return run
  }

  /// Trains `model` for `steps` steps (full batch, Adam), appending to the loss and accuracy records, and
  /// recording the decision boundary at `film`'s steps (evaluation only: no random numbers, no gradients).
  mutating func fit(
    on data: TwoMoons, steps: Int, learningRate: Double, progress: any ProgressReporter, phase: String,
    film: FilmPlan? = nil
  ) throws {
    let model = self.model
    let optimizer = AdamW<Float>(parameters: model.parameters, learningRate: learningRate, weightDecay: 0)
    let (x, labels) = (data.inputs(Float.self), data.signedLabels(Float.self))
    for step in 0...steps {
      let isLast = step == steps
      let scores = try isLast ? GradientMode.withoutRecording { try model(x) } : model(x)
      let loss = try scores.meanLogisticLoss(labels: labels)
      losses.append(Double(try Loss.checkFinite(loss, step: step)))
      accuracies.append(data.accuracy(scores: scores.scalars.map { Double($0) }))
      if let film, film.steps.contains(step) {
        frames.append(BoundaryFrame(
          step: step, loss: losses[step], accuracy: accuracies[step],
          probabilities: try probabilityGrid(x: film.x, y: film.y, resolution: film.resolution)))
      }
      if isLast { break }
      model.zeroGrad()
      loss.backward()
      optimizer.step()
      if step % 10 == 0 { progress.report(phase: phase, step: step, total: steps, loss: losses.last) }
    }
    progress.finish(phase: phase, summary: "accuracy \(LessonText.fixed(accuracies.last ?? 0, 3)) after \(steps) steps")
  }

  /// P(class 1) = sigmoid(score) on a `resolution × resolution` grid over the rectangle `x × y`
  /// (row 0 at the bottom, column 0 at the left).
  func probabilityGrid(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int) throws -> [[Double]] {
    var points: [Float] = []
    points.reserveCapacity(2 * resolution * resolution)
    for row in 0..<resolution {
      let v = y.lowerBound + (y.upperBound - y.lowerBound) * (Double(row) + 0.5) / Double(resolution)
      for column in 0..<resolution {
        let u = x.lowerBound + (x.upperBound - x.lowerBound) * (Double(column) + 0.5) / Double(resolution)
        points += [Float(u), Float(v)]
      }
    }
    let scores = try GradientMode.withoutRecording {
      try model(Tensor(shape: [resolution * resolution, 2], scalars: points)).sigmoid()
    }.scalars
    return (0..<resolution).map { row in (0..<resolution).map { Double(scores[row * resolution + $0]) } }
  }
}
