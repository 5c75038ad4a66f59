/// Every kernel entry point, in one list: what the ops call. Each function here packs its
/// arguments into the entry point's `KernelEntryPoint` value and runs the task's implementation
/// (``Kernels/implementation``); the two implementations of each sit next to each other in the
/// file named after its family (Elementwise, MatrixKernels, SoftmaxKernel, LayerNormKernel,
/// AttentionKernel). Array functions allocate their result; pointer functions write into memory
/// the caller owns.
extension Kernels {
  // MARK: Matrix products

  /// `C (+)= op(A) · op(B)` (operand layout in ``Gemm``).
  static func gemm<S: TensorScalar>(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, lda: Int, transposeA: Bool = false,
    _ b: UnsafePointer<S>, ldb: Int, transposeB: Bool = false,
    _ c: UnsafeMutablePointer<S>, ldc: Int, accumulate: Bool, parallel: Bool = true
  ) {
    run(
      Gemm(
        m: m, n: n, k: k, a: UnsafeRawPointer(a), lda: lda, transposeA: transposeA, b: UnsafeRawPointer(b), ldb: ldb,
        transposeB: transposeB, c: UnsafeMutableRawPointer(c), ldc: ldc, accumulate: accumulate, parallel: parallel),
      on: S.self)
  }

  /// `products` products `C_i (+)= op(A_i)·op(B_i)` (see ``BatchedGemm``).
  static func batchedGemm<S: TensorScalar>(
    products: Int, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, strideA: Int, lda: Int, transposeA: Bool,
    _ b: UnsafePointer<S>, strideB: Int, ldb: Int, transposeB: Bool,
    _ c: UnsafeMutablePointer<S>, strideC: Int, ldc: Int, accumulate: Bool
  ) {
    run(
      BatchedGemm(
        products: products, m: m, n: n, k: k, a: UnsafeRawPointer(a), strideA: strideA, lda: lda, transposeA: transposeA,
        b: UnsafeRawPointer(b), strideB: strideB, ldb: ldb, transposeB: transposeB, c: UnsafeMutableRawPointer(c),
        strideC: strideC, ldc: ldc, accumulate: accumulate),
      on: S.self)
  }

  /// `Y = X·Wᵀ` for X `m × weight.columns` and W the reduced-precision `weight` (see ``ReducedLinear``).
  static func reducedLinear<S: TensorScalar>(
    m: Int, _ x: UnsafePointer<S>, weight: ReducedPrecisionMatrix, into y: UnsafeMutablePointer<S>
  ) {
    run(ReducedLinear(m: m, weight: weight, x: UnsafeRawPointer(x), y: UnsafeMutableRawPointer(y)), on: S.self)
  }

  /// Transposes each of `batches` row-major `rows × cols` matrices into `out` (`cols × rows` each),
  /// on the active kernel family, split across threads when large.
  public static func transpose<S: TensorScalar>(_ x: UnsafePointer<S>, batches: Int, rows: Int, cols: Int, into out: UnsafeMutablePointer<S>) {
    run(Transpose(x: UnsafeRawPointer(x), batches: batches, rows: rows, cols: cols, out: UnsafeMutableRawPointer(out)), on: S.self)
  }

