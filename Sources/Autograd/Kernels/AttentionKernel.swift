/// Causal multi-head attention on the packed output of a fused query/key/value projection,
/// one (sequence, head) pair at a time, with the pairs shared out across threads.
///
/// Layout: `qkv` is `[B, T, 3C]` (queries in columns 0..<C, keys in C..<2C, values in 2C..<3C;
/// head h owns columns h·d..<(h+1)·d of each part, d = C/H); the output is `[B, T, C]`; the
/// attention weights `P` are kept as `[B, H, T, T]` for backward. Only the causal half of each
/// product is computed: rows are taken in blocks, and a block of rows t₀..<t₁ needs key columns 0..<t₁.
extension Kernels {
  /// Geometry of one attention call.
  struct AttentionShape {
    var batch: Int, length: Int, heads: Int, headWidth: Int
    var width: Int { heads * headWidth }
    var pairs: Int { batch * heads }
    /// Rows per block of the causal products.
    static let block = 32
  }

  /// Forward: `out[B,T,C]` and the weights `p[B,H,T,T]` (zero above the diagonal) from `qkv[B,T,3C]`;
  /// P = softmax(scale · Q·Kᵀ, causal), Y = P·V for each (sequence, head) pair.
  struct AttentionForward: KernelEntryPoint {
    let qkv: UnsafeRawPointer, shape: AttentionShape, scale: Double
    let weights: UnsafeMutableRawPointer, out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (qkv, p, y) = (qkv.scalars(T.self), weights.scalars(T.self), out.scalars(T.self))
      let (t, c, d, scale) = (shape.length, shape.width, shape.headWidth, T(scale))
      for pair in 0..<shape.pairs {
        let (b, h) = pair.quotientAndRemainder(dividingBy: shape.heads)
        // Row i of Q, K, V for this pair starts at q(i), q(i) + C, q(i) + 2C.
        func q(_ i: Int) -> Int { (b * t + i) * 3 * c + h * d }
        let weights = pair * t * t
        for i in 0..<t {
          var scores = [T](repeating: 0, count: i + 1)
          for s in 0...i {
            var total: T = 0
            for e in 0..<d { total += qkv[q(i) + e] * qkv[q(s) + c + e] }
            scores[s] = total * scale
          }
          scores.withUnsafeMutableBufferPointer { row in
            SoftmaxRows(x: UnsafeRawPointer(row.baseAddress!), out: UnsafeMutableRawPointer(row.baseAddress!), rows: 1, width: i + 1, logarithmic: false)
              .reference(T.self)
          }
          for s in 0..<t { p[weights + i * t + s] = s <= i ? scores[s] : 0 }
          for e in 0..<d {
            var total: T = 0
            for s in 0...i { total += scores[s] * qkv[q(s) + 2 * c + e] }
            y[(b * t + i) * c + h * d + e] = total
          }
        }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      attentionForwardPairs(native, qkv.scalars(T.self), shape, scale: T(scale), weights: weights.scalars(T.self), out: out.scalars(T.self))
    }
  }

  /// Backward: `dqkv[B,T,3C]` from the output gradient `g[B,T,C]`, `qkv` and the weights P. With
  /// dP = dY·Vᵀ and dS = P ⊙ (dP − rowsum(dP ⊙ P)) · scale: dQ = dS·K, dK = dSᵀ·Q, dV = Pᵀ·dY.
  struct AttentionBackward: KernelEntryPoint {
    let qkv: UnsafeRawPointer, shape: AttentionShape, scale: Double, weights: UnsafeRawPointer, g: UnsafeRawPointer
    let dqkv: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (qkv, p, g, dqkv) = (qkv.scalars(T.self), weights.scalars(T.self), g.scalars(T.self), dqkv.scalars(T.self))
      let (t, c, d, scale) = (shape.length, shape.width, shape.headWidth, T(scale))
      for b in 0..<shape.batch {
        for i in 0..<t {
          for e in 0..<(3 * c) { dqkv[(b * t + i) * 3 * c + e] = 0 }
        }
      }
      for pair in 0..<shape.pairs {
        let (b, h) = pair.quotientAndRemainder(dividingBy: shape.heads)
        func q(_ i: Int) -> Int { (b * t + i) * 3 * c + h * d }
        func dy(_ i: Int) -> Int { (b * t + i) * c + h * d }
        let weights = pair * t * t
        for i in 0..<t {
          // dP[i, s] = dY[i]·V[s]; dS[i, s] = P[i, s] (dP[i, s] − Σ_s' dP[i, s'] P[i, s']) · scale
          var dp = [T](repeating: 0, count: i + 1)
          for s in 0...i {
            for e in 0..<d { dp[s] += g[dy(i) + e] * qkv[q(s) + 2 * c + e] }
          }
          var total: T = 0
          for s in 0...i { total += dp[s] * p[weights + i * t + s] }
          for s in 0...i {
            let ds = p[weights + i * t + s] * (dp[s] - total) * scale
            for e in 0..<d {
              dqkv[q(i) + e] += ds * qkv[q(s) + c + e]  // dQ[i] += dS[i, s] K[s]
              dqkv[q(s) + c + e] += ds * qkv[q(i) + e]  // dK[s] += dS[i, s] Q[i]
              dqkv[q(s) + 2 * c + e] += p[weights + i * t + s] * g[dy(i) + e]  // dV[s] += P[i, s] dY[i]
            }
          }
        }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      attentionBackwardPairs(
        native, qkv.scalars(T.self), shape, scale: T(scale), weights: weights.scalars(T.self), gradient: g.scalars(T.self),
        into: dqkv.scalars(T.self))
    }
  }

