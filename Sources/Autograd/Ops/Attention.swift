/// Causal self-attention as one fused op (scores, causal mask, softmax, weighted sum of values).
extension Tensor {
  /// Multi-head causal self-attention of the packed projections `self` = qkv `[B, T, 3C]`
  /// (queries, keys, values side by side along the last axis, as a fused linear layer makes them)
  /// with `headCount` heads of width d = C/H; returns `[B, T, C]` (heads side by side).
  ///
  /// For each sequence and head: P = softmax(Q·Kᵀ/√d with positions s > t masked out), Y = P·V.
  /// The same values as the readable composition in ``referenceCausalSelfAttention(headCount:)``.
  /// Backward, with dS = P ⊙ (dP − rowsum(dP ⊙ P)) and dP = dY·Vᵀ:
  /// dQ = dS·K/√d, dK = dSᵀ·Q/√d, dV = Pᵀ·dY.
  public func causalSelfAttention(headCount: Int) throws -> Tensor {
    guard rank == 3, headCount >= 1, shape[2] > 0, shape[2] % (3 * headCount) == 0 else {
      throw TensorError.shapeMismatch(
        op: "causal_attention", shapes: [shape],
        reason: "the input must be [batch, length, 3·width] with the width divisible by \(headCount) heads")
    }
    let geometry = Kernels.AttentionShape(batch: shape[0], length: shape[1], heads: headCount, headWidth: shape[2] / (3 * headCount))
    let (b, t, c) = (geometry.batch, geometry.length, geometry.width)
    let scale = 1 / Scalar(geometry.headWidth).squareRoot()
    let qkv = scalars
    // Every element of both arrays is written by the kernel.
    var weights: [Scalar] = []
    let out = [Scalar](unsafeUninitializedCapacity: b * t * c) { y, initializedOut in
      weights = [Scalar](unsafeUninitializedCapacity: geometry.pairs * t * t) { p, initializedWeights in
        if b * t * c > 0 {
          qkv.withUnsafeBufferPointer { x in
            Kernels.attentionForward(x.baseAddress!, geometry, scale: scale, weights: p.baseAddress!, out: y.baseAddress!)
          }
        }
        initializedWeights = geometry.pairs * t * t
      }
      initializedOut = b * t * c
    }
    // FLOPs as the unfused ops count them: two batched products, the scaling and the softmax.
    let products = 2 * geometry.pairs * t * t * geometry.headWidth, scores = geometry.pairs * t * t
    let count = self.count
    return Tensor(
      shape: [b, t, c], scalars: out, op: "causal_attention", parents: [self],
      forwardCost: 2 * products + 5 * scores, backwardCost: [4 * products + 6 * scores]
    ) { g, _ in
      guard count > 0 else { return [[Scalar](repeating: 0, count: count)] }
      let dqkv = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
        qkv.withUnsafeBufferPointer { x in
          weights.withUnsafeBufferPointer { p in
            g.withUnsafeBufferPointer { g in
              Kernels.attentionBackward(
                x.baseAddress!, geometry, scale: scale, weights: p.baseAddress!, gradient: g.baseAddress!, into: buffer.baseAddress!)
            }
          }
        }
        initialized = count
      }
      return [dqkv]
    }
  }

  /// The readable composition that ``causalSelfAttention(headCount:)`` fuses: split, heads,
  /// scaled scores, causal mask, softmax, weighted sum, heads back side by side.
  public func referenceCausalSelfAttention(headCount: Int) throws -> Tensor {
    let (batch, length, width) = (shape[0], shape[1], shape[2] / 3)
    let headWidth = width / headCount
    let parts = try split([width, width, width], axis: 2)
    func heads(_ t: Tensor) throws -> Tensor {  // [B, T, C] → [B, H, T, C/H]
      try t.reshaped([batch, length, headCount, headWidth]).permuted([0, 2, 1, 3])
    }
    let (q, k, v) = (try heads(parts[0]), try heads(parts[1]), try heads(parts[2]))
    let scores = try q.matmul(k.transposed()) * (1 / Scalar(headWidth).squareRoot())
    let masked = try scores.maskedFill(Tensor.causalMask(length: length), maskShape: [length, length], value: -.infinity)
    return try masked.softmax().matmul(v).permuted([0, 2, 1, 3]).reshaped([batch, length, width])
  }
}
