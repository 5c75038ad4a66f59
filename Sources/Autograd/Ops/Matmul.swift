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
    var out = [Scalar](repeating: 0, count: outShape.product)
    Self.batchedProduct(x, y, &out, products: products, m: rows, k: k, n: n)
    let flops = 2 * batches * m * n * k
    return Tensor(
      shape: outShape, scalars: out, op: "matmul", parents: [a, b], forwardCost: flops,
      backwardCost: [flops, flops]
    ) { g, needed in
      var gradA: [Scalar]? = nil, gradB: [Scalar]? = nil
      if needed[0] {  // G[rows×n] · Bᵀ[n×k]
        let bT = Self.transposeLastTwo(y, batches: sharedB ? 1 : products, rows: k, cols: n)
        var result = [Scalar](repeating: 0, count: x.count)
        Self.batchedProduct(g, bT, &result, products: products, m: rows, k: n, n: k)
        gradA = result
      }
      if needed[1] {  // Aᵀ[k×rows] · G[rows×n]
        let aT = Self.transposeLastTwo(x, batches: products, rows: rows, cols: k)
        var result = [Scalar](repeating: 0, count: y.count)
        Self.batchedProduct(aT, g, &result, products: products, m: k, k: rows, n: n)
        gradB = result
      }
      return [gradA, gradB]
    }
  }

  /// `products` independent products `C_i[m×n] = A_i[m×k] · B_i[k×n]`; when B has one
  /// matrix (count k·n) it is shared by all.
  static func batchedProduct(_ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar], products: Int, m: Int, k: Int, n: Int) {
    let shared = b.count == k * n
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        c.withUnsafeMutableBufferPointer { cp in
          guard let a0 = ap.baseAddress, let b0 = bp.baseAddress, let c0 = cp.baseAddress else { return }
          for i in 0..<products {
            Kernels.gemm(
              m: m, n: n, k: k, a0 + i * m * k, shared ? b0 : b0 + i * k * n, c0 + i * m * n,
              accumulate: false)
          }
        }
      }
    }
  }

  /// Transposes each of `batches` row-major `rows × cols` matrices.
  static func transposeLastTwo(_ x: [Scalar], batches: Int, rows: Int, cols: Int) -> [Scalar] {
    guard x.count > 0 else { return [] }
    return [Scalar](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        for i in 0..<batches {
          Kernels.transpose(xs.baseAddress! + i * rows * cols, rows: rows, cols: cols, into: out.baseAddress! + i * rows * cols)
        }
      }
      initialized = x.count
    }
  }
}