  // MARK: Elementwise

  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count`; each step is 1, or 0 for one repeated value.
  /// `out` may be `x` or `y` (in-place update).
  static func binaryRow<S: TensorScalar>(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    run(
      BinaryRow(op: op, x: UnsafeRawPointer(x), xStep: xStep, y: UnsafeRawPointer(y), yStep: yStep, out: UnsafeMutableRawPointer(out), count: count),
      on: S.self)
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
          run(
            Broadcast(
              op: op, a: UnsafeRawPointer(xs.baseAddress!), aShape: aShape, b: UnsafeRawPointer(ys.baseAddress!), bShape: bShape,
              shape: shape, out: UnsafeMutableRawPointer(out.baseAddress!)),
            on: S.self)
        }
      }
      initialized = n
    }
  }

  /// `x ∘ c` for every element of `x` and a constant `c`.
  static func withConstant<S: TensorScalar>(_ op: BinaryOperator, _ x: [S], _ c: S) -> [S] {
    guard !x.isEmpty else { return [] }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        withUnsafePointer(to: c) { cp in binaryRow(op, xs.baseAddress!, 1, cp, 0, out.baseAddress!, xs.count) }
      }
      initialized = x.count
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

  /// Sums a gradient of broadcast shape `shape` back to `target` (the input's shape).
  static func reduce<S: TensorScalar>(_ g: [S], from shape: [Int], to target: [Int]) -> [S] {
    if shape == target { return g }
    let m = target.product
    if g.isEmpty || m == 0 { return [S](repeating: 0, count: m) }
    if m == g.count { return g }  // only size-1 dimensions were added in front
    var out = [S](repeating: 0, count: m)
    g.withUnsafeBufferPointer { gs in
      out.withUnsafeMutableBufferPointer { os in
        run(
          Reduce(g: UnsafeRawPointer(gs.baseAddress!), shape: shape, target: target, out: UnsafeMutableRawPointer(os.baseAddress!)),
          on: S.self)
      }
    }
    return out
  }

  /// `f` applied to every element.
  static func unary<S: TensorScalar>(_ f: UnaryFunction, _ x: [S]) -> [S] {
    guard !x.isEmpty else { return [] }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        run(Unary(function: f, x: UnsafeRawPointer(xs.baseAddress!), out: UnsafeMutableRawPointer(out.baseAddress!), count: xs.count), on: S.self)
      }
      initialized = x.count
    }
  }

  /// `out[i] = eˣ⁽ⁱ⁾` for a row (`out` may be `x`).
  static func expRow<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) {
    run(Unary(function: .exp, x: UnsafeRawPointer(x), out: UnsafeMutableRawPointer(out), count: count), on: S.self)
  }

  /// `g[i] · f′(x[i])`, where `y = f(x)` is passed too (some derivatives are cheaper in y).
  static func unaryBackward<S: TensorScalar>(_ f: UnaryFunction, x: [S], y: [S], gradient g: [S]) -> [S] {
    guard !g.isEmpty else { return [] }
    return [S](unsafeUninitializedCapacity: g.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        y.withUnsafeBufferPointer { ys in
          g.withUnsafeBufferPointer { gs in
            run(
              UnaryBackward(
                function: f, x: UnsafeRawPointer(xs.baseAddress!), y: UnsafeRawPointer(ys.baseAddress!),
                g: UnsafeRawPointer(gs.baseAddress!), out: UnsafeMutableRawPointer(out.baseAddress!), count: gs.count),
              on: S.self)
          }
        }
      }
      initialized = g.count
    }
  }

  /// `out[i] = x[i·step]` for `i < count` (a row of a permuted tensor).
  static func stridedCopy<S: TensorScalar>(_ x: UnsafePointer<S>, step: Int, into out: UnsafeMutablePointer<S>, count: Int) {
    run(StridedCopy(x: UnsafeRawPointer(x), step: step, out: UnsafeMutableRawPointer(out), count: count), on: S.self)
  }

  // MARK: Reductions

  /// The sum of `count` values.
  static func sum<S: TensorScalar>(_ x: UnsafePointer<S>, _ count: Int) -> S {
    var total: S = 0
    withUnsafeMutablePointer(to: &total) { out in
      run(Sum(x: UnsafeRawPointer(x), count: count, out: UnsafeMutableRawPointer(out)), on: S.self)
    }
    return total
  }

  /// The sum of all elements of an array.
  static func sum<S: TensorScalar>(_ x: [S]) -> S {
    x.withUnsafeBufferPointer { xs in xs.isEmpty ? 0 : sum(xs.baseAddress!, xs.count) }
  }

  /// Σ x[i]·y[i].
  static func dot<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ count: Int) -> S {
    var total: S = 0
    withUnsafeMutablePointer(to: &total) { out in
      run(Dot(x: UnsafeRawPointer(x), y: UnsafeRawPointer(y), count: count, out: UnsafeMutableRawPointer(out)), on: S.self)
    }
    return total
  }

  /// Σⱼ x[r, j]·y[r, j] for each row r of two row-major `rows × width` matrices.
  static func rowDots<S: TensorScalar>(_ x: [S], _ y: [S], rows: Int, width: Int) -> [S] {
    precondition(x.count == rows * width && y.count == rows * width)
    guard rows > 0 else { return [] }
    return [S](unsafeUninitializedCapacity: rows) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        y.withUnsafeBufferPointer { ys in
          run(
            RowDots(
              x: UnsafeRawPointer(xs.baseAddress ?? UnsafePointer(out.baseAddress!)), y: UnsafeRawPointer(ys.baseAddress ?? UnsafePointer(out.baseAddress!)),
              rows: rows, width: width, out: UnsafeMutableRawPointer(out.baseAddress!)),
            on: S.self)
        }
      }
      initialized = rows
    }
  }

  /// Column sums of a row-major `rows × width` matrix, added to `out` (a bias gradient).
  static func addColumnSums<S: TensorScalar>(_ x: UnsafePointer<S>, rows: Int, width: Int, into out: UnsafeMutablePointer<S>) {
    run(ColumnSums(x: UnsafeRawPointer(x), rows: rows, width: width, out: UnsafeMutableRawPointer(out)), on: S.self)
  }

  // MARK: Rows: softmax, layer norm

  /// Softmax (or log-softmax) of each row of `width` values.
  static func rowSoftmax<S: TensorScalar>(_ x: [S], width: Int, logarithmic: Bool) -> [S] {
    guard width > 0, !x.isEmpty else { return x }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        run(
          SoftmaxRows(
            x: UnsafeRawPointer(xs.baseAddress!), out: UnsafeMutableRawPointer(out.baseAddress!), rows: xs.count / width,
            width: width, logarithmic: logarithmic),
          on: S.self)
      }
      initialized = x.count
    }
  }

  /// Forward layer norm of `rows` rows of `width` (see ``LayerNormForward``).
  static func layerNormForward<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    run(
      LayerNormForward(
        x: UnsafeRawPointer(x), weight: UnsafeRawPointer(w), bias: UnsafeRawPointer(b), eps: Double(eps), rows: rows, width: width,
        normalised: UnsafeMutableRawPointer(normalised), reciprocalStd: UnsafeMutableRawPointer(reciprocalStd),
        out: UnsafeMutableRawPointer(out)),
      on: S.self)
  }

  /// Backward layer norm: dx (when `dx` is not nil), and dweight, dbias accumulated over rows
  /// (see ``LayerNormBackward``).
  static func layerNormBackward<S: TensorScalar>(
    _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>, weight: UnsafePointer<S>,
    rows: Int, width: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>, dbias: UnsafeMutablePointer<S>
  ) {
    run(
      LayerNormBackward(
        g: UnsafeRawPointer(g), normalised: UnsafeRawPointer(normalised), reciprocalStd: UnsafeRawPointer(reciprocalStd),
        weight: UnsafeRawPointer(weight), rows: rows, width: width, dx: dx.map { UnsafeMutableRawPointer($0) },
        dweight: UnsafeMutableRawPointer(dweight), dbias: UnsafeMutableRawPointer(dbias)),
      on: S.self)
  }

  // MARK: Attention

  /// Causal attention forward: `out[B,T,C]` and the weights `p[B,H,T,T]` (see ``AttentionForward``).
  static func attentionForward<S: TensorScalar>(
    _ qkv: UnsafePointer<S>, _ shape: AttentionShape, scale: S, weights p: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    run(
      AttentionForward(
        qkv: UnsafeRawPointer(qkv), shape: shape, scale: Double(scale), weights: UnsafeMutableRawPointer(p), out: UnsafeMutableRawPointer(out)),
      on: S.self)
  }

  /// Causal attention backward: the gradient of `qkv` from the gradient of the output (see ``AttentionBackward``).
  static func attentionBackward<S: TensorScalar>(
    _ qkv: UnsafePointer<S>, _ shape: AttentionShape, scale: S, weights p: UnsafePointer<S>,
    gradient g: UnsafePointer<S>, into dqkv: UnsafeMutablePointer<S>
  ) {
    run(
      AttentionBackward(
        qkv: UnsafeRawPointer(qkv), shape: shape, scale: Double(scale), weights: UnsafeRawPointer(p), g: UnsafeRawPointer(g),
        dqkv: UnsafeMutableRawPointer(dqkv)),
      on: S.self)
  }
}

extension Kernels {
  // MARK: Optimizers

  /// One AdamW step on `count` parameters (see ``AdamWUpdate``); the constants are given in the
  /// parameters' type, so that both implementations see the same values.
  public static func adamWUpdate<S: TensorScalar>(
    theta: UnsafeMutablePointer<S>, firstMoment m: UnsafeMutablePointer<S>, secondMoment v: UnsafeMutablePointer<S>,
    gradient g: UnsafePointer<S>, count: Int, decay: S, beta1: S, beta2: S, stepSize: S, root2: S, epsilon: S
  ) {
    run(
      AdamWUpdate(
        theta: UnsafeMutableRawPointer(theta), firstMoment: UnsafeMutableRawPointer(m), secondMoment: UnsafeMutableRawPointer(v),
        gradient: UnsafeRawPointer(g), count: count, decay: Double(decay), beta1: Double(beta1), beta2: Double(beta2),
        stepSize: Double(stepSize), root2: Double(root2), epsilon: Double(epsilon)),
      on: S.self)
  }
}
