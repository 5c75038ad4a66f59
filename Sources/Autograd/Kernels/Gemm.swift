/// Matrix multiplication on raw buffers, organised as in GotoBLAS/BLIS (Goto & van de Geijn,
/// "Anatomy of high-performance matrix multiplication", 2008):
///
/// - a `kc × nc` panel of B is copied ("packed") into 16-column strips, contiguous in the order the
///   micro-kernel reads them, so that a strip (16 KB at kc = 256) stays in the L1 cache;
/// - an `mc × kc` block of A is packed into 6-row strips that stay in the L2 cache;
/// - the micro-kernel keeps a 6 × 16 tile of C in twelve 8-wide SIMD registers and adds
///   one rank-1 update per step of k (12 fused multiply-adds per 2 loads of B and 6 broadcasts of A).
///
/// Packing also absorbs transposition: Aᵀ·B and A·Bᵀ cost the same as A·B, with no transposed
/// copy. Every element of C is summed in the same order whatever the number of threads, so results
/// do not depend on it. ``referenceGemmLoops`` is the readable triple loop the tests compare against.
extension Kernels {
  /// Rows of the register tile (micro-kernel height).
  static let gemmTileRows = 6
  /// Columns of the register tile (two SIMD8 vectors).
  static let gemmTileColumns = 16
  /// Depth of a packed panel (the k extent kept in cache).
  static let gemmDepth = 256
  /// Rows of a packed block of A (a multiple of the tile height).
  static let gemmBlockRows = 96
  /// Columns of a packed panel of B (a multiple of the tile width).
  static let gemmBlockColumns = 2048
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

