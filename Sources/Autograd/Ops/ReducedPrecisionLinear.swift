/// The affine map of a fully connected layer whose weight is stored in reduced precision
/// (inference with bfloat16 or int8 weights): the weight is frozen, the activations stay in the
/// tensor's own type.
extension Tensor {
  /// y = x·Wᵀ + b: x `[…, in]`, W the reduced-precision `weight` `[out, in]` as it reads back
  /// (``ReducedPrecisionMatrix/dequantized()``), `bias` b `[out]` or nil; y `[…, out]`. The same
  /// values, to float rounding, as `x.linear(weight: Tensor(dequantised W), bias: bias)`.
  ///
  /// Gradients: ∂L/∂x = G·W and ∂L/∂b = Σ G over rows; W has none (it is frozen).
  public func linear(weight: ReducedPrecisionMatrix, bias: Tensor? = nil) throws -> Tensor {
    let inputs = weight.columns, outputs = weight.rows
    guard rank >= 1, shape[rank - 1] == inputs else {
      throw TensorError.shapeMismatch(
        op: "linear", shapes: [shape, [outputs, inputs]], reason: "the weight must be [outputs, \(shape.last ?? 0)] for this input")
    }
    if let bias, bias.shape != [outputs] {
      throw TensorError.shapeMismatch(op: "linear", shapes: [[outputs, inputs], bias.shape], reason: "the bias must be [\(outputs)]")
    }
    let rows = inputs == 0 ? count : count / inputs
    let (x, b) = (scalars, bias?.scalars)
    var out = [Scalar](repeating: 0, count: rows * outputs)
    if rows * outputs > 0 && inputs > 0 {
      x.withUnsafeBufferPointer { xs in
        out.withUnsafeMutableBufferPointer { ys in Kernels.reducedLinear(m: rows, xs.baseAddress!, weight: weight, into: ys.baseAddress!) }
      }
    }
    if let b {
      for r in 0..<rows { for j in 0..<outputs { out[r * outputs + j] += b[j] } }
    }
    let flops = 2 * rows * inputs * outputs
    let parents = bias.map { [self, $0] } ?? [self]
    let costs = [flops] + (bias == nil ? [] : [rows * outputs])
    return Tensor(
      shape: Array(shape.dropLast()) + [outputs], scalars: out, op: "linear", parents: parents,
      forwardCost: flops + (bias == nil ? 0 : rows * outputs), backwardCost: costs
    ) { g, needed in
      var gradients: [[Scalar]?] = [
        // G[rows×out] · W[out×in]
        needed[0] ? Self.product(g, weight.dequantized().map { Scalar($0) }, products: 1, m: rows, n: inputs, k: outputs, count: x.count) : nil
      ]
      if parents.count == 2 { gradients.append(needed[1] ? Self.columnSums(g, rows: rows, width: outputs) : nil) }
      return gradients
    }
  }
}
