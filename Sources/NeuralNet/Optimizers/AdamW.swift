import Autograd
import Foundation

/// Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW, Loshchilov & Hutter 2019),
/// matching `torch.optim.AdamW`:
///
///     θ ← θ − lr·λ·θ                     (decay, skipped when λ = 0: plain Adam)
///     m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²
///     θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
public final class AdamW<Scalar: TensorScalar>: Optimizer {
  public var learningRate: Double
  /// Exponential decay rates of the first and second moment estimates.
  public let betas: (Double, Double)
  /// Added to the denominator for stability.
  public let eps: Double
  /// Decoupled weight decay λ.
  public let weightDecay: Double
  /// Number of steps taken so far (t in the bias correction).
  public internal(set) var stepCount = 0

  let parameters: [Tensor<Scalar>]
  let decays: [Bool]
  var firstMoment: [[Scalar]]
  var secondMoment: [[Scalar]]

  /// An optimizer over the trainable tensors in `parameters`. With `decayMatricesOnly`, weight
  /// decay applies to parameters of rank ≥ 2 only (biases and norms are not decayed).
  public init(
    parameters: [Tensor<Scalar>], learningRate: Double = 3e-4, betas: (Double, Double) = (0.9, 0.999),
    eps: Double = 1e-8, weightDecay: Double = 0.01, decayMatricesOnly: Bool = false
  ) {
    self.parameters = parameters.filter(\.requiresGrad)
    self.learningRate = learningRate
    self.betas = betas
    self.eps = eps
    self.weightDecay = weightDecay
    decays = self.parameters.map { !decayMatricesOnly || $0.rank >= 2 }
    firstMoment = self.parameters.map { [Scalar](repeating: 0, count: $0.count) }
    secondMoment = firstMoment
  }

  public func step() {
    stepCount += 1
    let (beta1, beta2) = (Scalar(betas.0), Scalar(betas.1))
    let correction1 = 1 - Foundation.pow(betas.0, Double(stepCount))
    let correction2 = 1 - Foundation.pow(betas.1, Double(stepCount))
    let stepSize = Scalar(learningRate / correction1)
    let root2 = Scalar(correction2.squareRoot())
    let epsilon = Scalar(eps)
    for (index, p) in parameters.enumerated() {
      guard let g = p.grad, !g.isEmpty else { continue }
      let decay = decays[index] ? 1 - Scalar(learningRate * weightDecay) : 1
      p.withMutableScalars { theta in
        theta.withUnsafeMutableBufferPointer { theta in
          firstMoment[index].withUnsafeMutableBufferPointer { m in
            secondMoment[index].withUnsafeMutableBufferPointer { v in
              g.withUnsafeBufferPointer { grad in
                Kernels.adamWUpdate(
                  theta: theta.baseAddress!, firstMoment: m.baseAddress!, secondMoment: v.baseAddress!, gradient: grad.baseAddress!,
                  count: grad.count, decay: decay, beta1: beta1, beta2: beta2, stepSize: stepSize, root2: root2, epsilon: epsilon)
              }
            }
          }
        }
      }
    }
  }
}
