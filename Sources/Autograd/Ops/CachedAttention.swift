/// Causal self-attention of new positions against a KV cache (decoding, no gradient).
extension Tensor {
  /// Multi-head attention of `n` new positions, `self` = qkv `[B, n, 3C]` (packed as for
  /// ``causalSelfAttention(headCount:)``), at positions `cache.length..<cache.length + n`: their
  /// keys and values are appended to `cache`, and query i attends to positions `0...cache.length + i`.
  /// Returns `[B, n, C]`: for each sequence and head, P = softmax(q·Kᵀ/√d) over those positions and
  /// y = P·V, the same values (to float rounding) as the rows of the whole-sequence
  /// ``causalSelfAttention(headCount:)``. Inference only: the result records no gradient.
  public func cachedSelfAttention(cache: inout KeyValueCache<Scalar>) throws -> Tensor {
    let (heads, d) = (cache.heads, cache.headWidth)
    guard rank == 3, shape[0] == cache.batch, shape[2] == 3 * heads * d else {
      throw TensorError.shapeMismatch(
        op: "cached_attention", shapes: [shape],
        reason: "the input must be [\(cache.batch), n, \(3 * heads * d)] for a cache of \(cache.batch) sequences and \(heads) heads of width \(d)")
    }
    let (batch, n, c) = (shape[0], shape[1], heads * d)
    guard cache.length + n <= cache.capacity else {
      throw TensorError.invalidArgument(
        op: "cached_attention", reason: "\(n) new positions after \(cache.length) exceed the cache's \(cache.capacity)")
    }
    let start = cache.length
    let qkv = scalars
    // The new keys and values go to positions start..<start + n of each (sequence, head).
    for b in 0..<batch {
      for h in 0..<heads {
        for i in 0..<n {
          let source = (b * n + i) * 3 * c + h * d
          let target = ((b * heads + h) * cache.capacity + start + i) * d
          for e in 0..<d {
            cache.keys[target + e] = qkv[source + c + e]
            cache.values[target + e] = qkv[source + 2 * c + e]
          }
        }
      }
    }
    cache.length = start + n
    let geometry = Kernels.CachedAttentionShape(batch: batch, newLength: n, start: start, heads: heads, headWidth: d, capacity: cache.capacity)
    let out = [Scalar](unsafeUninitializedCapacity: batch * n * c) { y, initialized in
      if batch * n * c > 0 {
        qkv.withUnsafeBufferPointer { x in
          cache.keys.withUnsafeBufferPointer { k in
            cache.values.withUnsafeBufferPointer { v in
              Kernels.cachedAttention(x.baseAddress!, keys: k.baseAddress!, values: v.baseAddress!, geometry, into: y.baseAddress!)
            }
          }
        }
      }
      initialized = batch * n * c
    }
    let total = start + n
    return Tensor(
      shape: [batch, n, c], scalars: out, op: "cached_attention", parents: [],
      forwardCost: 4 * batch * heads * n * total * d + 5 * batch * heads * n * total, backwardCost: []
    ) { _, _ in [] }
  }
}
