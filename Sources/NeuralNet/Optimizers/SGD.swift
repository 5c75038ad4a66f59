import Autograd

/// Stochastic gradient descent with optional momentum (PyTorch's form):
/// v ← μ·v + g, θ ← θ − lr·v (plain SGD when μ = 0).
public final class SGD<Scalar: TensorScalar>: Optimizer {
  public var learningRate: Double
  /// Momentum coefficient μ in [0, 1).
  public let momentum: Double
  let parameters: [Tensor<Scalar>]
  var velocity: [[Scalar]]

  public init(parameters: [Tensor<Scalar>], learningRate: Double, momentum: Double = 0) {
    self.parameters = parameters.filter(\.requiresGrad)
    self.learningRate = learningRate
    self.momentum = momentum
    velocity = self.parameters.map { [Scalar](repeating: 0, count: $0.count) }
  }

  public func step() {
    let lr = Scalar(learningRate), mu = Scalar(momentum)
    for (index, p) in parameters.enumerated() {
      guard let g = p.grad else { continue }
      p.withMutableScalars { theta in
        velocity[index].withUnsafeMutableBufferPointer { v in
          for i in 0..<theta.count {
            v[i] = mu * v[i] + g[i]
            theta[i] -= lr * v[i]
          }
        }
      }
    }
  }
}
