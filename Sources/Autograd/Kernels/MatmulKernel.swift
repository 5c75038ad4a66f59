import Dispatch

/// Matrix multiplication on raw buffers: a register-blocked kernel that keeps a 4×16 tile
/// of C in SIMD registers while streaming rows of B, split across cores for large products.
extension Kernels {
  /// `C[m×n] = A[m×k] · B[k×n]` (or `C += A·B` when `accumulate`), all row-major and contiguous.
  static func gemm<S: TensorScalar>(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>, accumulate: Bool
  ) {
    if !accumulate { c.update(repeating: 0, count: m * n) }
    guard m > 0, n > 0, k > 0 else { return }
    let work = m * n * k
    let chunks = work >= 1 << 17 && m >= 8 ? min(2, m / 4) : 1
    if chunks <= 1 {
      gemmRows(0..<m, n: n, k: k, a, b, c)
      return
    }
    // Row bands of whole 4-row tiles; each element is computed by exactly one thread in a
    // fixed order, so the result does not depend on scheduling.
    let tiles = (m + 3) / 4
    let (base, extra) = tiles.quotientAndRemainder(dividingBy: chunks)
    let aAddress = UInt(bitPattern: a), bAddress = UInt(bitPattern: b), cAddress = UInt(bitPattern: c)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let firstTile = chunk * base + min(chunk, extra)
      let tileCount = base + (chunk < extra ? 1 : 0)
      let rows = (firstTile * 4)..<min(m, (firstTile + tileCount) * 4)
      gemmRows(
        rows, n: n, k: k,
        UnsafePointer<S>(bitPattern: aAddress)!, UnsafePointer<S>(bitPattern: bAddress)!,
        UnsafeMutablePointer<S>(bitPattern: cAddress)!)
    }
  }

  /// `C[rows, :] += A[rows, :] · B` for one band of rows.
  @inline(__always)
  static func gemmRows<S: TensorScalar>(
    _ rows: Range<Int>, n: Int, k: Int,
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>
  ) {
    let wideColumns = n - n % 16
    var i = rows.lowerBound
    while i + 4 <= rows.upperBound {
      let a0 = a + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
      var j = 0
      while j < wideColumns {
        var c00 = SIMD8<S>(), c01 = SIMD8<S>(), c10 = SIMD8<S>(), c11 = SIMD8<S>()
        var c20 = SIMD8<S>(), c21 = SIMD8<S>(), c30 = SIMD8<S>(), c31 = SIMD8<S>()
        var bp = b + j
        for p in 0..<k {
          let b0 = UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<S>.self)
          let b1 = UnsafeRawPointer(bp + 8).loadUnaligned(as: SIMD8<S>.self)
          let x0 = a0[p], x1 = a1[p], x2 = a2[p], x3 = a3[p]
          c00 += x0 * b0; c01 += x0 * b1
          c10 += x1 * b0; c11 += x1 * b1
          c20 += x2 * b0; c21 += x2 * b1
          c30 += x3 * b0; c31 += x3 * b1
          bp += n
        }
        addTile(c + i * n + j, c00, c01)
        addTile(c + (i + 1) * n + j, c10, c11)
        addTile(c + (i + 2) * n + j, c20, c21)
        addTile(c + (i + 3) * n + j, c30, c31)
        j += 16
      }
      for r in 0..<4 where wideColumns < n {
        gemmRowTail(row: i + r, columns: wideColumns..<n, n: n, k: k, a, b, c)
      }
      i += 4
    }
    while i < rows.upperBound {
      gemmRowTail(row: i, columns: 0..<n, n: n, k: k, a, b, c)
      i += 1
    }
  }

  @inline(__always)
  static func addTile<S: TensorScalar>(_ p: UnsafeMutablePointer<S>, _ lo: SIMD8<S>, _ hi: SIMD8<S>) {
    let raw = UnsafeMutableRawPointer(p)
    raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<S>.self) + lo, as: SIMD8<S>.self)
    let raw2 = UnsafeMutableRawPointer(p + 8)
    raw2.storeBytes(of: raw2.loadUnaligned(as: SIMD8<S>.self) + hi, as: SIMD8<S>.self)
  }

  /// One row of C over a range of columns, in the plain axpy order.
  @inline(__always)
  static func gemmRowTail<S: TensorScalar>(
    row i: Int, columns: Range<Int>, n: Int, k: Int,
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>
  ) {
    let cRow = c + i * n
    let aRow = a + i * k
    for p in 0..<k {
      let x = aRow[p]
      let bRow = b + p * n
      for j in columns { cRow[j] += x * bRow[j] }
    }
  }

  /// The transpose of a row-major `rows × cols` matrix (cache-blocked copy).
  static func transpose<S: TensorScalar>(_ x: UnsafePointer<S>, rows: Int, cols: Int, into out: UnsafeMutablePointer<S>) {
    let block = 32
    for r0 in stride(from: 0, to: rows, by: block) {
      for c0 in stride(from: 0, to: cols, by: block) {
        for r in r0..<min(rows, r0 + block) {
          for c in c0..<min(cols, c0 + block) { out[c * rows + r] = x[r * cols + c] }
        }
      }
    }
  }

  /// The transpose of a row-major `rows × cols` matrix held in an array.
  static func transposed<S: TensorScalar>(_ x: UnsafeBufferPointer<S>, rows: Int, cols: Int) -> [S] {
    guard rows * cols > 0 else { return [] }
    return [S](unsafeUninitializedCapacity: rows * cols) { out, initialized in
      transpose(x.baseAddress!, rows: rows, cols: cols, into: out.baseAddress!)
      initialized = rows * cols
    }
  }
}
