import Autograd

/// Updates parameters from their gradients: the last of the five steps of training.
public protocol Optimizer<Scalar>: AnyObject {
  associatedtype Scalar: TensorScalar
  /// The step size used by the next `step()`; schedules set it every step.
  var learningRate: Double { get set }
  /// Applies one update to every parameter that has a gradient.
  func step()
}

/// Scales all gradients down so that their global L2 norm is at most `maxNorm`
/// (`torch.nn.utils.clip_grad_norm_`); returns the norm before clipping.
@discardableResult
public func clipGradientNorm<Scalar>(_ parameters: [Tensor<Scalar>], maxNorm: Double) -> Double {
  var total = 0.0
  for p in parameters {
    p.grad?.withUnsafeBufferPointer { Scalar.accumulateSquares($0, into: &total) }
  }
  let norm = total.squareRoot()
  if norm > maxNorm, norm > 0 {
    let scale = Scalar(maxNorm / (norm + 1e-6))
    for p in parameters where p.grad != nil {
      p.grad!.withUnsafeMutableBufferPointer { Scalar.scale($0, by: scale) }
    }
  }
  return norm
}
