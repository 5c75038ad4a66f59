import CKernels

/// The C kernels a fast kernel call runs: the scalar type's ``CKernelTable`` in one
/// ``KernelFamily``. ``Kernels/run(_:on:)`` makes one per call, so the scalar type and the family
/// are decided once, on the calling thread, and every part of the call (on whichever thread)
/// runs the same family. Each function runs on the calling thread; callers keep the threading.
struct NativeKernels<S: TensorScalar> {
  /// The family every C call of this kernel call runs.
  let family: KernelFamily
  let table: CKernelTable<S>

  init(family: KernelFamily) {
    self.family = family
    table = S.cKernels
  }

  /// Products with at most this many rows of op(A) stream op(B) once, unpacked (`wb_gemv`).
  static var gemvMaximumRows: Int { 4 }

  /// Products with fewer multiply-adds than this run on one thread: the C kernels reach ~90 GFLOP/s
  /// on one core, so 2²⁰ multiply-adds take ~25 µs, and handing half to another thread costs ~10 µs.
  static var parallelThreshold: Int { 1 << 20 }

  /// Few-rows products (``gemvMaximumRows``) with fewer multiply-adds than this run on one thread.
  /// They are bound by reading B, not by arithmetic: 2¹⁸ multiply-adds of one row read 1 MB of
  /// float32 weights, ~80 µs on one core of an AVX2 machine, against ~10 µs to hand half to another
  /// thread (GPT-2's 768 × 768 attention projection, 2.4 MB, ran on one core below the threshold
  /// above).
  static var gemvParallelThreshold: Int { parallelThreshold / 4 }

  /// `C (+)= op(A) · op(B)` (operands as in ``Kernels/Gemm``), split across threads into bands of
  /// whole register tiles when `parallel` and large. Each element of C is summed in the same order
  /// whatever the split, so the bits depend on the family only.
  func gemm(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, lda: Int, transposeA: Bool = false,
    _ b: UnsafePointer<S>, ldb: Int, transposeB: Bool = false,
    _ c: UnsafeMutablePointer<S>, ldc: Int, accumulate: Bool, parallel: Bool = true
  ) {
    guard m > 0, n > 0 else { return }
    let (code, gemm, gemv) = (family.code, table.gemm, table.gemv)
    let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0, acc: Int32 = accumulate ? 1 : 0
    let work = m * n * Swift.max(k, 1)
    let threads = Kernels.threadCount
    if m <= Self.gemvMaximumRows {
      // Few rows: split the columns of C (each part streams its own rows or columns of B) into
      // parts of decreasing size, claimed as threads come free, so that a core that runs slower
      // (a busy neighbour on a virtual machine) takes fewer of them and both finish together.
      let shares = DecreasingShares(n, threads: parallel && work >= Self.gemvParallelThreshold ? threads : 1, granule: 16)
      let parts = shares.count
      Kernels.parallelFor(parts) { part in
        let columns = shares[part]
        let bBase = transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound
        gemv(code, m, columns.count, k, a, lda, ta, bBase, ldb, tb, c + columns.lowerBound, ldc, acc)
      }
      return
    }
    var tileRows = 0, tileColumns = 0
    wb_gemm_tile(code, table.isDouble, &tileRows, &tileColumns)
    let parts = parallel && work >= Self.parallelThreshold ? Swift.min(threads, Swift.max(m / tileRows, n / tileColumns, 1)) : 1
    if parts <= 1 {
      gemm(code, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, acc)
      return
    }
    // Bands of whole tiles along the longer side of C; each band is an independent product.
    let splitColumns = n >= m
    Kernels.parallelFor(parts) { part in
      if splitColumns {
        let columns = Kernels.share(n, parts: parts, part: part, granule: tileColumns)
        guard !columns.isEmpty else { return }
        let bBase = transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound
        gemm(code, m, columns.count, k, a, lda, ta, bBase, ldb, tb, c + columns.lowerBound, ldc, acc)
      } else {
        let rows = Kernels.share(m, parts: parts, part: part, granule: tileRows)
        guard !rows.isEmpty else { return }
        let aBase = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
        gemm(code, rows.count, n, k, aBase, lda, ta, b, ldb, tb, c + rows.lowerBound * ldc, ldc, acc)
      }
    }
  }

  /// `out[i] = x[i·xStep] ∘ y[i·yStep]` for `i < count`; each step is 1, or 0 for one repeated
  /// value. `out` may be `x` or `y`.
  @inline(__always)
  func binary(
    _ op: BinaryOperator, _ x: UnsafePointer<S>, _ xStep: Int, _ y: UnsafePointer<S>, _ yStep: Int,
    _ out: UnsafeMutablePointer<S>, _ count: Int
  ) {
    table.binary(family.code, op.code, x, xStep, y, yStep, out, count)
  }

