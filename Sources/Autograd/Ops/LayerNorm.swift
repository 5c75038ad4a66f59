/// Layer normalisation over the last axis, fused (one pass forward, one pass backward).
extension Tensor {
  /// y = (x − mean) / √(var + eps) · weight + bias over the last axis of width d;
  /// `weight` and `bias` have shape `[d]`. `eps` defaults to 1e-5 as in PyTorch.
  ///
  /// Backward with x̂ the normalised input and r = 1/√(var+eps):
  /// dx = r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) where ĝ = g ⊙ weight;
  /// dweight = Σ g ⊙ x̂, dbias = Σ g over rows.
  public func layerNorm(weight: Tensor, bias: Tensor, eps: Scalar = 1e-5) throws -> Tensor {
    guard let d = shape.last, weight.shape == [d], bias.shape == [d] else {
      throw TensorError.shapeMismatch(op: "layer_norm", shapes: [shape, weight.shape, bias.shape], reason: "weight and bias must be [last dimension]")
    }
    let rows = count / Swift.max(d, 1)
    let x = scalars, w = weight.scalars, b = bias.scalars
    var normalised = [Scalar](repeating: 0, count: count)
    var reciprocalStd = [Scalar](repeating: 0, count: rows)
    var out = [Scalar](repeating: 0, count: count)
    for r in 0..<rows {
      let base = r * d
      var mean: Scalar = 0
      for j in 0..<d { mean += x[base + j] }
      mean /= Scalar(d)
      var variance: Scalar = 0
      for j in 0..<d { let c = x[base + j] - mean; variance += c * c }
      variance /= Scalar(d)
      let rstd = 1 / (variance + eps).squareRoot()
      reciprocalStd[r] = rstd
      for j in 0..<d {
        let xhat = (x[base + j] - mean) * rstd
        normalised[base + j] = xhat
        out[base + j] = xhat * w[j] + b[j]
      }
    }
    return Tensor(shape: shape, scalars: out, op: "layer_norm", parents: [self, weight, bias], forwardCost: 8 * count, backwardCost: [8 * count, 2 * count, count]) { g, needed in
      var dx = needed[0] ? [Scalar](repeating: 0, count: g.count) : []
      var dw = [Scalar](repeating: 0, count: d), db = [Scalar](repeating: 0, count: d)
      for r in 0..<rows {
        let base = r * d
        var meanG: Scalar = 0, meanGX: Scalar = 0
        for j in 0..<d {
          let gj = g[base + j], xhat = normalised[base + j]
          dw[j] += gj * xhat
          db[j] += gj
          let ghat = gj * w[j]
          meanG += ghat
          meanGX += ghat * xhat
        }
        guard needed[0] else { continue }
        meanG /= Scalar(d); meanGX /= Scalar(d)
        let rstd = reciprocalStd[r]
        for j in 0..<d {
          dx[base + j] = rstd * (g[base + j] * w[j] - meanG - normalised[base + j] * meanGX)
        }
      }
      return [needed[0] ? dx : nil, needed[1] ? dw : nil, needed[2] ? db : nil]
    }
  }
}
