import CKernels

/// The matrix products of the C kernels (`Sources/CKernels`), in the active ``KernelFamily``,
/// split across threads into bands of whole register tiles. Each element of C is summed in the same
/// order whatever the split, so the bits depend on the family only.
extension Kernels {
  /// Products with at most this many rows of op(A) stream op(B) once, unpacked (``nativeGemv``).
  static let gemvMaximumRows = 4

  /// Products with fewer multiply-adds than this run on one thread: the C kernels reach ~90 GFLOP/s
  /// on one core, so 2²⁰ multiply-adds take ~25 µs, and handing half to another thread costs ~10 µs.
  static let nativeParallelThreshold = 1 << 20

  /// `C (+)= op(A) · op(B)` in `Float` with the C kernels of `family` (operands as in
  /// ``gemm(m:n:k:_:lda:transposeA:_:ldb:transposeB:_:ldc:accumulate:parallel:)``).
  static func nativeGemm(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
    _ b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
    _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, parallel: Bool,
    family: KernelFamily = .active
  ) {
    nativeProduct(
      m: m, n: n, k: k, a, lda: lda, transposeA: transposeA, b, ldb: ldb, transposeB: transposeB, c, ldc: ldc,
      accumulate: accumulate, parallel: parallel, family: family, isDouble: false,
      gemm: wb_gemm_f32, gemv: wb_gemv_f32)
  }

  /// `C (+)= op(A) · op(B)` in `Double` with the C kernels of `family`.
  static func nativeGemm(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
    _ b: UnsafePointer<Double>, ldb: Int, transposeB: Bool,
    _ c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool, parallel: Bool,
    family: KernelFamily = .active
  ) {
    nativeProduct(
      m: m, n: n, k: k, a, lda: lda, transposeA: transposeA, b, ldb: ldb, transposeB: transposeB, c, ldc: ldc,
      accumulate: accumulate, parallel: parallel, family: family, isDouble: true,
      gemm: wb_gemm_f64, gemv: wb_gemv_f64)
  }

  /// The signature shared by the C GEMM and GEMV entry points of one element type.
  typealias NativeProduct<S> = (
    Int32, Int, Int, Int, UnsafePointer<S>?, Int, Int32, UnsafePointer<S>?, Int, Int32,
    UnsafeMutablePointer<S>?, Int, Int32
  ) -> Void

  @inline(__always)
  static func nativeProduct<S: TensorScalar>(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, lda: Int, transposeA: Bool,
    _ b: UnsafePointer<S>, ldb: Int, transposeB: Bool,
    _ c: UnsafeMutablePointer<S>, ldc: Int, accumulate: Bool, parallel: Bool,
    family: KernelFamily, isDouble: Bool, gemm: NativeProduct<S>, gemv: NativeProduct<S>
  ) {
    guard m > 0, n > 0 else { return }
    let code = family.code
    let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0, acc: Int32 = accumulate ? 1 : 0
    let work = m * n * Swift.max(k, 1)
    if m <= gemvMaximumRows {
      // Few rows: split the columns of C (each thread streams its own rows or columns of B).
      let parts = parallel && work >= nativeParallelThreshold ? Swift.min(threadCount, Swift.max(n / 64, 1)) : 1
      parallelFor(parts) { part in
        let columns = parts == 1 ? 0..<n : share(n, parts: parts, part: part, granule: 64)
        guard !columns.isEmpty else { return }
        let bBase = transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound
        gemv(code, m, columns.count, k, a, lda, ta, bBase, ldb, tb, c + columns.lowerBound, ldc, acc)
      }
      return
    }
    var tileRows = 0, tileColumns = 0
    wb_gemm_tile(code, isDouble ? 1 : 0, &tileRows, &tileColumns)
    let parts = parallel && work >= nativeParallelThreshold
      ? Swift.min(threadCount, Swift.max(m / tileRows, n / tileColumns, 1)) : 1
    if parts <= 1 {
      gemm(code, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, acc)
      return
    }
    // Bands of whole tiles along the longer side of C; each band is an independent product.
    let splitColumns = n >= m
    parallelFor(parts) { part in
      if splitColumns {
        let columns = share(n, parts: parts, part: part, granule: tileColumns)
        guard !columns.isEmpty else { return }
        let bBase = transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound
        gemm(code, m, columns.count, k, a, lda, ta, bBase, ldb, tb, c + columns.lowerBound, ldc, acc)
      } else {
        let rows = share(m, parts: parts, part: part, granule: tileRows)
        guard !rows.isEmpty else { return }
        let aBase = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
        gemm(code, rows.count, n, k, aBase, lda, ta, b, ldb, tb, c + rows.lowerBound * ldc, ldc, acc)
      }
    }
  }
}