  /// `out[i] = f(x[i])` for the functions C computes in every type (negate, ReLU, √); false for the others.
  @inline(__always)
  func unary(_ f: UnaryFunction, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int) -> Bool {
    switch f {
    case .negate, .relu, .sqrt: table.unary(family.code, f.code, x, out, count)
    case .exp: guard let exp = table.exp else { return false }; exp(family.code, x, out, count)
    case .tanh: guard let tanh = table.tanh else { return false }; tanh(family.code, x, out, count)
    case .sigmoid: guard let sigmoid = table.sigmoid else { return false }; sigmoid(family.code, x, out, count)
    case .gelu: guard let gelu = table.gelu else { return false }; gelu(family.code, x, out, count)
    case .log: return false
    }
    return true
  }

  /// `out[i] = g[i]·f′(x[i])` with `y = f(x)`; false where the type has no C kernel (GELU in `Double`).
  @inline(__always)
  func unaryBackward(
    _ f: UnaryFunction, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ g: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int
  ) -> Bool {
    if f == .gelu {
      guard let geluBackward = table.geluBackward else { return false }
      geluBackward(family.code, x, g, out, count)
    } else {
      table.unaryBackward(family.code, f.code, x, y, g, out, count)
    }
    return true
  }

  /// Σ x[i] (2 × lanes partial sums, added in a fixed order).
  @inline(__always)
  func sum(_ x: UnsafePointer<S>, _ count: Int) -> S { table.sum(family.code, x, count) }

  /// Σ x[i]·y[i].
  @inline(__always)
  func dot(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ count: Int) -> S { table.dot(family.code, x, y, count) }

  /// `out[r] = Σ_j x[r·width + j]·y[r·width + j]` for `r < rows`.
  @inline(__always)
  func rowDots(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, rows: Int, width: Int, _ out: UnsafeMutablePointer<S>) {
    table.rowDots(family.code, x, y, rows, width, out)
  }

  /// `out[j] += Σ_r x[r·stride + j]` for `j < width`, `r < rows` (rows in order: exact).
  @inline(__always)
  func columnSums(_ x: UnsafePointer<S>, rows: Int, width: Int, stride: Int, _ out: UnsafeMutablePointer<S>) {
    table.columnSums(family.code, x, rows, width, stride, out)
  }

  /// Layer norm forward of `rows` contiguous rows (pointers at the first row; see ``Kernels/LayerNormForward``).
  @inline(__always)
  func layerNormForward(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    table.layerNormForward(family.code, x, w, b, eps, rows, width, normalised, reciprocalStd, out)
  }

  /// Layer norm backward of `rows` contiguous rows (pointers at the first row; see ``Kernels/LayerNormBackward``).
  @inline(__always)
  func layerNormBackward(
    _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>, weight: UnsafePointer<S>,
    rows: Int, width: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>, dbias: UnsafeMutablePointer<S>
  ) {
    table.layerNormBackward(family.code, g, normalised, reciprocalStd, weight, rows, width, dx, dweight, dbias)
  }

  /// Softmax (or log-softmax) of `rows` rows of `scale·x`, rows `stride` apart; false where the
  /// type has no C kernel (`Double`).
  @inline(__always)
  func softmaxRows(
    _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, stride: Int, scale: S = 1, logarithmic: Bool
  ) -> Bool {
    guard let softmaxRows = table.softmaxRows else { return false }
    softmaxRows(family.code, x, out, rows, width, stride, scale, logarithmic ? 1 : 0)
    return true
  }

  /// `out = p ⊙ (dp − Σ dp ⊙ p)·scale` for `rows` rows of `width`, rows `stride` apart (`out` may be `dp`).
  @inline(__always)
  func softmaxBackwardRows(
    _ p: UnsafePointer<S>, _ dp: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, stride: Int, scale: S
  ) {
    table.softmaxBackwardRows(family.code, p, dp, out, rows, width, stride, scale)
  }

  /// One AdamW step on `count` parameters (see ``Kernels/AdamWUpdate``).
  @inline(__always)
  func adamW(
    _ theta: UnsafeMutablePointer<S>, _ m: UnsafeMutablePointer<S>, _ v: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ count: Int,
    decay: S, beta1: S, beta2: S, stepSize: S, root2: S, epsilon: S
  ) {
    table.adamW(family.code, theta, m, v, g, count, decay, beta1, beta2, stepSize, root2, epsilon)
  }
}

extension BinaryOperator {
  /// The C kernels' name for the operation.
  var code: wb_binary_op {
    switch self {
    case .add: WB_ADD
    case .subtract: WB_SUBTRACT
    case .multiply: WB_MULTIPLY
    case .divide: WB_DIVIDE
    }
  }
}

extension UnaryFunction {
  /// The C kernels' name for the function (GELU has its own entry points, `wb_gelu_*`).
  var code: wb_unary_function {
    switch self {
    case .negate: WB_NEGATE
    case .relu: WB_RELU
    case .sqrt: WB_SQRT
    case .log: WB_LOG
    case .exp: WB_EXP
    case .tanh: WB_TANH
    case .sigmoid: WB_SIGMOID
    case .gelu: preconditionFailure("GELU has its own C entry points")
    }
  }
}
