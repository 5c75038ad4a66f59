/// Attention of a few new positions against the keys and values of a ``KeyValueCache``.
///
/// Layout: `qkv` is `[B, n, 3C]` (queries in columns 0..<C; head h owns columns h·d..<(h+1)·d),
/// keys and values are `[B, H, capacity, d]` with positions 0..<start + n filled (the new ones
/// included), and the output is `[B, n, C]`.
extension Kernels {
  /// Geometry of one cached attention call.
  struct CachedAttentionShape {
    var batch: Int, newLength: Int, start: Int, heads: Int, headWidth: Int, capacity: Int
    var width: Int { heads * headWidth }
    var pairs: Int { batch * heads }
    /// Positions attended to by the last new query.
    var total: Int { start + newLength }
  }

  /// For each (sequence, head) and new position i: P = softmax(q_i·Kᵀ/√d) over keys 0...start + i,
  /// y_i = P·V.
  struct CachedAttention: KernelEntryPoint {
    let qkv: UnsafeRawPointer, keys: UnsafeRawPointer, values: UnsafeRawPointer, shape: CachedAttentionShape
    let out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (qkv, keys, values, y) = (qkv.scalars(T.self), keys.scalars(T.self), values.scalars(T.self), out.scalars(T.self))
      let (n, c, d) = (shape.newLength, shape.width, shape.headWidth)
      let scale = 1 / T(d).squareRoot()
      for pair in 0..<shape.pairs {
        let (b, h) = pair.quotientAndRemainder(dividingBy: shape.heads)
        let cached = pair * shape.capacity * d
        for i in 0..<n {
          let q = (b * n + i) * 3 * c + h * d
          let seen = shape.start + i + 1
          var scores = [T](repeating: 0, count: seen)
          for s in 0..<seen {
            var total: T = 0
            for e in 0..<d { total += qkv[q + e] * keys[cached + s * d + e] }
            scores[s] = total * scale
          }
          scores.withUnsafeMutableBufferPointer { row in
            SoftmaxRows(x: UnsafeRawPointer(row.baseAddress!), out: UnsafeMutableRawPointer(row.baseAddress!), rows: 1, width: seen, logarithmic: false)
              .reference(T.self)
          }
          for e in 0..<d {
            var total: T = 0
            for s in 0..<seen { total += scores[s] * values[cached + s * d + e] }
            y[(b * n + i) * c + h * d + e] = total
          }
        }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      let (qkv, keys, values, y) = (qkv.scalars(T.self), keys.scalars(T.self), values.scalars(T.self), out.scalars(T.self))
      let (n, c, d, total) = (shape.newLength, shape.width, shape.headWidth, shape.total)
      let scale = 1 / T(d).squareRoot()
      let work = shape.pairs * n * total * d
      let parts = work >= gemmParallelThreshold ? Swift.min(threadCount, shape.pairs) : 1
      parallelFor(parts) { part in
        let scores = UnsafeMutablePointer<T>.allocate(capacity: n * total)
        defer { scores.deallocate() }
        for pair in share(shape.pairs, parts: parts, part: part) {
          let (b, h) = pair.quotientAndRemainder(dividingBy: shape.heads)
          let k = keys + pair * shape.capacity * d, v = values + pair * shape.capacity * d
          // scores[n, total] = Q·Kᵀ
          native.gemm(
            m: n, n: total, k: d, qkv + b * n * 3 * c + h * d, lda: 3 * c, k, ldb: d, transposeB: true, scores, ldc: total,
            accumulate: false, parallel: false)
          for i in 0..<n {
            let row = scores + i * total, seen = shape.start + i + 1
            if !native.softmaxRows(UnsafePointer(row), row, rows: 1, width: seen, stride: total, scale: scale, logarithmic: false) {
              withUnsafePointer(to: scale) { s in native.binary(.multiply, UnsafePointer(row), 1, s, 0, row, seen) }
              softmaxRowLoop(native, UnsafePointer(row), row, seen, logarithmic: false)
            }
            (row + seen).update(repeating: 0, count: total - seen)
          }
          // y[n, d] = P·V
          native.gemm(
            m: n, n: d, k: total, scores, lda: total, v, ldb: d, y + b * n * c + h * d, ldc: c, accumulate: false, parallel: false)
        }
      }
    }
  }

  /// Runs ``CachedAttention`` on scalars of type `S`.
  static func cachedAttention<S: TensorScalar>(
    _ qkv: UnsafePointer<S>, keys: UnsafePointer<S>, values: UnsafePointer<S>, _ shape: CachedAttentionShape,
    into out: UnsafeMutablePointer<S>
  ) {
    run(
      CachedAttention(
        qkv: UnsafeRawPointer(qkv), keys: UnsafeRawPointer(keys), values: UnsafeRawPointer(values), shape: shape,
        out: UnsafeMutableRawPointer(out)),
      on: S.self)
  }
}