  /// How many threads to use for `shape` (one unless there is enough work to pay for starting them).
  static func attentionParts(_ shape: AttentionShape) -> Int {
    let work = shape.pairs * shape.length * shape.length * shape.headWidth
    return work >= gemmParallelThreshold ? Swift.min(threadCount, shape.pairs) : 1
  }

  static func attentionForwardPairs<S: TensorScalar>(
    _ native: NativeKernels<S>, _ qkv: UnsafePointer<S>, _ shape: AttentionShape, scale: S, weights p: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    let (t, c, d) = (shape.length, shape.width, shape.headWidth)
    let parts = attentionParts(shape)
    parallelFor(parts) { part in
      for pair in share(shape.pairs, parts: parts, part: part) {
        let (b, h) = pair.quotientAndRemainder(dividingBy: shape.heads)
        let q = qkv + b * t * 3 * c + h * d, k = q + c, v = q + 2 * c
        let weights = p + pair * t * t
        let y = out + b * t * c + h * d
        for i0 in stride(from: 0, to: t, by: AttentionShape.block) {
          let i1 = Swift.min(t, i0 + AttentionShape.block)
          // scores[i0..<i1, 0..<i1] = Q·Kᵀ
          native.gemm(
            m: i1 - i0, n: i1, k: d, q + i0 * 3 * c, lda: 3 * c, k, ldb: 3 * c, transposeB: true,
            weights + i0 * t, ldc: t, accumulate: false, parallel: false)
          for row in i0..<i1 {
            let r = weights + row * t
            if native.softmaxRows(UnsafePointer(r), r, rows: 1, width: row + 1, stride: t, scale: scale, logarithmic: false) {
              (r + row + 1).update(repeating: 0, count: t - row - 1)
              continue
            }
            withUnsafePointer(to: scale) { s in native.binary(.multiply, UnsafePointer(r), 1, s, 0, r, row + 1) }
            softmaxRowLoop(native, UnsafePointer(r), r, row + 1, logarithmic: false)
            (r + row + 1).update(repeating: 0, count: t - row - 1)
          }
          // y[i0..<i1] = P[i0..<i1, 0..<i1] · V[0..<i1]
          native.gemm(
            m: i1 - i0, n: d, k: i1, weights + i0 * t, lda: t, v, ldb: 3 * c,
            y + i0 * c, ldc: c, accumulate: false, parallel: false)
        }
      }
    }
  }

  static func attentionBackwardPairs<S: TensorScalar>(
    _ native: NativeKernels<S>, _ qkv: UnsafePointer<S>, _ shape: AttentionShape, scale: S, weights p: UnsafePointer<S>,
    gradient g: UnsafePointer<S>, into dqkv: UnsafeMutablePointer<S>
  ) {
    let (t, c, d) = (shape.length, shape.width, shape.headWidth)
    let parts = attentionParts(shape)
    let block = AttentionShape.block
    parallelFor(parts) { part in
      let scores = UnsafeMutablePointer<S>.allocate(capacity: t * t)
      defer { scores.deallocate() }
      for pair in share(shape.pairs, parts: parts, part: part) {
        let (b, h) = pair.quotientAndRemainder(dividingBy: shape.heads)
        let q = qkv + b * t * 3 * c + h * d, k = q + c, v = q + 2 * c
        let dq = dqkv + b * t * 3 * c + h * d, dk = dq + c, dv = dq + 2 * c
        let weights = p + pair * t * t
        let dy = g + b * t * c + h * d
        for i0 in stride(from: 0, to: t, by: block) {
          let i1 = Swift.min(t, i0 + block)
          // dP[i0..<i1, 0..<i1] = dY·Vᵀ, then dS = P ⊙ (dP − rowsum(dP ⊙ P)) · scale (zero above the diagonal).
          native.gemm(
            m: i1 - i0, n: i1, k: d, dy + i0 * c, lda: c, v, ldb: 3 * c, transposeB: true,
            scores + i0 * t, ldc: t, accumulate: false, parallel: false)
          for row in i0..<i1 {
            let ds = scores + row * t, pr = weights + row * t
            native.softmaxBackwardRows(pr, UnsafePointer(ds), ds, rows: 1, width: row + 1, stride: t, scale: scale)
            (ds + row + 1).update(repeating: 0, count: i1 - row - 1)
          }
          // dQ[i0..<i1] = dS[i0..<i1, 0..<i1] · K[0..<i1]
          native.gemm(
            m: i1 - i0, n: d, k: i1, scores + i0 * t, lda: t, k, ldb: 3 * c,
            dq + i0 * 3 * c, ldc: 3 * c, accumulate: false, parallel: false)
        }
        // Keys and values of positions s₀..<s₁ are used by query rows s₀..<T.
        for s0 in stride(from: 0, to: t, by: block) {
          let s1 = Swift.min(t, s0 + block)
          // dV[s0..<s1] = P[s0..<T, s0..<s1]ᵀ · dY[s0..<T]
          native.gemm(
            m: s1 - s0, n: d, k: t - s0, weights + s0 * t + s0, lda: t, transposeA: true, dy + s0 * c, ldb: c,
            dv + s0 * 3 * c, ldc: 3 * c, accumulate: false, parallel: false)
          // dK[s0..<s1] = dS[s0..<T, s0..<s1]ᵀ · Q[s0..<T]
          native.gemm(
            m: s1 - s0, n: d, k: t - s0, UnsafePointer(scores) + s0 * t + s0, lda: t, transposeA: true, q + s0 * 3 * c, ldb: 3 * c,
            dk + s0 * 3 * c, ldc: 3 * c, accumulate: false, parallel: false)
        }
      }
    }
  }
}
