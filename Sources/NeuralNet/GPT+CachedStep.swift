import Autograd

/// Keys and values of one GPT layer for the positions run so far, each `[B, H, t, C/H]` (a KV cache).
public struct GPTLayerCache<Scalar: TensorScalar> {
  /// Keys `[B, H, t, C/H]`.
  public var keys: Tensor<Scalar>
  /// Values `[B, H, t, C/H]`.
  public var values: Tensor<Scalar>

  /// A cache entry holding `keys` and `values`.
  public init(keys: Tensor<Scalar>, values: Tensor<Scalar>) {
    self.keys = keys
    self.values = values
  }
}

extension GPT {
  /// Runs `tokens` (`[batch, n]` row-major, at positions `start..<start+n`) through the model,
  /// attending to the keys and values in `cache` (one entry per block, nil before the first call)
  /// and appending this call's; returns the logits `[batch × vocab]` at the last of the n positions.
  ///
  /// The arithmetic is the model's own forward pass (its layers, called in the same order), so
  /// prefilling n tokens and then feeding one token per call gives the logits of the whole-sequence
  /// forward pass at each position, to float rounding; every new token costs one position's pass.
  /// Call it without gradient recording (`GradientMode.withoutRecording`).
  public func cachedStep(_ tokens: [Int], batch: Int, start: Int, cache: inout [GPTLayerCache<Scalar>?]) throws -> [Scalar] {
    let newLength = tokens.count / batch
    let width = config.embeddingWidth
    var x = try tokenEmbedding(tokens, shape: [batch, newLength]) + positionEmbedding(Array(start..<(start + newLength)), shape: [newLength])
    for (layer, block) in blocks.enumerated() {
      let attention = block.attention
      let headCount = attention.headCount, headWidth = width / headCount
      let parts = try attention.qkv(block.norm1(x)).split([width, width, width], axis: 2)
      func heads(_ t: Tensor<Scalar>) throws -> Tensor<Scalar> {  // [B, n, C] → [B, H, n, C/H]
        try t.reshaped([batch, newLength, headCount, headWidth]).permuted([0, 2, 1, 3])
      }
      let query = try heads(parts[0])
      var keys = try heads(parts[1]), values = try heads(parts[2])
      if let previous = cache[layer] {
        keys = try Tensor.concatenate([previous.keys, keys], axis: 2)
        values = try Tensor.concatenate([previous.values, values], axis: 2)
      }
      cache[layer] = GPTLayerCache(keys: keys, values: values)
      let total = start + newLength
      var scores = try query.matmul(keys.transposed()) * Scalar(1 / Double(headWidth).squareRoot())  // [B, H, n, total]
      if newLength > 1 {
        // Query i sits at position start + i and may see keys 0...start + i.
        let mask = (0..<(newLength * total)).map { $0 % total > start + $0 / total }
        scores = try scores.maskedFill(mask, maskShape: [newLength, total], value: -.infinity)
      }
      let mixed = try scores.softmax().matmul(values).permuted([0, 2, 1, 3]).reshaped([batch, newLength, width])
      x = try x + attention.projection(mixed)
      x = try x + block.contract(block.expand(block.norm2(x)).gelu())
    }
    let last = try x.slice(axis: 1, (newLength - 1)..<newLength)
    return try head(finalNorm(last)).scalars
  }
}
