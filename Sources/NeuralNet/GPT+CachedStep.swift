import Autograd

extension GPT {
  /// An empty KV cache for each block, for `batch` sequences of up to the block size.
  public func emptyCaches(batch: Int) -> [KeyValueCache<Scalar>] {
    blocks.map {
      KeyValueCache(
        batch: batch, heads: $0.attention.headCount, headWidth: config.embeddingWidth / $0.attention.headCount,
        capacity: config.blockSize)
    }
  }

  /// Runs `tokens` (`[batch, n]` row-major, at positions `caches[0].length..<+n`) through the model,
  /// attending to the keys and values in `caches` (one per block, from ``emptyCaches(batch:)``) and
  /// appending this call's; returns the logits `[batch × vocab]` at the last of the n positions.
  ///
  /// The arithmetic is the model's own forward pass (its layers, called in the same order), so
  /// prefilling n tokens and then feeding one token per call gives the logits of the whole-sequence
  /// forward pass at each position, to float rounding; every new token costs one position's pass.
  /// Call it without gradient recording (`GradientMode.withoutRecording`).
  public func cachedStep(_ tokens: [Int], batch: Int, caches: inout [KeyValueCache<Scalar>]) throws -> [Scalar] {
    let newLength = tokens.count / batch
    let start = caches[0].length
    var x = try tokenEmbedding(tokens, shape: [batch, newLength]) + positionEmbedding(Array(start..<(start + newLength)), shape: [newLength])
    for (layer, block) in blocks.enumerated() {
      let mixed = try block.attention.qkv(block.norm1(x)).cachedSelfAttention(cache: &caches[layer])
      x = try x + block.attention.projection(mixed)
      x = try x + block.contract(block.expand(block.norm2(x)).gelu())
    }
    let last = newLength == 1 ? x : try x.slice(axis: 1, (newLength - 1)..<newLength)
    return try head(finalNorm(last)).scalars
  }
}
