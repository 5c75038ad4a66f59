/// The matrix product's readable definition and the constants the fast kernels share out work by.
/// The fast product is the C kernels' blocked GEMM (GotoBLAS/BLIS: packed panels of A and B, a
/// register tile of C; `Sources/CKernels/typed_bodies.h`), run through ``NativeKernels/gemm``.
extension Kernels {
  /// Products with fewer multiply-adds than this run on one thread (threads cost ~10 µs to start).
  static let gemmParallelThreshold = 1 << 18

  /// The readable definition: `C (+)= op(A) · op(B)` as three nested loops (operands as in
  /// ``Gemm``).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func referenceGemmLoops<S: TensorScalar>(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<S>, _ lda: Int, _ transposeA: Bool,
    _ b: UnsafePointer<S>, _ ldb: Int, _ transposeB: Bool, _ c: UnsafeMutablePointer<S>, _ ldc: Int, _ accumulate: Bool
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var total: S = 0
        for p in 0..<k {
          let x = transposeA ? a[p * lda + i] : a[i * lda + p]
          let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
          total += x * y
        }
        c[i * ldc + j] = accumulate ? c[i * ldc + j] + total : total
      }
    }
  }
}
