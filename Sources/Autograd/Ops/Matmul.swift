/// Matrix products: 2-D, batched, and a batch of rows times one matrix (a linear layer).
extension Tensor {
  /// The matrix product over the last two dimensions.
  ///
  /// Shapes: `[m, k] × [k, n] → [m, n]`; `[…, m, k] × [k, n] → […, m, n]` (every row of a
  /// batch times one matrix); `[…, m, k] × […, k, n] → […, m, n]` with equal batch dimensions.
  /// Gradients: ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G (summed over the batch when B is shared).
  public func matmul(_ other: Tensor) throws -> Tensor {
    let (a, b) = (self, other)
    guard a.rank >= 2, b.rank >= 2 else {
      throw TensorError.shapeMismatch(op: "matmul", shapes: [a.shape, b.shape], reason: "both operands need at least 2 dimensions")
    }
    let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
    let k2 = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
    guard k == k2 else {
      throw TensorError.shapeMismatch(op: "matmul", shapes: [a.shape, b.shape], reason: "inner dimensions \(k) and \(k2) differ")
    }
    let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
    guard bBatch.isEmpty || aBatch == bBatch else {
      throw TensorError.shapeMismatch(op: "matmul", shapes: [a.shape, b.shape], reason: "batch dimensions must be equal, or the right operand 2-D")
    }
    let sharedB = bBatch.isEmpty
    let batches = aBatch.product
    // With a shared B, every row of every batch is one row of a single product.
    let (rows, products) = sharedB ? (batches * m, 1) : (m, batches)
    let (x, y) = (a.scalars, b.scalars)
    let outShape = aBatch + [m, n]
    let out = Self.product(x, y, products: products, m: rows, n: n, k: k, count: outShape.product)
    let flops = 2 * batches * m * n * k
    return Tensor(
      shape: outShape, scalars: out, op: "matmul", parents: [a, b], forwardCost: flops,
      backwardCost: [flops, flops]
    ) { g, needed in
      [
        // G[rows×n] · Bᵀ[n×k]
        needed[0] ? Self.product(g, y, products: products, m: rows, n: k, k: n, transposeB: true, bShared: sharedB, count: x.count) : nil,
        // Aᵀ[k×rows] · G[rows×n]
        needed[1] ? Self.product(x, g, products: products, m: k, n: n, k: rows, transposeA: true, count: y.count) : nil,
      ]
    }
  }

  /// `products` independent products `C_i[m×n] = op(A_i) · op(B_i)` stored one after another, each
  /// operand contiguous (op(A_i) is `m × k`, op(B_i) is `k × n`); with `bShared`, one B serves all.
  static func product(
    _ a: [Scalar], _ b: [Scalar], products: Int, m: Int, n: Int, k: Int,
    transposeA: Bool = false, transposeB: Bool = false, bShared: Bool = false, count: Int
  ) -> [Scalar] {
    guard count > 0 else { return [] }
    return [Scalar](unsafeUninitializedCapacity: count) { out, initialized in
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          let c0 = out.baseAddress!
          guard let a0 = ap.baseAddress, let b0 = bp.baseAddress else {
            c0.update(repeating: 0, count: count)  // k = 0
            return
          }
          Kernels.batchedGemm(
            products: products, m: m, n: n, k: k,
            a0, strideA: m * k, lda: transposeA ? m : k, transposeA: transposeA,
            b0, strideB: bShared ? 0 : k * n, ldb: transposeB ? k : n, transposeB: transposeB,
            c0, strideC: m * n, ldc: n, accumulate: false)
        }
      }
      initialized = count
    }
  }

  /// The transpose of each of `batches` row-major `rows × cols` matrices.
  static func transposeLastTwo(_ x: [Scalar], batches: Int, rows: Int, cols: Int) -> [Scalar] {
    guard x.count > 0 else { return [] }
    return [Scalar](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        Kernels.transpose(xs.baseAddress!, batches: batches, rows: rows, cols: cols, into: out.baseAddress!)
      }
      initialized = x.count
    }
  }
}
