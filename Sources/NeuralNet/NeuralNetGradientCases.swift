import Autograd

/// Gradient-check cases for the network layers, run in float64 next to the engine's ops.
public enum NeuralNetGradientCases {
  /// A LoRA-adapted linear layer and a full GPT block (attention + MLP + both LayerNorms),
  /// checked with respect to the input and every parameter.
  public static func cases(seed: UInt64 = 7) -> [GradientCheckCase] {
    var generator = SplitMix64(seed: seed)
    let block = TransformerBlock<Double>(width: 8, headCount: 2, using: &generator)
    perturbNorms(block.norm1, block.norm2, using: &generator)
    let x = Tensor<Double>.normal([2, 3, 8], requiresGrad: true, using: &generator)
    let linear = Linear<Double>(inputCount: 6, outputCount: 5, std: 0.5, using: &generator)
    try! linear.attachLoRA(rank: 2, alpha: 4, using: &generator)
    // B starts at zero; move it so that A's gradient is not trivially zero.
    try! linear.adapter!.b.assign((0..<10).map { _ in generator.nextNormal() })
    let y = Tensor<Double>.normal([4, 6], requiresGrad: true, using: &generator)
    return [
      GradientCheckCase("linear + LoRA adapter", inputs: [y, linear.adapter!.a, linear.adapter!.b]) { try linear($0[0]) },
      GradientCheckCase("gpt block (input)", inputs: [x]) { try block($0[0]) },
      GradientCheckCase("gpt block (parameters)", inputs: block.parameters) { _ in try block(x.detached()) },
    ]
  }

  static func perturbNorms(_ norms: LayerNorm<Double>..., using generator: inout SplitMix64) {
    for norm in norms {
      try! norm.weight.assign(norm.weight.scalars.map { $0 + 0.3 * generator.nextNormal() })
      try! norm.bias.assign(norm.bias.scalars.map { $0 + 0.3 * generator.nextNormal() })
    }
  }
}
