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
    // x̂ and 1/σ are kept for backward; every element of the three arrays is written by the kernel.
    var normalised: [Scalar] = [], reciprocalStd: [Scalar] = []
    let out = [Scalar](unsafeUninitializedCapacity: count) { y, initializedOut in
      normalised = [Scalar](unsafeUninitializedCapacity: count) { xhat, initializedNormalised in
        reciprocalStd = [Scalar](unsafeUninitializedCapacity: rows) { rstd, initializedStd in
          if rows * d > 0 {
            x.withUnsafeBufferPointer { x in
              w.withUnsafeBufferPointer { w in
                b.withUnsafeBufferPointer { b in
                  Kernels.layerNormForward(
                    x.baseAddress!, w.baseAddress!, b.baseAddress!, eps: eps, rows: rows, width: d,
                    normalised: xhat.baseAddress!, reciprocalStd: rstd.baseAddress!, out: y.baseAddress!)
                }
              }
            }
          }
          initializedStd = rows
        }
        initializedNormalised = count
      }
      initializedOut = count
    }
    return Tensor(shape: shape, scalars: out, op: "layer_norm", parents: [self, weight, bias], forwardCost: 8 * count, backwardCost: [8 * count, 2 * count, count]) { g, needed in
      var dx = [Scalar](repeating: 0, count: needed[0] ? g.count : 0)
      var dw = [Scalar](repeating: 0, count: d), db = [Scalar](repeating: 0, count: d)
      if rows * d > 0 {
        g.withUnsafeBufferPointer { g in
          normalised.withUnsafeBufferPointer { xhat in
            reciprocalStd.withUnsafeBufferPointer { rstd in
              w.withUnsafeBufferPointer { w in
                dx.withUnsafeMutableBufferPointer { dx in
                  dw.withUnsafeMutableBufferPointer { dw in
                    db.withUnsafeMutableBufferPointer { db in
                      Kernels.layerNormBackward(
                        g.baseAddress!, normalised: xhat.baseAddress!, reciprocalStd: rstd.baseAddress!, weight: w.baseAddress!,
                        rows: rows, width: d, dx: needed[0] ? dx.baseAddress! : nil, dweight: dw.baseAddress!, dbias: db.baseAddress!)
                    }
                  }
                }
              }
            }
          }
        }
      }
      return [needed[0] ? dx : nil, needed[1] ? dw : nil, needed[2] ? db : nil]
    }
  }
}