  /// The fast product (operands as in ``Gemm``); with `parallel`, large products are split across
  /// threads by rows or columns of C.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func gemmImplementation<S: TensorScalar>(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, lda: Int, transposeA: Bool = false,
    _ b: UnsafePointer<S>, ldb: Int, transposeB: Bool = false,
    _ c: UnsafeMutablePointer<S>, ldc: Int, accumulate: Bool, parallel: Bool = true
  ) {
    // Float and Double run the C kernels of the active family (NativeKernels.swift); this Swift
    // blocked product serves any other scalar type.
    if S.self == Float.self || S.self == Double.self {
      let (a, b, c) = (UnsafeRawPointer(a), UnsafeRawPointer(b), UnsafeMutableRawPointer(c))
      if S.self == Float.self {
        nativeGemm(
          m: m, n: n, k: k, a.assumingMemoryBound(to: Float.self), lda: lda, transposeA: transposeA,
          b.assumingMemoryBound(to: Float.self), ldb: ldb, transposeB: transposeB,
          c.assumingMemoryBound(to: Float.self), ldc: ldc, accumulate: accumulate, parallel: parallel)
      } else {
        nativeGemm(
          m: m, n: n, k: k, a.assumingMemoryBound(to: Double.self), lda: lda, transposeA: transposeA,
          b.assumingMemoryBound(to: Double.self), ldb: ldb, transposeB: transposeB,
          c.assumingMemoryBound(to: Double.self), ldc: ldc, accumulate: accumulate, parallel: parallel)
      }
      return
    }
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
      return
    }
    let parts = parallel && m * n * k >= gemmParallelThreshold ? Swift.min(threadCount, Swift.max(m / gemmTileRows, n / gemmTileColumns, 1)) : 1
    if parts <= 1 {
      gemmSingleThread(m: m, n: n, k: k, a, lda, transposeA, b, ldb, transposeB, c, ldc, accumulate)
      return
    }
    // Split C into bands of whole tiles along its longer side; each band is an independent product.
    let splitColumns = n >= m
    parallelFor(parts) { part in
      if splitColumns {
        let columns = share(n, parts: parts, part: part, granule: gemmTileColumns)
        guard !columns.isEmpty else { return }
        let bBase = transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound
        gemmSingleThread(
          m: m, n: columns.count, k: k, a, lda, transposeA, bBase, ldb, transposeB, c + columns.lowerBound, ldc, accumulate)
      } else {
        let rows = share(m, parts: parts, part: part, granule: gemmTileRows)
        guard !rows.isEmpty else { return }
        let aBase = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
        gemmSingleThread(
          m: rows.count, n: n, k: k, aBase, lda, transposeA, b, ldb, transposeB, c + rows.lowerBound * ldc, ldc, accumulate)
      }
    }
  }

  /// The blocked product on the calling thread.
  static func gemmSingleThread<S: TensorScalar>(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, _ lda: Int, _ transposeA: Bool,
    _ b: UnsafePointer<S>, _ ldb: Int, _ transposeB: Bool,
    _ c: UnsafeMutablePointer<S>, _ ldc: Int, _ accumulate: Bool
  ) {
    let mr = gemmTileRows, nr = gemmTileColumns
    let depth = Swift.min(k, gemmDepth)
    let blockRows = Swift.min(roundUp(m, mr), gemmBlockRows)
    let blockColumns = Swift.min(roundUp(n, nr), gemmBlockColumns)
    let stride = MemoryLayout<S>.stride
    let aPack = UnsafeMutableRawPointer.allocate(byteCount: blockRows * depth * stride, alignment: 64)
      .bindMemory(to: S.self, capacity: blockRows * depth)
    let bPack = UnsafeMutableRawPointer.allocate(byteCount: blockColumns * depth * stride, alignment: 64)
      .bindMemory(to: S.self, capacity: blockColumns * depth)
    defer { aPack.deallocate(); bPack.deallocate() }

    for jc in Swift.stride(from: 0, to: n, by: gemmBlockColumns) {
      let nc = Swift.min(gemmBlockColumns, n - jc)
      for pc in Swift.stride(from: 0, to: k, by: gemmDepth) {
        let kc = Swift.min(gemmDepth, k - pc)
        let overwrite = pc == 0 && !accumulate
        packB(kc: kc, nc: nc, b, ldb, transposeB, row: pc, column: jc, into: bPack)
        for ic in Swift.stride(from: 0, to: m, by: gemmBlockRows) {
          let mc = Swift.min(gemmBlockRows, m - ic)
          packA(mc: mc, kc: kc, a, lda, transposeA, row: ic, column: pc, into: aPack)
          for jr in Swift.stride(from: 0, to: nc, by: nr) {
            let columns = Swift.min(nr, nc - jr)
            for ir in Swift.stride(from: 0, to: mc, by: mr) {
              microKernel(
                kc: kc, aPack + ir * kc, bPack + jr * kc, c + (ic + ir) * ldc + jc + jr, ldc: ldc,
                rows: Swift.min(mr, mc - ir), columns: columns, overwrite: overwrite)
            }
          }
        }
      }
    }
  }

  @inline(__always)
  static func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }

  /// Copies op(A)[row..<row+mc, column..<column+kc] into 6-row strips: strip s holds, for each
  /// p, the 6 values of column p (zero below the last row).
  @inline(__always)
  static func packA<S: TensorScalar>(
    mc: Int, kc: Int, _ a: UnsafePointer<S>, _ lda: Int, _ transposed: Bool, row: Int, column: Int,
    into pack: UnsafeMutablePointer<S>
  ) {
    let mr = gemmTileRows
    for ir in Swift.stride(from: 0, to: mc, by: mr) {
      let rows = Swift.min(mr, mc - ir)
      let strip = pack + ir * kc
      if transposed {
        // op(A)(i, p) = a[p·lda + i]: the 6 values of one p are contiguous.
        var source = a + column * lda + row + ir
        if rows == mr {
          for p in 0..<kc {
            let d = strip + p * mr
            d[0] = source[0]; d[1] = source[1]; d[2] = source[2]
            d[3] = source[3]; d[4] = source[4]; d[5] = source[5]
            source += lda
          }
        } else {
          for p in 0..<kc {
            let d = strip + p * mr
            for r in 0..<mr { d[r] = r < rows ? source[r] : 0 }
            source += lda
          }
        }
      } else {
        // op(A)(i, p) = a[i·lda + p]: read six rows side by side.
        let base = a + (row + ir) * lda + column
        if rows == mr {
          let r0 = base, r1 = base + lda, r2 = base + 2 * lda, r3 = base + 3 * lda, r4 = base + 4 * lda, r5 = base + 5 * lda
          for p in 0..<kc {
            let d = strip + p * mr
            d[0] = r0[p]; d[1] = r1[p]; d[2] = r2[p]; d[3] = r3[p]; d[4] = r4[p]; d[5] = r5[p]
          }
        } else {
          for p in 0..<kc {
            let d = strip + p * mr
            for r in 0..<mr { d[r] = r < rows ? base[r * lda + p] : 0 }
          }
        }
      }
    }
  }

  /// Copies op(B)[row..<row+kc, column..<column+nc] into 16-column strips: strip s holds, for
  /// each p, the 16 values of row p (zero right of the last column).
  @inline(__always)
  static func packB<S: TensorScalar>(
    kc: Int, nc: Int, _ b: UnsafePointer<S>, _ ldb: Int, _ transposed: Bool, row: Int, column: Int,
    into pack: UnsafeMutablePointer<S>
  ) {
    let nr = gemmTileColumns
    for jr in Swift.stride(from: 0, to: nc, by: nr) {
      let columns = Swift.min(nr, nc - jr)
      let strip = pack + jr * kc
      if transposed && columns == nr {
        // op(B)(p, j) = b[j·ldb + p]: for each p, one value from each of sixteen rows of storage
        // (written contiguously; measured 8% faster for attention than column by column).
        let source = b + (column + jr) * ldb + row
        for p in 0..<kc {
          let d = strip + p * nr
          for j in 0..<16 { d[j] = source[j * ldb + p] }
        }
      } else if transposed {
        // The last, partial strip: column by column, zero right of the last column.
        for j in 0..<nr {
          if j < columns {
            let source = b + (column + jr + j) * ldb + row
            for p in 0..<kc { strip[p * nr + j] = source[p] }
          } else {
            for p in 0..<kc { strip[p * nr + j] = 0 }
          }
        }
      } else {
        // op(B)(p, j) = b[p·ldb + j]: the 16 values of one p are contiguous.
        var source = b + row * ldb + column + jr
        if columns == nr {
          for p in 0..<kc {
            let d = UnsafeMutableRawPointer(strip + p * nr)
            d.storeBytes(of: UnsafeRawPointer(source).loadUnaligned(as: SIMD8<S>.self), as: SIMD8<S>.self)
            d.storeBytes(of: UnsafeRawPointer(source + 8).loadUnaligned(as: SIMD8<S>.self), toByteOffset: 8 * MemoryLayout<S>.stride, as: SIMD8<S>.self)
            source += ldb
          }
        } else {
          for p in 0..<kc {
            let d = strip + p * nr
            for j in 0..<nr { d[j] = j < columns ? source[j] : 0 }
            source += ldb
          }
        }
      }
    }
  }

  /// One 6 × 16 tile: C[0..<rows, 0..<columns] (+)= Apack-strip · Bpack-strip over `kc` steps.
  @inline(__always)
  static func microKernel<S: TensorScalar>(
    kc: Int, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>, ldc: Int,
    rows: Int, columns: Int, overwrite: Bool
  ) {
    var c00 = SIMD8<S>(), c01 = SIMD8<S>(), c10 = SIMD8<S>(), c11 = SIMD8<S>()
    var c20 = SIMD8<S>(), c21 = SIMD8<S>(), c30 = SIMD8<S>(), c31 = SIMD8<S>()
    var c40 = SIMD8<S>(), c41 = SIMD8<S>(), c50 = SIMD8<S>(), c51 = SIMD8<S>()
    var ap = a, bp = b
    for _ in 0..<kc {
      let b0 = UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<S>.self)
      let b1 = UnsafeRawPointer(bp + 8).loadUnaligned(as: SIMD8<S>.self)
      var x = SIMD8<S>(repeating: ap[0])
      c00 = fusedMultiplyAdd(c00, x, b0); c01 = fusedMultiplyAdd(c01, x, b1)
      x = SIMD8<S>(repeating: ap[1])
      c10 = fusedMultiplyAdd(c10, x, b0); c11 = fusedMultiplyAdd(c11, x, b1)
      x = SIMD8<S>(repeating: ap[2])
      c20 = fusedMultiplyAdd(c20, x, b0); c21 = fusedMultiplyAdd(c21, x, b1)
      x = SIMD8<S>(repeating: ap[3])
      c30 = fusedMultiplyAdd(c30, x, b0); c31 = fusedMultiplyAdd(c31, x, b1)
      x = SIMD8<S>(repeating: ap[4])
      c40 = fusedMultiplyAdd(c40, x, b0); c41 = fusedMultiplyAdd(c41, x, b1)
      x = SIMD8<S>(repeating: ap[5])
      c50 = fusedMultiplyAdd(c50, x, b0); c51 = fusedMultiplyAdd(c51, x, b1)
      ap += 6
      bp += 16
    }
    if rows == 6 && columns == 16 {
      storeTile(c, overwrite, c00, c01)
      storeTile(c + ldc, overwrite, c10, c11)
      storeTile(c + 2 * ldc, overwrite, c20, c21)
      storeTile(c + 3 * ldc, overwrite, c30, c31)
      storeTile(c + 4 * ldc, overwrite, c40, c41)
      storeTile(c + 5 * ldc, overwrite, c50, c51)
      return
    }
    // An edge tile: spill to a local buffer and store only the valid part.
    withUnsafeTemporaryAllocation(of: SIMD8<S>.self, capacity: 12) { tile in
      tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11; tile[4] = c20; tile[5] = c21
      tile[6] = c30; tile[7] = c31; tile[8] = c40; tile[9] = c41; tile[10] = c50; tile[11] = c51
      let values = UnsafeRawPointer(tile.baseAddress!).assumingMemoryBound(to: S.self)
      for r in 0..<rows {
        let row = c + r * ldc
        for j in 0..<columns { row[j] = overwrite ? values[r * 16 + j] : row[j] + values[r * 16 + j] }
      }
    }
  }

  @inline(__always)
  static func storeTile<S: TensorScalar>(_ p: UnsafeMutablePointer<S>, _ overwrite: Bool, _ lo: SIMD8<S>, _ hi: SIMD8<S>) {
    let raw = UnsafeMutableRawPointer(p)
    let offset = 8 * MemoryLayout<S>.stride
    if overwrite {
      raw.storeBytes(of: lo, as: SIMD8<S>.self)
      raw.storeBytes(of: hi, toByteOffset: offset, as: SIMD8<S>.self)
    } else {
      raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<S>.self) + lo, as: SIMD8<S>.self)
      raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<S>.self) + hi, toByteOffset: offset, as: SIMD8<S>.self)
    }
  }

  /// The transpose of a row-major `rows × cols` matrix (cache-blocked copy).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func transpose<S: TensorScalar>(_ x: UnsafePointer<S>, rows: Int, cols: Int, into out: UnsafeMutablePointer<S>) {
    let block = 32
    for r0 in Swift.stride(from: 0, to: rows, by: block) {
      for c0 in Swift.stride(from: 0, to: cols, by: block) {
        for r in r0..<Swift.min(rows, r0 + block) {
          for c in c0..<Swift.min(cols, c0 + block) { out[c * rows + r] = x[r * cols + c] }
        }
      }
    }
  }
}

/// `a·b + c` in one rounding when the target has fused multiply-add (x86-64 with `-target-cpu
/// haswell`, ARM64); otherwise a multiply and an add (a software fma would be a library call per lane).
///
/// The SIMD helpers are file-local on purpose (each kernel file has the ones it uses): debug builds
/// compile each file separately, and a generic helper from another file is neither inlined nor
/// specialised there, which makes a SIMD loop a hundred times slower.
@inline(__always)
fileprivate func fusedMultiplyAdd<S: TensorScalar>(_ c: SIMD8<S>, _ a: SIMD8<S>, _ b: SIMD8<S>) -> SIMD8<S> {
  #if WORKBENCH_FMA || arch(arm64)
    c.addingProduct(a, b)
  #else
    c + a * b
  #endif
}
