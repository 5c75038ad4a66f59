/// The optimizers' update rules as kernel entry points: the readable rule one parameter at a time,
/// and the C kernel of the call's family.
extension Kernels {
  /// One AdamW step on `count` parameters θ with moments m, v and gradient g (the constants fold
  /// the bias corrections in; see `AdamW` in NeuralNet):
  ///
  ///     θ ← decay·θ
  ///     m ← β₁m + (1−β₁)g
  ///     v ← β₂v + (1−β₂)g²
  ///     θ ← θ − stepSize · m / (√v / root2 + ε)
  ///
  /// Elementwise: a parameter's new value depends on its own θ, m, v and g only, so the fast
  /// kernel's split across threads does not change any bits.
  struct AdamWUpdate: KernelEntryPoint {
    let theta: UnsafeMutableRawPointer, firstMoment: UnsafeMutableRawPointer, secondMoment: UnsafeMutableRawPointer
    let gradient: UnsafeRawPointer, count: Int
    let decay: Double, beta1: Double, beta2: Double, stepSize: Double, root2: Double, epsilon: Double

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (theta, m, v, g) = (theta.scalars(T.self), firstMoment.scalars(T.self), secondMoment.scalars(T.self), gradient.scalars(T.self))
      let (decay, beta1, beta2) = (T(decay), T(beta1), T(beta2))
      let (stepSize, root2, epsilon) = (T(stepSize), T(root2), T(epsilon))
      for i in 0..<count {
        theta[i] *= decay
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
        theta[i] -= stepSize * m[i] / (v[i].squareRoot() / root2 + epsilon)
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      let (theta, m, v, g) = (theta.scalars(T.self), firstMoment.scalars(T.self), secondMoment.scalars(T.self), gradient.scalars(T.self))
      let (decay, beta1, beta2) = (T(decay), T(beta1), T(beta2))
      let (stepSize, root2, epsilon) = (T(stepSize), T(root2), T(epsilon))
      parallelRanges(count, cost: 8) { r in
        let i = r.lowerBound
        native.adamW(
          theta + i, m + i, v + i, g + i, r.count, decay: decay, beta1: beta1, beta2: beta2, stepSize: stepSize, root2: root2,
          epsilon: epsilon)
      }
    }
  }
}
