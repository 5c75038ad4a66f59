import Autograd
import NeuralNet

/// What happened in each of the five steps of the first training iteration: shapes, the loss,
/// the size of the gradient and of the update.
struct FiveStepTrace: Sendable {
  let inputShape: [Int]
  let predictionShape: [Int]
  let targetShape: [Int]
  /// One example: input, prediction and target.
  let example: (x: Double, prediction: Double, target: Double)
  /// Mean squared error of the first batch.
  let loss: Double
  /// Number of parameter tensors and scalars that received gradients.
  let tensorCount: Int
  let parameterCount: Int
  /// Global L2 norm of the gradient ‖∂L/∂θ‖.
  let gradientNorm: Double
  /// L2 norm of the update ‖Δθ‖ and its largest element |Δθ|.
  let updateNorm: Double
  let largestUpdate: Double
  let learningRate: Double

  /// Reads the trace off a model that has just taken its first optimizer step.
  init(
    model: MLP<Float>, before: [[Float]], x: Tensor<Float>, prediction: Tensor<Float>, targets: Tensor<Float>,
    data: NoisyCurve, loss: Double, learningRate: Double
  ) {
    inputShape = x.shape
    predictionShape = prediction.shape
    targetShape = targets.shape
    example = (data.xs[0], Double(prediction.scalars[0]), data.ys[0])
    self.loss = loss
    let parameters = model.parameters
    tensorCount = parameters.count
    parameterCount = model.parameterCount
    var gradientSquares = 0.0
    var updateSquares = 0.0
    var largest = 0.0
    for (tensor, old) in zip(parameters, before) {
      for g in tensor.grad ?? [] { gradientSquares += Double(g) * Double(g) }
      for (new, previous) in zip(tensor.scalars, old) {
        let delta = Double(new) - Double(previous)
        updateSquares += delta * delta
        largest = max(largest, abs(delta))
      }
    }
    gradientNorm = gradientSquares.squareRoot()
    updateNorm = updateSquares.squareRoot()
    largestUpdate = largest
    self.learningRate = learningRate
  }

  /// The trace as terminal lines; `lossAfter` is the loss after the update, `architecture` e.g. "1-32-32-1".
  func lines(lossAfter: Double?, architecture: String, steps: Int) -> [String] {
    let s = LessonText.significant
    var lines = [
      "The five steps of training, first iteration at lr \(LessonText.rate(learningRate)) (\(LessonText.grouped(parameterCount)) parameters):",
      "  1. Process examples: inputs \(LessonText.shape(inputShape)) → MLP \(architecture) (tanh) → predictions \(LessonText.shape(predictionShape))",
      "  2. Compare with targets \(LessonText.shape(targetShape)): e.g. x = \(s(example.x, 4)) → predicted \(s(example.prediction, 4)), target \(s(example.target, 4))",
      "  3. Loss: mean squared error over the batch = \(s(loss, 5))",
      "  4. Backpropagate: ∂loss/∂θ for \(tensorCount) tensors (\(LessonText.grouped(parameterCount)) numbers), gradient norm ‖g‖ = \(s(gradientNorm, 4))",
      "  5. Update (Adam, lr \(LessonText.rate(learningRate))): ‖Δθ‖ = \(s(updateNorm, 4)), largest |Δθ| = \(s(largestUpdate, 4))",
    ]
    if let lossAfter {
      lines.append("  → loss after the update \(s(lossAfter, 5)); then repeat, \(LessonText.grouped(steps)) times in all.")
    }
    return lines
  }
}
