import CKernels
/// An elementwise operation of two arguments.
enum BinaryOperator {
  case add, subtract, multiply, divide

  /// `x ∘ y` for one pair of scalars (the reference kernels' definition).
  @inline(__always)
  func apply<S: TensorScalar>(_ x: S, _ y: S) -> S {
    switch self {
    case .add: x + y
    case .subtract: x - y
    case .multiply: x * y
    case .divide: x / y
    }
  }
}

/// An elementwise function of one argument (its derivative is stated in Ops/UnaryFunctions.swift).
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

/// Fast elementwise kernels: loops over rows, which for `Float` and `Double` run the C kernels of
/// the active family (NativeMaps.swift; the Swift SIMD loops below them remain for other scalar
/// types and for the functions without a C kernel), and the broadcasting drivers that call them
/// one row at a time.
extension Kernels {
  // MARK: Binary

  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count`, split across threads when large; each
  /// step is 1, or 0 for one repeated value. `out` may be `x` or `y` (in-place update).
  static func binaryRowParallel<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    parallelRanges(count) { r in
      binaryRowLoop(op, x + r.lowerBound * xStep, xStep, y + r.lowerBound * yStep, yStep, out + r.lowerBound, r.count)
    }
  }

  /// ``binaryRowParallel(_:_:_:_:_:_:_:)`` on the calling thread.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func binaryRowLoop<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    if nativeBinary(op, x, xStep, y, yStep, out, count) { return }
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

  /// `a ∘ b` with NumPy broadcasting to `shape` (already validated) into `o` (`shape.product` values).
  static func broadcastLoops<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ aShape: [Int], _ y: UnsafePointer<S>, _ bShape: [Int], to shape: [Int],
    _ o: UnsafeMutablePointer<S>
  ) {
    let n = shape.product
    let (xCount, yCount) = (aShape.product, bShape.product)
    if xCount == n && yCount == n {
      binaryRowParallel(op, x, 1, y, 1, o, n)
    } else if yCount == 1 {
      binaryRowParallel(op, x, 1, y, 0, o, n)
    } else if xCount == 1 {
      binaryRowParallel(op, x, 0, y, 1, o, n)
    } else if xCount == n && Broadcasting.isSuffix(bShape, of: shape) {
      let inner = yCount
      parallelRanges(n / inner, granule: 1, cost: inner) { rows in
        for r in rows { binaryRowLoop(op, x + r * inner, 1, y, 1, o + r * inner, inner) }
      }
    } else if yCount == n && Broadcasting.isSuffix(aShape, of: shape) {
      let inner = xCount
      parallelRanges(n / inner, granule: 1, cost: inner) { rows in
        for r in rows { binaryRowLoop(op, x, 1, y + r * inner, 1, o + r * inner, inner) }
      }
    } else {
      let sa = Broadcasting.strides(of: aShape, in: shape)
      let sb = Broadcasting.strides(of: bShape, in: shape)
      let width = shape.last!, stepA = sa.last!, stepB = sb.last!
      forEachRow(shape, sa, sb) { start, ia, ib in
        binaryRowParallel(op, x + ia, stepA, y + ib, stepB, o + start, width)
      }
    }
  }

  /// Sums a gradient `gp` of broadcast shape `shape` into `o` of shape `target` (zero on entry;
  /// `target` has fewer elements than `shape`).
  static func reduceLoops<S: TensorScalar>(_ gp: UnsafePointer<S>, from shape: [Int], to target: [Int], _ o: UnsafeMutablePointer<S>) {
    let (m, count) = (target.product, shape.product)
    if m == 1 { o[0] = sumLoop(gp, count); return }
    if Broadcasting.isSuffix(target, of: shape) {
      columnSumsParallel(gp, rows: count / m, width: m, into: o)
    } else {
      let st = Broadcasting.strides(of: target, in: shape)
      let zero = [Int](repeating: 0, count: shape.count)
      let width = shape.last!
      if st.last! == 1 {
        forEachRow(shape, st, zero) { start, it, _ in binaryRowParallel(.add, o + it, 1, gp + start, 1, o + it, width) }
      } else {
        forEachRow(shape, st, zero) { start, it, _ in o[it] += sumLoop(gp + start, width) }
      }
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func sumLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ count: Int) -> S {
    if let total = nativeSum(x, count) { return total }
    var partial = SIMD8<S>()
    var i = 0
    while i + 8 <= count { partial += load(x + i); i += 8 }
    var total = partial.sum()
    while i < count { total += x[i]; i += 1 }
    return total
  }

  /// Σ x[i]·y[i] (eight running partial sums, then a fixed-order total).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func dotLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ count: Int) -> S {
    if let total = nativeDot(x, y, count) { return total }
    var partial = SIMD8<S>()
    var i = 0
    while i + 8 <= count { partial = fusedMultiplyAdd(partial, load(x + i), load(y + i)); i += 8 }
    var total = partial.sum()
    while i < count { total += x[i] * y[i]; i += 1 }
    return total
  }

  /// Column sums of a row-major `rows × width` matrix, added to `out` (a bias gradient).
  /// Threads split the columns (each column is summed over the rows in order, whatever the split).
  static func columnSumsParallel<S: TensorScalar>(_ x: UnsafePointer<S>, rows: Int, width: Int, into out: UnsafeMutablePointer<S>) {
    parallelRanges(width, cost: rows) { columns in
      let start = columns.lowerBound
      if nativeColumnSums(x + start, rows: rows, width: columns.count, stride: width, out + start) { return }
      for r in 0..<rows {
        binaryRowLoop(.add, UnsafePointer(out) + columns.lowerBound, 1, x + r * width + columns.lowerBound, 1, out + columns.lowerBound, columns.count)
      }
    }
  }

  // MARK: Unary

  /// `out[i] = f(x[i])`, split across threads when large.
  static func unaryParallel<S: TensorScalar>(_ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    parallelRanges(count, cost: f.cost) { r in unaryLoop(f, x + r.lowerBound, out + r.lowerBound, r.count) }
  }

  /// `out[i] = g[i] · f′(x[i])` with `y = f(x)`, split across threads when large.
  static func unaryBackwardParallel<S: TensorScalar>(
    _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    parallelRanges(count, cost: f.cost) { r in
      let i = r.lowerBound
      unaryBackwardLoop(f, x + i, y + i, g + i, out + i, r.count)
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

  /// `out[i] = f(x[i])` on the calling thread (`out` may be `x`).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func unaryLoop<S: TensorScalar>(_ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    if nativeUnary(f, x, out, count) { return }
    let isFloat = S.self == Float.self
    switch f {
    case .negate: mapLoop(x, out, count, { -$0 }, { -$0 })
    case .relu: mapLoop(x, out, count, { $0.replacing(with: 0, where: $0 .< 0) }, { Swift.max(0, $0) })
    case .sqrt: mapLoop(x, out, count, { $0.squareRoot() }, { $0.squareRoot() })
    case .log: for i in 0..<count { out[i] = S.logarithm(x[i]) }
    case .exp:
      if isFloat { wb_exp_f32(KernelFamily.active.code, x.float, out.float, count) } else {
        for i in 0..<count { out[i] = S.exponential(x[i]) }
      }
    case .tanh:
      if isFloat { wb_tanh_f32(KernelFamily.active.code, x.float, out.float, count) } else {
        for i in 0..<count { out[i] = S.hyperbolicTangent(x[i]) }
      }
    case .sigmoid:
      if isFloat { wb_sigmoid_f32(KernelFamily.active.code, x.float, out.float, count) } else {
        for i in 0..<count { out[i] = 1 / (1 + S.exponential(-x[i])) }
      }
    case .gelu:
      if isFloat { wb_gelu_f32(KernelFamily.active.code, x.float, out.float, count) } else {
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

  /// `out[i] = g[i] · f′(x[i])` on the calling thread.
  static func unaryBackwardLoop<S: TensorScalar>(
    _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    if nativeUnaryBackward(f, x, y, g, out, count) { return }
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
        wb_gelu_backward_f32(KernelFamily.active.code, x.float, g.float, out.float, count)
        return
      }
      scalar { x, _, g in g * geluDerivative(x, S.hyperbolicTangent) }
    }
  }
}

extension Kernels {
  /// `out[i] = x[i·step]` for `i < count` (a row of a permuted tensor).
  static func stridedCopyLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ step: Int, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    if step == 1 {
      out.update(from: x, count: count)
    } else {
      for i in 0..<count { out[i] = x[i * step] }
    }
  }
}

extension UnsafePointer {
  /// The memory seen as `Float`s; only valid when `Pointee` is `Float` (checked by the caller).
  @inline(__always)
  fileprivate var float: UnsafePointer<Float> { UnsafeRawPointer(self).assumingMemoryBound(to: Float.self) }
}

extension UnsafeMutablePointer {
  /// The memory seen as `Float`s; only valid when `Pointee` is `Float` (checked by the caller).
  @inline(__always)
  fileprivate var float: UnsafeMutablePointer<Float> { UnsafeMutableRawPointer(self).assumingMemoryBound(to: Float.self) }
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

// MARK: Entry points

extension Kernels {
  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count` (steps 1, or 0 for one repeated value;
  /// `out` may be `x` or `y`).
  struct BinaryRow: KernelEntryPoint {
    let op: BinaryOperator
    let x: UnsafeRawPointer, xStep: Int, y: UnsafeRawPointer, yStep: Int
    let out: UnsafeMutableRawPointer, count: Int

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, y, out) = (x.scalars(T.self), y.scalars(T.self), out.scalars(T.self))
      for i in 0..<count { out[i] = op.apply(x[i * xStep], y[i * yStep]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      binaryRowParallel(op, x.scalars(T.self), xStep, y.scalars(T.self), yStep, out.scalars(T.self), count)
    }
  }

  /// `out = a ∘ b` with NumPy broadcasting of `aShape` and `bShape` to `shape` (validated; `out`
  /// holds `shape.product` values, none of them zero-sized).
  struct Broadcast: KernelEntryPoint {
    let op: BinaryOperator
    let a: UnsafeRawPointer, aShape: [Int], b: UnsafeRawPointer, bShape: [Int], shape: [Int]
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (a, b, out) = (a.scalars(T.self), b.scalars(T.self), out.scalars(T.self))
      let sa = Broadcasting.strides(of: aShape, in: shape), sb = Broadcasting.strides(of: bShape, in: shape)
      forEachIndex(shape, sa, sb) { i, ia, ib in out[i] = op.apply(a[ia], b[ib]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      broadcastLoops(op, a.scalars(T.self), aShape, b.scalars(T.self), bShape, to: shape, out.scalars(T.self))
    }
  }

  /// `out` (of shape `target`, zero on entry) += the gradient `g` of broadcast shape `shape`
  /// summed over the broadcast dimensions (`target` has fewer elements than `shape`).
  struct Reduce: KernelEntryPoint {
    let g: UnsafeRawPointer, shape: [Int], target: [Int]
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (g, out) = (g.scalars(T.self), out.scalars(T.self))
      let st = Broadcasting.strides(of: target, in: shape), zero = [Int](repeating: 0, count: shape.count)
      forEachIndex(shape, st, zero) { i, it, _ in out[it] += g[i] }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      reduceLoops(g.scalars(T.self), from: shape, to: target, out.scalars(T.self))
    }
  }

  /// `out[0] = Σ x[i]` over `count` values.
  struct Sum: KernelEntryPoint {
    let x: UnsafeRawPointer, count: Int
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let x = x.scalars(T.self)
      var total: T = 0
      for i in 0..<count { total += x[i] }
      out.scalars(T.self)[0] = total
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      out.scalars(T.self)[0] = sumLoop(x.scalars(T.self), count)
    }
  }

