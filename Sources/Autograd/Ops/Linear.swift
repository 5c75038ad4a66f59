/// The affine map of a fully connected layer, fused: no transposed copy of the weight and the
/// bias added in the same pass.
extension Tensor {
  /// y = x·Wᵀ + b: x `[…, in]`, `weight` W `[out, in]` (PyTorch layout), `bias` b `[out]` or nil;
  /// y `[…, out]`. The same values as `x.matmul(weight.transposed()) + bias`.
  ///
  /// Gradients: ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x, ∂L/∂b = Σ G over rows.
  public func linear(weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    guard rank >= 1, weight.rank == 2, shape[rank - 1] == weight.shape[1] else {
      throw TensorError.shapeMismatch(
        op: "linear", shapes: [shape, weight.shape], reason: "the weight must be [outputs, \(shape.last ?? 0)] for this input")
    }
    let inputs = weight.shape[1], outputs = weight.shape[0]
    if let bias, bias.shape != [outputs] {
      throw TensorError.shapeMismatch(op: "linear", shapes: [weight.shape, bias.shape], reason: "the bias must be [\(outputs)]")
    }
    let rows = inputs == 0 ? count : count / inputs
    let (x, w, b) = (scalars, weight.scalars, bias?.scalars)
    let outShape = Array(shape.dropLast()) + [outputs]
    let out = [Scalar](unsafeUninitializedCapacity: rows * outputs) { buffer, initialized in
      if rows * outputs > 0 {
        Self.affine(x, w, b, rows: rows, inputs: inputs, outputs: outputs, into: buffer.baseAddress!)
      }
      initialized = rows * outputs
    }
    let flops = 2 * rows * inputs * outputs
    let parents = bias.map { [self, weight, $0] } ?? [self, weight]
    let costs = [flops, flops] + (bias == nil ? [] : [rows * outputs])
    return Tensor(shape: outShape, scalars: out, op: "linear", parents: parents, forwardCost: flops + (bias == nil ? 0 : rows * outputs), backwardCost: costs) { g, needed in
      var gradients: [[Scalar]?] = [
        // G[rows×out] · W[out×in]
        needed[0] ? Self.product(g, w, products: 1, m: rows, n: inputs, k: outputs, count: x.count) : nil,
        // Gᵀ[out×rows] · x[rows×in]
        needed[1] ? Self.product(g, x, products: 1, m: outputs, n: inputs, k: rows, transposeA: true, count: w.count) : nil,
      ]
      if parents.count == 3 {
        gradients.append(needed[2] ? Self.columnSums(g, rows: rows, width: outputs) : nil)
      }
      return gradients
    }
  }

  /// `out[rows×outputs] = x·wᵀ (+ b on every row)`.
  static func affine(_ x: [Scalar], _ w: [Scalar], _ b: [Scalar]?, rows: Int, inputs: Int, outputs: Int, into out: UnsafeMutablePointer<Scalar>) {
    if let b {
      b.withUnsafeBufferPointer { bias in
        for r in 0..<rows { (out + r * outputs).update(from: bias.baseAddress!, count: outputs) }
      }
    }
    guard inputs > 0 else {
      if b == nil { out.update(repeating: 0, count: rows * outputs) }
      return
    }
    x.withUnsafeBufferPointer { xs in
      w.withUnsafeBufferPointer { ws in
        Kernels.gemm(
          m: rows, n: outputs, k: inputs, xs.baseAddress!, lda: inputs, ws.baseAddress!, ldb: inputs, transposeB: true,
          out, ldc: outputs, accumulate: b != nil)
      }
    }
  }

  /// Sums of each column of a row-major `rows × width` matrix.
  static func columnSums(_ g: [Scalar], rows: Int, width: Int) -> [Scalar] {
    var out = [Scalar](repeating: 0, count: width)
    guard rows * width > 0 else { return out }
    g.withUnsafeBufferPointer { gs in
      out.withUnsafeMutableBufferPointer { os in
        Kernels.addColumnSums(gs.baseAddress!, rows: rows, width: width, into: os.baseAddress!)
      }
    }
    return out
  }
}
