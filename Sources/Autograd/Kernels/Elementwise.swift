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

/// Fast elementwise kernels: the C maps and reductions of the call's ``NativeKernels`` over rows,
/// split across threads when large, Swift loops on libm for the functions C lacks in a type
/// (log; exp, tanh, sigmoid and GELU in `Double`), and the broadcasting drivers that call them one
/// row at a time.
extension Kernels {
  // MARK: Binary

  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count`, split across threads when large; each
  /// step is 1, or 0 for one repeated value. `out` may be `x` or `y` (in-place update).
  static func binaryRowParallel<S: TensorScalar>(
    _ native: NativeKernels<S>, _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    parallelRanges(count) { r in
      native.binary(op, x + r.lowerBound * xStep, xStep, y + r.lowerBound * yStep, yStep, out + r.lowerBound, r.count)
    }
  }

  /// `a ∘ b` with NumPy broadcasting to `shape` (already validated) into `o` (`shape.product` values).
  static func broadcastLoops<S: TensorScalar>(
    _ native: NativeKernels<S>, _ op: BinaryOperator, _ x: UnsafePointer<S>, _ aShape: [Int], _ y: UnsafePointer<S>, _ bShape: [Int],
    to shape: [Int], _ o: UnsafeMutablePointer<S>
  ) {
    let n = shape.product
    let (xCount, yCount) = (aShape.product, bShape.product)
    if xCount == n && yCount == n {
      binaryRowParallel(native, op, x, 1, y, 1, o, n)
    } else if yCount == 1 {
      binaryRowParallel(native, op, x, 1, y, 0, o, n)
    } else if xCount == 1 {
      binaryRowParallel(native, op, x, 0, y, 1, o, n)
    } else if xCount == n && Broadcasting.isSuffix(bShape, of: shape) {
      let inner = yCount
      parallelRanges(n / inner, granule: 1, cost: inner) { rows in
        for r in rows { native.binary(op, x + r * inner, 1, y, 1, o + r * inner, inner) }
      }
    } else if yCount == n && Broadcasting.isSuffix(aShape, of: shape) {
      let inner = xCount
      parallelRanges(n / inner, granule: 1, cost: inner) { rows in
        for r in rows { native.binary(op, x, 1, y + r * inner, 1, o + r * inner, inner) }
      }
    } else {
      let sa = Broadcasting.strides(of: aShape, in: shape)
      let sb = Broadcasting.strides(of: bShape, in: shape)
      let width = shape.last!, stepA = sa.last!, stepB = sb.last!
      forEachRow(shape, sa, sb) { start, ia, ib in
        binaryRowParallel(native, op, x + ia, stepA, y + ib, stepB, o + start, width)
      }
    }
  }

  /// Sums a gradient `gp` of broadcast shape `shape` into `o` of shape `target` (zero on entry;
  /// `target` has fewer elements than `shape`).
  static func reduceLoops<S: TensorScalar>(
    _ native: NativeKernels<S>, _ gp: UnsafePointer<S>, from shape: [Int], to target: [Int], _ o: UnsafeMutablePointer<S>
  ) {
    let (m, count) = (target.product, shape.product)
    if m == 1 { o[0] = native.sum(gp, count); return }
    if Broadcasting.isSuffix(target, of: shape) {
      columnSumsParallel(native, gp, rows: count / m, width: m, into: o)
    } else {
      let st = Broadcasting.strides(of: target, in: shape)
      let zero = [Int](repeating: 0, count: shape.count)
      let width = shape.last!
      if st.last! == 1 {
        forEachRow(shape, st, zero) { start, it, _ in binaryRowParallel(native, .add, o + it, 1, gp + start, 1, o + it, width) }
      } else {
        forEachRow(shape, st, zero) { start, it, _ in o[it] += native.sum(gp + start, width) }
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

  /// Column sums of a row-major `rows × width` matrix, added to `out` (a bias gradient).
  /// Threads split the columns (each column is summed over the rows in order, whatever the split).
  static func columnSumsParallel<S: TensorScalar>(
    _ native: NativeKernels<S>, _ x: UnsafePointer<S>, rows: Int, width: Int, into out: UnsafeMutablePointer<S>
  ) {
    parallelRanges(width, cost: rows) { columns in
      let start = columns.lowerBound
      native.columnSums(x + start, rows: rows, width: columns.count, stride: width, out + start)
    }
  }

  // MARK: Unary

  /// `out[i] = f(x[i])`, split across threads when large.
  static func unaryParallel<S: TensorScalar>(
    _ native: NativeKernels<S>, _ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    parallelRanges(count, cost: f.cost) { r in unaryLoop(native, f, x + r.lowerBound, out + r.lowerBound, r.count) }
  }

  /// `out[i] = g[i] · f′(x[i])` with `y = f(x)`, split across threads when large.
  static func unaryBackwardParallel<S: TensorScalar>(
    _ native: NativeKernels<S>, _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    parallelRanges(count, cost: f.cost) { r in
      let i = r.lowerBound
      unaryBackwardLoop(native, f, x + i, y + i, g + i, out + i, r.count)
    }
  }

  /// `out[i] = f(x[i])` on the calling thread (`out` may be `x`): the C kernel, or libm one
  /// element at a time where the type has none.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func unaryLoop<S: TensorScalar>(
    _ native: NativeKernels<S>, _ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    if native.unary(f, x, out, count) { return }
    for i in 0..<count { out[i] = f.value(x[i]) }
  }

  /// `out[i] = g[i] · f′(x[i])` on the calling thread: the C kernel, or the formula one element at
  /// a time where the type has none.
  static func unaryBackwardLoop<S: TensorScalar>(
    _ native: NativeKernels<S>, _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    if native.unaryBackward(f, x, y, g, out, count) { return }
    for i in 0..<count { out[i] = g[i] * f.derivative(x: x[i], y: y[i]) }
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      binaryRowParallel(native, op, x.scalars(T.self), xStep, y.scalars(T.self), yStep, out.scalars(T.self), count)
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      broadcastLoops(native, op, a.scalars(T.self), aShape, b.scalars(T.self), bShape, to: shape, out.scalars(T.self))
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      reduceLoops(native, g.scalars(T.self), from: shape, to: target, out.scalars(T.self))
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      out.scalars(T.self)[0] = native.sum(x.scalars(T.self), count)
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      out.scalars(T.self)[0] = native.dot(x.scalars(T.self), y.scalars(T.self), count)
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      let (x, y, out) = (x.scalars(T.self), y.scalars(T.self), out.scalars(T.self))
      parallelRanges(rows, granule: 1, cost: 2 * width) { range in
        let start = range.lowerBound
        native.rowDots(x + start * width, y + start * width, rows: range.count, width: width, out + start)
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      columnSumsParallel(native, x.scalars(T.self), rows: rows, width: width, into: out.scalars(T.self))
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      unaryParallel(native, function, x.scalars(T.self), out.scalars(T.self), count)
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      unaryBackwardParallel(native, function, x.scalars(T.self), y.scalars(T.self), g.scalars(T.self), out.scalars(T.self), count)
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
    func fast<T: TensorScalar>(_: NativeKernels<T>) {
      stridedCopyLoop(x.scalars(T.self), step, out.scalars(T.self), count)
    }
  }
}
