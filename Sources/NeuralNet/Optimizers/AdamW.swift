import Autograd

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
      let constants = [decay, beta1, beta2, stepSize, root2, epsilon]
      p.withMutableScalars { theta in
        theta.withUnsafeMutableBufferPointer { theta in
          firstMoment[index].withUnsafeMutableBufferPointer { m in
            secondMoment[index].withUnsafeMutableBufferPointer { v in
              g.withUnsafeBufferPointer { grad in
                let (t, m, v, g, n) = (theta.baseAddress!, m.baseAddress!, v.baseAddress!, grad.baseAddress!, grad.count)
                // A concrete type makes the loop run specialised even when this generic code is not.
                if Scalar.self == Float.self {
                  AdamWKernel.update(cast(t, Float.self), cast(m, Float.self), cast(v, Float.self), cast(g, Float.self), n, constants.map { Float($0) })
                } else if Scalar.self == Double.self {
                  AdamWKernel.update(cast(t, Double.self), cast(m, Double.self), cast(v, Double.self), cast(g, Double.self), n, constants.map { Double($0) })
                } else {
                  AdamWKernel.update(t, m, v, g, n, constants)
                }
              }
            }
          }
        }
      }
    }
  }
}

import Foundation

/// The AdamW update loop, outside the generic class so that a call with a concrete scalar type
/// is specialised even from unspecialised code.
enum AdamWKernel {
  /// θ ← decay·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − stepSize·m / (√v/root2 + ε),
  /// with `constants` = [decay, β₁, β₂, stepSize, root2, ε].
  static func update<S: TensorScalar>(
    _ theta: UnsafeMutablePointer<S>, _ m: UnsafeMutablePointer<S>, _ v: UnsafeMutablePointer<S>, _ grad: UnsafePointer<S>,
    _ count: Int, _ constants: [S]
  ) {
    let (decay, beta1, beta2, stepSize, root2, epsilon) = (constants[0], constants[1], constants[2], constants[3], constants[4], constants[5])
    // Float and Double: the C kernel of the active kernel family (the same operations, vectorised
    // to the CPU's width, fused multiply-adds where the family has them).
    if Kernels.adamWUpdate(
      theta: theta, firstMoment: m, secondMoment: v, gradient: grad, count: count, decay: decay, beta1: beta1, beta2: beta2,
      stepSize: stepSize, root2: root2, epsilon: epsilon)
    {
      return
    }
    ParallelWork.ranges(count, cost: 8) { range in
      // Eight at a time (the same operations in the same order as the scalar tail, so the same values).
      var i = range.lowerBound
      let end = range.upperBound
      while i + 8 <= end {
        let g = UnsafeRawPointer(grad + i).loadUnaligned(as: SIMD8<S>.self)
        let mi = beta1 * UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<S>.self) + (1 - beta1) * g
        let vi = beta2 * UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<S>.self) + (1 - beta2) * g * g
        var t = UnsafeRawPointer(theta + i).loadUnaligned(as: SIMD8<S>.self) * decay
        t -= stepSize * mi / (vi.squareRoot() / root2 + epsilon)
        UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<S>.self)
        UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<S>.self)
        UnsafeMutableRawPointer(theta + i).storeBytes(of: t, as: SIMD8<S>.self)
        i += 8
      }
      while i < end {
        theta[i] *= decay
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i]
        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i]
        theta[i] -= stepSize * m[i] / (v[i].squareRoot() / root2 + epsilon)
        i += 1
      }
    }
  }
}
