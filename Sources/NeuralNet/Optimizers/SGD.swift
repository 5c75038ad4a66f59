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
      guard let g = p.grad, !g.isEmpty else { continue }
      p.withMutableScalars { theta in
        theta.withUnsafeMutableBufferPointer { theta in
          velocity[index].withUnsafeMutableBufferPointer { v in
            g.withUnsafeBufferPointer { grad in
              SGDKernel.update(theta.baseAddress!, v.baseAddress!, grad.baseAddress!, grad.count, learningRate: lr, momentum: mu)
            }
          }
        }
      }
    }
  }
}

/// The SGD update loop, outside the generic class and compiled specialised for `Float` and
/// `Double`, so that it runs specialised even when called from unspecialised generic code.
enum SGDKernel {
  /// v ← μ·v + g; θ ← θ − lr·v.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func update<S: TensorScalar>(
    _ theta: UnsafeMutablePointer<S>, _ v: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ count: Int, learningRate lr: S, momentum mu: S
  ) {
    for i in 0..<count {
      v[i] = mu * v[i] + g[i]
      theta[i] -= lr * v[i]
    }
  }
}
