import Autograd

extension GPT {
  /// Stores the weights of every linear layer and of the output head in `precision` for inference
  /// (`.f32` returns to the float32 weights). Forward passes without gradient recording
  /// (generation, evaluation) then read the rounded weights; training, which records gradients,
  /// still computes with the float32 parameters, which are kept. The embeddings looked up by
  /// token and position, the layer norms and the biases stay float32. Call it again after the
  /// parameters change.
  public func setWeightPrecision(_ precision: WeightPrecision) {
    for block in blocks { for linear in block.linears { linear.setWeightPrecision(precision) } }
    let embedding = tokenEmbedding.weight
    reducedHead =
      precision == .f32
      ? nil
      : ReducedPrecisionMatrix(
        embedding.scalars, rows: embedding.shape[0], columns: embedding.shape[1], precision: precision)
  }

  /// The precision forward passes without gradient recording read the weights in.
  public var weightPrecision: WeightPrecision { reducedHead?.precision ?? .f32 }

  /// Logits `[…, vocab]` from final hidden states `[…, C]`: the tied head x·wteᵀ (no transposed
  /// copy of wte), with the rounded head when one is set and gradients are not recorded.
  func head(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
    if let reducedHead, !GradientMode.isEnabled { return try x.linear(weight: reducedHead) }
    return try x.linear(weight: tokenEmbedding.weight)
  }
}