  /// `out[0] = Σ x[i]·y[i]` over `count` pairs.
  struct Dot: KernelEntryPoint {
    let x: UnsafeRawPointer, y: UnsafeRawPointer, count: Int
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, y) = (x.scalars(T.self), y.scalars(T.self))
      var total: T = 0
      for i in 0..<count { total += x[i] * y[i] }
      out.scalars(T.self)[0] = total
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      out.scalars(T.self)[0] = dotLoop(x.scalars(T.self), y.scalars(T.self), count)
    }
  }

  /// `out[r] = Σ_j x[r·width + j]·y[r·width + j]`: the dot product of each row pair.
  struct RowDots: KernelEntryPoint {
    let x: UnsafeRawPointer, y: UnsafeRawPointer, rows: Int, width: Int
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, y, out) = (x.scalars(T.self), y.scalars(T.self), out.scalars(T.self))
      for r in 0..<rows {
        var total: T = 0
        for j in 0..<width { total += x[r * width + j] * y[r * width + j] }
        out[r] = total
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      let (x, y, out) = (x.scalars(T.self), y.scalars(T.self), out.scalars(T.self))
      parallelRanges(rows, granule: 1, cost: 2 * width) { range in
        let start = range.lowerBound
        if nativeRowDots(x + start * width, y + start * width, rows: range.count, width: width, out + start) { return }
        for r in range { out[r] = dotLoop(x + r * width, y + r * width, width) }
      }
    }
  }

  /// `out[j] += Σ_r x[r·width + j]`: the column sums of a row-major `rows × width` matrix.
  struct ColumnSums: KernelEntryPoint {
    let x: UnsafeRawPointer, rows: Int, width: Int
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, out) = (x.scalars(T.self), out.scalars(T.self))
      for r in 0..<rows {
        for j in 0..<width { out[j] += x[r * width + j] }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      columnSumsParallel(x.scalars(T.self), rows: rows, width: width, into: out.scalars(T.self))
    }
  }

  /// `out[i] = f(x[i])` for `i < count` (`out` may be `x`).
  struct Unary: KernelEntryPoint {
    let function: UnaryFunction
    let x: UnsafeRawPointer, out: UnsafeMutableRawPointer, count: Int

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, out) = (x.scalars(T.self), out.scalars(T.self))
      for i in 0..<count { out[i] = function.value(x[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      unaryParallel(function, x.scalars(T.self), out.scalars(T.self), count)
    }
  }

  /// `out[i] = g[i] · f′(x[i])` for `i < count`, with `y = f(x)` given too (some derivatives are
  /// cheaper in y).
  struct UnaryBackward: KernelEntryPoint {
    let function: UnaryFunction
    let x: UnsafeRawPointer, y: UnsafeRawPointer, g: UnsafeRawPointer
    let out: UnsafeMutableRawPointer, count: Int

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, y, g, out) = (x.scalars(T.self), y.scalars(T.self), g.scalars(T.self), out.scalars(T.self))
      for i in 0..<count { out[i] = g[i] * function.derivative(x: x[i], y: y[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      unaryBackwardParallel(function, x.scalars(T.self), y.scalars(T.self), g.scalars(T.self), out.scalars(T.self), count)
    }
  }

  /// `out[i] = x[i·step]` for `i < count` (a row of a permuted tensor).
  struct StridedCopy: KernelEntryPoint {
    let x: UnsafeRawPointer, step: Int
    let out: UnsafeMutableRawPointer, count: Int

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, out) = (x.scalars(T.self), out.scalars(T.self))
      for i in 0..<count { out[i] = x[i * step] }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      stridedCopyLoop(x.scalars(T.self), step, out.scalars(T.self), count)
    }
  }
}
