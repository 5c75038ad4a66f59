import CKernels

/// The product with a reduced-precision weight matrix: the reference dequantises W and runs the
/// triple loop; the fast one is the C kernels' `wb_linear_bf16` / `wb_linear_q8` (Sources/CKernels/
/// reduced_bodies.h), split across threads by columns of Y.
extension Kernels {
  /// `Y[i, j] = Σ_p X[i, p] · W[j, p]` for X `m × k` (row-major, rows `k` apart), W the
  /// `n × k` matrix `weight` as it reads back (``ReducedPrecisionMatrix/dequantized()``) and Y
  /// `m × n` (rows `n` apart).
  struct ReducedLinear: KernelEntryPoint {
    let m: Int
    let weight: ReducedPrecisionMatrix
    let x: UnsafeRawPointer
    let y: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let w = weight.dequantized().map { T($0) }
      w.withUnsafeBufferPointer { ws in
        referenceGemmLoops(
          m: m, n: weight.rows, k: weight.columns, x.scalars(T.self), weight.columns, false, ws.baseAddress!, weight.columns,
          true, y.scalars(T.self), weight.rows, false)
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      guard let linearBF16 = native.table.linearBF16, let linearQ8 = native.table.linearQ8 else {
        return reference(T.self)  // no C kernel in this scalar type
      }
      let (n, k, code) = (weight.rows, weight.columns, native.family.code)
      let (x, y) = (x.scalars(T.self), y.scalars(T.self))
      // Bytes of W read per row of X: the work that pays for a second thread (~10 µs to start).
      let threads = m * n * k >= NativeKernels<T>.gemvParallelThreshold ? Kernels.threadCount : 1
      // Parts start on a tile of four rows (granule 16: whole tiles), where the tile layout lets them begin.
      let shares = DecreasingShares(n, threads: threads, granule: 16), parts = shares.count
      let blocks = weight.blocksPerRow, tileValues = blocks * ReducedPrecisionMatrix.blockSize
      switch weight.storage {
      case .bfloat16(let bits):
        bits.withUnsafeBufferPointer { w in
          let w = w.baseAddress!
          Kernels.parallelFor(parts) { part in
            let rows = shares[part]
            linearBF16(code, m, rows.count, k, x, k, w + rows.lowerBound * tileValues, y + rows.lowerBound, n)
          }
        }
      case .int8(let values, let scales):
        values.withUnsafeBufferPointer { q in
          scales.withUnsafeBufferPointer { d in
            let (q, d) = (q.baseAddress!, d.baseAddress!)
            Kernels.parallelFor(parts) { part in
              let rows = shares[part]
              linearQ8(code, m, rows.count, k, x, k, q + rows.lowerBound * tileValues, d + rows.lowerBound * blocks, y + rows.lowerBound, n)
            }
          }
        }
      }
    }
  }
}
