import CKernels

/// The elementwise maps, reductions, row kernels (layer norm, softmax) and the AdamW update of the C
/// kernels (`Sources/CKernels`, map_bodies.h, rows_bodies.h, softmax_bodies.h, optimizer_bodies.h)
/// in the active ``KernelFamily``, for `Float` and `Double`. Each function runs on the calling
/// thread and returns false, doing nothing, when the scalar type has no C kernel (the caller then
/// runs its Swift loop); the callers keep the threading decisions.
extension Kernels {
  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count` (see ``binaryRowLoop(_:_:_:_:_:_:_:)``).
  @inline(__always)
  static func nativeBinary<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) -> Bool {
    let code: Int32 = switch op {
    case .add: 0
    case .subtract: 1
    case .multiply: 2
    case .divide: 3
    }
    if S.self == Float.self {
      wb_binary_f32(KernelFamily.active.code, code, x.as(Float.self), xStep, y.as(Float.self), yStep, out.as(Float.self), count)
    } else if S.self == Double.self {
      wb_binary_f64(KernelFamily.active.code, code, x.as(Double.self), xStep, y.as(Double.self), yStep, out.as(Double.self), count)
    } else {
      return false
    }
    return true
  }

  /// `out[i] = f(x[i])` for the exact functions (negate, ReLU, √); false for the others.
  @inline(__always)
  static func nativeUnary<S: TensorScalar>(_ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) -> Bool {
    let code: Int32
    switch f {
    case .negate: code = 0
    case .relu: code = 1
    case .sqrt: code = 2
    default: return false
    }
    if S.self == Float.self {
      wb_unary_f32(KernelFamily.active.code, code, x.as(Float.self), out.as(Float.self), count)
    } else if S.self == Double.self {
      wb_unary_f64(KernelFamily.active.code, code, x.as(Double.self), out.as(Double.self), count)
    } else {
      return false
    }
    return true
  }

  /// `out[i] = g[i]·f′(x[i])` with `y = f(x)` for every function but GELU; false for GELU.
  @inline(__always)
  static func nativeUnaryBackward<S: TensorScalar>(
    _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int
  ) -> Bool {
    let code: Int32
    switch f {
    case .negate: code = 0
    case .relu: code = 1
    case .sqrt: code = 2
    case .log: code = 3
    case .exp: code = 4
    case .tanh: code = 5
    case .sigmoid: code = 6
    case .gelu: return false
    }
    if S.self == Float.self {
      wb_unary_backward_f32(KernelFamily.active.code, code, x.as(Float.self), y.as(Float.self), g.as(Float.self), out.as(Float.self), count)
    } else if S.self == Double.self {
      wb_unary_backward_f64(KernelFamily.active.code, code, x.as(Double.self), y.as(Double.self), g.as(Double.self), out.as(Double.self), count)
    } else {
      return false
    }
    return true
  }

  /// Σ x[i] (2 × lanes partial sums, added in a fixed order), or nil without a C kernel.
  @inline(__always)
  static func nativeSum<S: TensorScalar>(_ x: UnsafePointer<S>, _ count: Int) -> S? {
    if S.self == Float.self { return S(wb_sum_f32(KernelFamily.active.code, x.as(Float.self), count)) }
    if S.self == Double.self { return S(wb_sum_f64(KernelFamily.active.code, x.as(Double.self), count)) }
    return nil
  }

  /// Σ x[i]·y[i], or nil without a C kernel.
  @inline(__always)
  static func nativeDot<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ count: Int) -> S? {
    if S.self == Float.self { return S(wb_dot_f32(KernelFamily.active.code, x.as(Float.self), y.as(Float.self), count)) }
    if S.self == Double.self { return S(wb_dot_f64(KernelFamily.active.code, x.as(Double.self), y.as(Double.self), count)) }
    return nil
  }

  /// `out[r] = Σ_j x[r·width + j]·y[r·width + j]` for `r < rows`.
  @inline(__always)
  static func nativeRowDots<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, rows: Int, width: Int, _ out: UnsafeMutablePointer<S>) -> Bool {
    if S.self == Float.self {
      wb_row_dots_f32(KernelFamily.active.code, x.as(Float.self), y.as(Float.self), rows, width, out.as(Float.self))
    } else if S.self == Double.self {
      wb_row_dots_f64(KernelFamily.active.code, x.as(Double.self), y.as(Double.self), rows, width, out.as(Double.self))
    } else {
      return false
    }
    return true
  }

  /// `out[j] += Σ_r x[r·stride + j]` for `j < width`, `r < rows` (rows in order: exact).
  @inline(__always)
  static func nativeColumnSums<S: TensorScalar>(_ x: UnsafePointer<S>, rows: Int, width: Int, stride: Int, _ out: UnsafeMutablePointer<S>) -> Bool {
    if S.self == Float.self {
      wb_column_sums_f32(KernelFamily.active.code, x.as(Float.self), rows, width, stride, out.as(Float.self))
    } else if S.self == Double.self {
      wb_column_sums_f64(KernelFamily.active.code, x.as(Double.self), rows, width, stride, out.as(Double.self))
    } else {
      return false
    }
    return true
  }

  /// Layer norm forward of `rows` contiguous rows (pointers at the first row; see ``LayerNormForward``).
  @inline(__always)
  static func nativeLayerNormForward<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) -> Bool {
    let code = KernelFamily.active.code
    if S.self == Float.self {
      wb_layer_norm_forward_f32(
        code, x.as(Float.self), w.as(Float.self), b.as(Float.self), Float(eps), rows, width, normalised.as(Float.self),
        reciprocalStd.as(Float.self), out.as(Float.self))
    } else if S.self == Double.self {
      wb_layer_norm_forward_f64(
        code, x.as(Double.self), w.as(Double.self), b.as(Double.self), Double(eps), rows, width, normalised.as(Double.self),
        reciprocalStd.as(Double.self), out.as(Double.self))
    } else {
      return false
    }
    return true
  }

  /// Layer norm backward of `rows` contiguous rows (pointers at the first row; see ``LayerNormBackward``).
  @inline(__always)
  static func nativeLayerNormBackward<S: TensorScalar>(
    _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>, weight: UnsafePointer<S>,
    rows: Int, width: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>, dbias: UnsafeMutablePointer<S>
  ) -> Bool {
    let code = KernelFamily.active.code
    if S.self == Float.self {
      wb_layer_norm_backward_f32(
        code, g.as(Float.self), normalised.as(Float.self), reciprocalStd.as(Float.self), weight.as(Float.self), rows, width,
        dx?.as(Float.self), dweight.as(Float.self), dbias.as(Float.self))
    } else if S.self == Double.self {
      wb_layer_norm_backward_f64(
        code, g.as(Double.self), normalised.as(Double.self), reciprocalStd.as(Double.self), weight.as(Double.self), rows, width,
        dx?.as(Double.self), dweight.as(Double.self), dbias.as(Double.self))
    } else {
      return false
    }
    return true
  }

  /// Softmax (or log-softmax) of `rows` rows of `scale·x`, rows `stride` apart; Float only (false otherwise).
  @inline(__always)
  static func nativeSoftmaxRows<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, stride: Int, scale: S = 1, logarithmic: Bool
  ) -> Bool {
    guard S.self == Float.self else { return false }
    wb_softmax_rows_f32(KernelFamily.active.code, x.as(Float.self), out.as(Float.self), rows, width, stride, Float(scale), logarithmic ? 1 : 0)
    return true
  }

  /// `out = p ⊙ (dp − Σ dp ⊙ p)·scale` for `rows` rows of `width`, rows `stride` apart (`out` may be `dp`).
  @inline(__always)
  static func nativeSoftmaxBackwardRows<S: TensorScalar>(
    _ p: UnsafePointer<S>, _ dp: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, stride: Int, scale: S
  ) -> Bool {
    if S.self == Float.self {
      wb_softmax_backward_rows_f32(KernelFamily.active.code, p.as(Float.self), dp.as(Float.self), out.as(Float.self), rows, width, stride, Float(scale))
    } else if S.self == Double.self {
      wb_softmax_backward_rows_f64(
        KernelFamily.active.code, p.as(Double.self), dp.as(Double.self), out.as(Double.self), rows, width, stride, Double(scale))
    } else {
      return false
    }
    return true
  }

  /// One AdamW step on `count` parameters, shared across threads by ranges (elementwise: the bits
  /// do not depend on the split): θ ← decay·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
  /// θ ← θ − stepSize·m / (√v / root2 + ε). Returns false, doing nothing, for scalar types
  /// other than `Float` and `Double`.
  public static func adamWUpdate<S: TensorScalar>(
    theta: UnsafeMutablePointer<S>, firstMoment m: UnsafeMutablePointer<S>, secondMoment v: UnsafeMutablePointer<S>,
    gradient g: UnsafePointer<S>, count: Int, decay: S, beta1: S, beta2: S, stepSize: S, root2: S, epsilon: S
  ) -> Bool {
    guard S.self == Float.self || S.self == Double.self else { return false }
    parallelRanges(count, cost: 8) { r in
      let (i, n, code) = (r.lowerBound, r.count, KernelFamily.active.code)
      if S.self == Float.self {
        wb_adamw_f32(
          code, (theta + i).as(Float.self), (m + i).as(Float.self), (v + i).as(Float.self), (g + i).as(Float.self), n,
          Float(decay), Float(beta1), Float(beta2), Float(stepSize), Float(root2), Float(epsilon))
      } else {
        wb_adamw_f64(
          code, (theta + i).as(Double.self), (m + i).as(Double.self), (v + i).as(Double.self), (g + i).as(Double.self), n,
          Double(decay), Double(beta1), Double(beta2), Double(stepSize), Double(root2), Double(epsilon))
      }
    }
    return true
  }
}

extension UnsafePointer {
  /// The memory seen as `T` values; only valid when `Pointee` is `T` (checked by the caller).
  @inline(__always)
  fileprivate func `as`<T>(_: T.Type) -> UnsafePointer<T> { UnsafeRawPointer(self).assumingMemoryBound(to: T.self) }
}

extension UnsafeMutablePointer {
  /// The memory seen as `T` values; only valid when `Pointee` is `T` (checked by the caller).
  @inline(__always)
  fileprivate func `as`<T>(_: T.Type) -> UnsafeMutablePointer<T> { UnsafeMutableRawPointer(self).assumingMemoryBound(to: T.self) }
}
