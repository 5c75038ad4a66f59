/// The matrix entry points: one product, a batch of products, a batch of transposes. The fast
/// product is the C kernels' blocked GEMM (``NativeKernels/gemm``); the reference is the triple loop of Gemm.swift.
extension Kernels {
  /// `C = op(A) · op(B)`, or `C += op(A) · op(B)` when `accumulate`.
  ///
  /// op(A) is `m × k`: element (i, p) is `a[i·lda + p]`, or `a[p·lda + i]` when `transposeA`.
  /// op(B) is `k × n`: element (p, j) is `b[p·ldb + j]`, or `b[j·ldb + p]` when `transposeB`.
  /// C is `m × n` with element (i, j) at `c[i·ldc + j]`. With `parallel`, large products are split
  /// across threads by rows or columns of C (the result does not depend on it).
  struct Gemm: KernelEntryPoint {
    let m: Int, n: Int, k: Int
    let a: UnsafeRawPointer, lda: Int, transposeA: Bool
    let b: UnsafeRawPointer, ldb: Int, transposeB: Bool
    let c: UnsafeMutableRawPointer, ldc: Int, accumulate: Bool, parallel: Bool

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      referenceGemmLoops(
        m: m, n: n, k: k, a.scalars(T.self), lda, transposeA, b.scalars(T.self), ldb, transposeB, c.scalars(T.self), ldc, accumulate)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      native.gemm(
        m: m, n: n, k: k, a.scalars(T.self), lda: lda, transposeA: transposeA, b.scalars(T.self), ldb: ldb,
        transposeB: transposeB, c.scalars(T.self), ldc: ldc, accumulate: accumulate, parallel: parallel)
    }
  }

  /// `products` products `C_i (+)= op(A_i)·op(B_i)` with operand i at `a + i·strideA` (and so on,
  /// strides in scalars); a stride of 0 shares one operand. Operands as in ``Gemm``.
  struct BatchedGemm: KernelEntryPoint {
    let products: Int, m: Int, n: Int, k: Int
    let a: UnsafeRawPointer, strideA: Int, lda: Int, transposeA: Bool
    let b: UnsafeRawPointer, strideB: Int, ldb: Int, transposeB: Bool
    let c: UnsafeMutableRawPointer, strideC: Int, ldc: Int, accumulate: Bool

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (a, b, c) = (a.scalars(T.self), b.scalars(T.self), c.scalars(T.self))
      for i in 0..<products {
        referenceGemmLoops(
          m: m, n: n, k: k, a + i * strideA, lda, transposeA, b + i * strideB, ldb, transposeB, c + i * strideC, ldc, accumulate)
      }
    }

    /// Small products run in parallel, one per thread at a time; large ones are each split across threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      let (a, b, c) = (a.scalars(T.self), b.scalars(T.self), c.scalars(T.self))
      let parts = products > 1 && m * n * k * products >= gemmParallelThreshold && m * n * k < 4 * gemmParallelThreshold
        ? Swift.min(threadCount, products) : 1
      parallelFor(parts) { part in
        for i in share(products, parts: parts, part: part) {
          native.gemm(
            m: m, n: n, k: k, a + i * strideA, lda: lda, transposeA: transposeA, b + i * strideB, ldb: ldb,
            transposeB: transposeB, c + i * strideC, ldc: ldc, accumulate: accumulate, parallel: parts == 1)
        }
      }
    }
  }

  /// The transpose of each of `batches` row-major `rows × cols` matrices, into `out`.
  struct Transpose: KernelEntryPoint {
    let x: UnsafeRawPointer, batches: Int, rows: Int, cols: Int
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, out) = (x.scalars(T.self), out.scalars(T.self))
      for i in 0..<batches {
        for r in 0..<rows {
          for c in 0..<cols { out[i * rows * cols + c * rows + r] = x[i * rows * cols + r * cols + c] }
        }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      let (x, out) = (x.scalars(T.self), out.scalars(T.self))
      // Large matrices are shared out by bands of 32 columns of x (rows of the result).
      let parts = rows * cols >= NativeKernels<T>.parallelThreshold ? Swift.min(threadCount, Swift.max(1, cols / 32)) : 1
      for i in 0..<batches {
        parallelFor(parts) { part in
          let columns = share(cols, parts: parts, part: part, granule: 32)
          if !columns.isEmpty {
            native.table.transpose(
              native.family.code, x + i * rows * cols, rows, cols, columns.lowerBound, columns.upperBound, out + i * rows * cols)
          }
        }
      }
    }
  }
}
