import CKernels
/// An elementwise operation of two arguments.
enum BinaryOperator {
  case add, subtract, multiply, divide
}

/// An elementwise function of one argument, with its derivative.
enum UnaryFunction {
  case negate, exp, log, sqrt, tanh, sigmoid, relu, gelu

  /// √(2/π), the GELU constant.
  static let geluScale = 0.7978845608028654
  /// The cubic coefficient of the GELU tanh approximation.
  static let geluCubic = 0.044715

  /// Rough cost of one element relative to an addition (for deciding when to use threads).
  var cost: Int {
    switch self {
    case .negate, .relu: 1
    case .sqrt: 2
    case .exp, .log, .tanh, .sigmoid, .gelu: 8
    }
  }
}

/// Fast elementwise kernels: SIMD loops over rows, specialised per scalar type, and the
/// broadcasting drivers that call them one row at a time.
extension Kernels {
  // MARK: Binary

  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count`; each step is 1, or 0 for one repeated value.
  /// `out` may be `x` or `y` (in-place update).
  static func binaryRow<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    parallelRanges(count) { r in
      binaryRowSerial(op, x + r.lowerBound * xStep, xStep, y + r.lowerBound * yStep, yStep, out + r.lowerBound, r.count)
    }
  }

  /// ``binaryRow(_:_:_:_:_:_:_:)`` on the calling thread.
  static func binaryRowSerial<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    switch ScalarKind.of(S.self) {
    case .float: binaryRowLoop(op, cast(x, Float.self), xStep, cast(y, Float.self), yStep, cast(out, Float.self), count)
    case .double: binaryRowLoop(op, cast(x, Double.self), xStep, cast(y, Double.self), yStep, cast(out, Double.self), count)
    case .other: binaryRowLoop(op, x, xStep, y, yStep, out, count)
    }
  }

  static func binaryRowLoop<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    switch op {
    case .add: zipLoop(x, xStep, y, yStep, out, count) { $0 + $1 }
    case .subtract: zipLoop(x, xStep, y, yStep, out, count) { $0 - $1 }
    case .multiply: zipLoop(x, xStep, y, yStep, out, count) { $0 * $1 }
    case .divide: zipLoop(x, xStep, y, yStep, out, count) { $0 / $1 }
    }
  }

  @inline(__always)
  static func zipLoop<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int, _ f: (SIMD8<S>, SIMD8<S>) -> SIMD8<S>
  ) {
    var i = 0
    switch (xStep, yStep) {
    case (1, 1):
      while i + 8 <= count { store(f(load(x + i), load(y + i)), out + i); i += 8 }
    case (1, _):
      let yv = SIMD8<S>(repeating: y[0])
      while i + 8 <= count { store(f(load(x + i), yv), out + i); i += 8 }
    case (_, 1):
      let xv = SIMD8<S>(repeating: x[0])
      while i + 8 <= count { store(f(xv, load(y + i)), out + i); i += 8 }
    default:
      break
    }
    while i < count {
      out[i] = f(SIMD8(repeating: x[i * xStep]), SIMD8(repeating: y[i * yStep]))[0]
      i += 1
    }
  }

  /// `x += y` elementwise (gradient accumulation).
  static func addInPlace<S: TensorScalar>(_ x: inout [S], _ y: [S]) {
    precondition(x.count == y.count)
    guard !x.isEmpty else { return }
    x.withUnsafeMutableBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        binaryRow(.add, UnsafePointer(xs.baseAddress!), 1, ys.baseAddress!, 1, xs.baseAddress!, xs.count)
      }
    }
  }

  /// `x ∘ c` for every element of `x` and a constant `c`.
  static func withConstant<S: TensorScalar>(_ op: BinaryOperator, _ x: [S], _ c: S) -> [S] {
    guard !x.isEmpty else { return [] }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        withUnsafePointer(to: c) { cp in
          binaryRow(op, xs.baseAddress!, 1, cp, 0, out.baseAddress!, xs.count)
        }
      }
      initialized = x.count
    }
  }

  /// `a ∘ b` with NumPy broadcasting to `shape` (already validated).
  static func broadcast<S: TensorScalar>(
    _ op: BinaryOperator, _ a: [S], _ aShape: [Int], _ b: [S], _ bShape: [Int], to shape: [Int]
  ) -> [S] {
    let n = shape.product
    guard n > 0 else { return [] }
    return [S](unsafeUninitializedCapacity: n) { out, initialized in
      a.withUnsafeBufferPointer { xs in
        b.withUnsafeBufferPointer { ys in
          let x = xs.baseAddress!, y = ys.baseAddress!, o = out.baseAddress!
          if xs.count == n && ys.count == n {
            binaryRow(op, x, 1, y, 1, o, n)
          } else if ys.count == 1 {
            binaryRow(op, x, 1, y, 0, o, n)
          } else if xs.count == 1 {
            binaryRow(op, x, 0, y, 1, o, n)
          } else if xs.count == n && Broadcasting.isSuffix(bShape, of: shape) {
            let inner = ys.count
            parallelRanges(n / inner, granule: 1, cost: inner) { rows in
              for r in rows { binaryRowSerial(op, x + r * inner, 1, y, 1, o + r * inner, inner) }
            }
          } else if ys.count == n && Broadcasting.isSuffix(aShape, of: shape) {
            let inner = xs.count
            parallelRanges(n / inner, granule: 1, cost: inner) { rows in
              for r in rows { binaryRowSerial(op, x, 1, y + r * inner, 1, o + r * inner, inner) }
            }
          } else {
            let sa = Broadcasting.strides(of: aShape, in: shape)
            let sb = Broadcasting.strides(of: bShape, in: shape)
            let width = shape.last!, stepA = sa.last!, stepB = sb.last!
            forEachRow(shape, sa, sb) { start, ia, ib in
              binaryRow(op, x + ia, stepA, y + ib, stepB, o + start, width)
            }
          }
        }
      }
      initialized = n
    }
  }

  /// Sums a gradient of broadcast shape `shape` back to `target` (the input's shape).
  static func reduce<S: TensorScalar>(_ g: [S], from shape: [Int], to target: [Int]) -> [S] {
    if shape == target { return g }
    let m = target.product
    if g.isEmpty || m == 0 { return [S](repeating: 0, count: m) }
    if m == g.count { return g }  // only size-1 dimensions were added in front
    return g.withUnsafeBufferPointer { gs in
      let gp = gs.baseAddress!
      if m == 1 { return [sum(gp, gs.count)] }
      var out = [S](repeating: 0, count: m)
      out.withUnsafeMutableBufferPointer { os in
        let o = os.baseAddress!
        if Broadcasting.isSuffix(target, of: shape) {
          addColumnSums(gp, rows: gs.count / m, width: m, into: o)
        } else {
          let st = Broadcasting.strides(of: target, in: shape)
          let zero = [Int](repeating: 0, count: shape.count)
          let width = shape.last!
          if st.last! == 1 {
            forEachRow(shape, st, zero) { start, it, _ in binaryRow(.add, o + it, 1, gp + start, 1, o + it, width) }
          } else {
            forEachRow(shape, st, zero) { start, it, _ in o[it] += sum(gp + start, width) }
          }
        }
      }
      return out
    }
  }

  /// Visits the rows (last dimension) of `shape` in row-major order with the flat start of the
  /// row and its offsets under two stride vectors.
  static func forEachRow(_ shape: [Int], _ s1: [Int], _ s2: [Int], _ body: (Int, Int, Int) -> Void) {
    let n = shape.product
    guard n > 0 else { return }
    let rank = shape.count
    if rank <= 1 { body(0, 0, 0); return }
    let width = shape[rank - 1]
    var index = [Int](repeating: 0, count: rank - 1)
    var o1 = 0, o2 = 0
    for start in stride(from: 0, to: n, by: width) {
      body(start, o1, o2)
      var d = rank - 2
      while d >= 0 {
        index[d] += 1
        o1 += s1[d]; o2 += s2[d]
        if index[d] < shape[d] { break }
        o1 -= s1[d] * shape[d]; o2 -= s2[d] * shape[d]
        index[d] = 0
        d -= 1
      }
    }
  }

  // MARK: Reductions

  /// The sum of `count` values (eight running partial sums, then a fixed-order total).
  static func sum<S: TensorScalar>(_ x: UnsafePointer<S>, _ count: Int) -> S {
    switch ScalarKind.of(S.self) {
    case .float: return cast(sumLoop(cast(x, Float.self), count), S.self)
    case .double: return cast(sumLoop(cast(x, Double.self), count), S.self)
    case .other: return sumLoop(x, count)
    }
  }

  static func sumLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ count: Int) -> S {
    var partial = SIMD8<S>()
    var i = 0
    while i + 8 <= count { partial += load(x + i); i += 8 }
    var total = partial.sum()
    while i < count { total += x[i]; i += 1 }
    return total
  }

  /// The sum of all elements of an array.
  static func sum<S: TensorScalar>(_ x: [S]) -> S {
    x.withUnsafeBufferPointer { xs in xs.isEmpty ? 0 : sum(xs.baseAddress!, xs.count) }
  }

  /// Σ x[i]·y[i] (eight running partial sums, then a fixed-order total).
  static func dot<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ count: Int) -> S {
    switch ScalarKind.of(S.self) {
    case .float: return cast(dotLoop(cast(x, Float.self), cast(y, Float.self), count), S.self)
    case .double: return cast(dotLoop(cast(x, Double.self), cast(y, Double.self), count), S.self)
    case .other: return dotLoop(x, y, count)
    }
  }

  static func dotLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ count: Int) -> S {
    var partial = SIMD8<S>()
    var i = 0
    while i + 8 <= count { partial = fusedMultiplyAdd(partial, load(x + i), load(y + i)); i += 8 }
    var total = partial.sum()
    while i < count { total += x[i] * y[i]; i += 1 }
    return total
  }

  /// Column sums of a row-major `rows × width` matrix, added to `out` (a bias gradient).
  /// Threads split the columns (each column is summed over the rows in order, whatever the split).
  static func addColumnSums<S: TensorScalar>(_ x: UnsafePointer<S>, rows: Int, width: Int, into out: UnsafeMutablePointer<S>) {
    parallelRanges(width, cost: rows) { columns in
      for r in 0..<rows {
        binaryRowSerial(.add, UnsafePointer(out) + columns.lowerBound, 1, x + r * width + columns.lowerBound, 1, out + columns.lowerBound, columns.count)
      }
    }
  }

  // MARK: Unary

  /// `out[i] = f(x[i])`.
  static func unary<S: TensorScalar>(_ f: UnaryFunction, _ x: [S]) -> [S] {
    guard !x.isEmpty else { return [] }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        let (x, o) = (xs.baseAddress!, out.baseAddress!)
        parallelRanges(xs.count, cost: f.cost) { r in
          switch ScalarKind.of(S.self) {
          case .float: unaryLoop(f, cast(x, Float.self) + r.lowerBound, cast(o, Float.self) + r.lowerBound, r.count)
          case .double: unaryLoop(f, cast(x, Double.self) + r.lowerBound, cast(o, Double.self) + r.lowerBound, r.count)
          case .other: unaryLoop(f, x + r.lowerBound, o + r.lowerBound, r.count)
          }
        }
      }
      initialized = x.count
    }
  }

  /// `out[i] = eˣ⁽ⁱ⁾` for a row (`out` may be `x`).
  static func expRow<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    switch ScalarKind.of(S.self) {
    case .float: unaryLoop(.exp, cast(x, Float.self), cast(out, Float.self), count)
    case .double: unaryLoop(.exp, cast(x, Double.self), cast(out, Double.self), count)
    case .other: unaryLoop(.exp, x, out, count)
    }
  }

  /// `out[i] = g[i] · f′(x[i])`, where `y = f(x)` is passed too (some derivatives are cheaper in y).
  static func unaryBackward<S: TensorScalar>(_ f: UnaryFunction, x: [S], y: [S], gradient g: [S]) -> [S] {
    guard !g.isEmpty else { return [] }
    return [S](unsafeUninitializedCapacity: g.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        y.withUnsafeBufferPointer { ys in
          g.withUnsafeBufferPointer { gs in
            let (xp, yp, gp, op) = (xs.baseAddress!, ys.baseAddress!, gs.baseAddress!, out.baseAddress!)
            parallelRanges(gs.count, cost: f.cost) { r in
              let i = r.lowerBound
              switch ScalarKind.of(S.self) {
              case .float:
                unaryBackwardLoop(f, cast(xp, Float.self) + i, cast(yp, Float.self) + i, cast(gp, Float.self) + i, cast(op, Float.self) + i, r.count)
              case .double:
                unaryBackwardLoop(f, cast(xp, Double.self) + i, cast(yp, Double.self) + i, cast(gp, Double.self) + i, cast(op, Double.self) + i, r.count)
              case .other:
                unaryBackwardLoop(f, xp + i, yp + i, gp + i, op + i, r.count)
              }
            }
          }
        }
      }
      initialized = g.count
    }
  }

  /// Applies `vector` to eight elements at a time while it can, then `scalar` to the rest.
  @inline(__always)
  static func mapLoop<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int,
    _ vector: (SIMD8<S>) -> SIMD8<S>, _ scalar: (S) -> S
  ) {
    var i = 0
    while i + 8 <= count { store(vector(load(x + i)), out + i); i += 8 }
    while i < count { out[i] = scalar(x[i]); i += 1 }
  }

  static func unaryLoop<S: TensorScalar>(_ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    let isFloat = S.self == Float.self
    switch f {
    case .negate: mapLoop(x, out, count, { -$0 }, { -$0 })
    case .relu: mapLoop(x, out, count, { $0.replacing(with: 0, where: $0 .< 0) }, { Swift.max(0, $0) })
    case .sqrt: mapLoop(x, out, count, { $0.squareRoot() }, { $0.squareRoot() })
    case .log: for i in 0..<count { out[i] = S.logarithm(x[i]) }
    case .exp:
      if isFloat { wb_exp_f32(KernelFamily.active.code, cast(x, Float.self), cast(out, Float.self), count) } else {
        for i in 0..<count { out[i] = S.exponential(x[i]) }
      }
    case .tanh:
      if isFloat { mapLoop(cast(x, Float.self), cast(out, Float.self), count, tanh, Float.hyperbolicTangent) } else {
        for i in 0..<count { out[i] = S.hyperbolicTangent(x[i]) }
      }
    case .sigmoid:
      if isFloat {
        mapLoop(cast(x, Float.self), cast(out, Float.self), count, { 1 / (1 + exp(-$0)) }, { 1 / (1 + Float.exponential(-$0)) })
      } else {
        for i in 0..<count { out[i] = 1 / (1 + S.exponential(-x[i])) }
      }
    case .gelu:
      if isFloat { wb_gelu_f32(KernelFamily.active.code, cast(x, Float.self), cast(out, Float.self), count) } else {
        for i in 0..<count { out[i] = geluForward(x[i], S.hyperbolicTangent) }
      }
    }
  }

  /// ½x(1 + tanh(√(2/π)(x + 0.044715x³))) with the given tanh.
  @inline(__always)
  static func geluForward<S: TensorScalar>(_ x: S, _ tanh: (S) -> S) -> S {
    let c = S(UnaryFunction.geluScale), k = S(UnaryFunction.geluCubic)
    return 0.5 * x * (1 + tanh(c * (x + k * x * x * x)))
  }

  /// GELU of eight floats, as x·σ(2u) = x / (1 + e^(−2u)) with u = √(2/π)(x + 0.044715x³)
  /// (equal to ½x(1 + tanh u); one exponential and one division instead of a tanh).
  @inline(__always)
  static func geluForward(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let c = Float(UnaryFunction.geluScale), k = Float(UnaryFunction.geluCubic)
    let minusTwoU: SIMD8<Float> = (-2 * c) * (x + k * x * x * x)
    return x / (1 + exp(minusTwoU))
  }

  /// d/dx GELU = ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²), t = tanh(√(2/π)(x + 0.044715x³)).
  @inline(__always)
  static func geluDerivative<S: TensorScalar>(_ x: S, _ tanh: (S) -> S) -> S {
    let c = S(UnaryFunction.geluScale), k = S(UnaryFunction.geluCubic)
    let t = tanh(c * (x + k * x * x * x))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * k * x * x)
  }

  /// The GELU derivative of eight floats: with s = σ(2u), d/dx x·s = s + 2x·s(1 − s)·√(2/π)(1 + 3·0.044715x²).
  @inline(__always)
  static func geluDerivative(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let c = Float(UnaryFunction.geluScale), k = Float(UnaryFunction.geluCubic)
    let x2: SIMD8<Float> = x * x
    let minusTwoU: SIMD8<Float> = (-2 * c) * (x + k * x2 * x)
    let s = 1 / (1 + exp(minusTwoU))
    let slope: SIMD8<Float> = (2 * c) * (1 + (3 * k) * x2)
    let right: SIMD8<Float> = x * s * (1 - s) * slope
    return s + right
  }

  static func unaryBackwardLoop<S: TensorScalar>(
    _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    var i = 0
    @inline(__always) func simd(_ body: (_ x: SIMD8<S>, _ y: SIMD8<S>, _ g: SIMD8<S>) -> SIMD8<S>) {
      while i + 8 <= count { store(body(load(x + i), load(y + i), load(g + i)), out + i); i += 8 }
    }
    @inline(__always) func scalar(_ body: (_ x: S, _ y: S, _ g: S) -> S) {
      while i < count { out[i] = body(x[i], y[i], g[i]); i += 1 }
    }
    switch f {
    case .negate: simd { _, _, g in -g }; scalar { _, _, g in -g }
    case .relu: simd { x, _, g in g.replacing(with: 0, where: x .<= 0) }; scalar { x, _, g in x > 0 ? g : 0 }
    case .sqrt: simd { _, y, g in g / (2 * y) }; scalar { _, y, g in g / (2 * y) }
    case .log: simd { x, _, g in g / x }; scalar { x, _, g in g / x }
    case .exp: simd { _, y, g in g * y }; scalar { _, y, g in g * y }
    case .tanh: simd { _, y, g in g * (1 - y * y) }; scalar { _, y, g in g * (1 - y * y) }
    case .sigmoid: simd { _, y, g in g * y * (1 - y) }; scalar { _, y, g in g * y * (1 - y) }
    case .gelu:
      if S.self == Float.self {
        wb_gelu_backward_f32(KernelFamily.active.code, cast(x, Float.self), cast(g, Float.self), cast(out, Float.self), count)
        return
      }
      scalar { x, _, g in g * geluDerivative(x, S.hyperbolicTangent) }
    }
  }
}

extension Kernels {
  /// `out[i] = x[i·step]` for `i < count` (a row of a permuted tensor).
  static func stridedCopy<S: TensorScalar>(_ x: UnsafePointer<S>, step: Int, into out: UnsafeMutablePointer<S>, count: Int) {
    switch ScalarKind.of(S.self) {
    case .float: stridedCopyLoop(cast(x, Float.self), step, cast(out, Float.self), count)
    case .double: stridedCopyLoop(cast(x, Double.self), step, cast(out, Double.self), count)
    case .other: stridedCopyLoop(x, step, out, count)
    }
  }

  static func stridedCopyLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ step: Int, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    if step == 1 {
      out.update(from: x, count: count)
    } else {
      for i in 0..<count { out[i] = x[i * step] }
    }
  }
}

// File-local SIMD helpers (see `fusedMultiplyAdd` in Gemm.swift for why they are not shared).

/// Eight values at `p` (no alignment needed).
@inline(__always)
fileprivate func load<S: TensorScalar>(_ p: UnsafePointer<S>) -> SIMD8<S> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
}

/// Stores eight values at `p` (no alignment needed).
@inline(__always)
fileprivate func store<S: TensorScalar>(_ v: SIMD8<S>, _ p: UnsafeMutablePointer<S>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<S>.self)
}

/// `a·b + c`, fused where the target has FMA.
@inline(__always)
fileprivate func fusedMultiplyAdd<S: TensorScalar>(_ c: SIMD8<S>, _ a: SIMD8<S>, _ b: SIMD8<S>) -> SIMD8<S> {
  #if WORKBENCH_FMA || arch(arm64)
    c.addingProduct(a, b)
  #else
    c + a * b
  #endif
}
