import Autograd

/// A pre-LayerNorm transformer block (GPT-2):
/// x ← x + attn(ln_1(x)); x ← x + mlp(ln_2(x)), with mlp = c_proj(gelu(c_fc(·))) of width 4C.
public final class TransformerBlock<Scalar: TensorScalar>: Module {
  public let norm1: LayerNorm<Scalar>
  public let attention: CausalSelfAttention<Scalar>
  public let norm2: LayerNorm<Scalar>
  /// `C → 4C`.
  public let expand: Linear<Scalar>
  /// `4C → C`.
  public let contract: Linear<Scalar>

  /// Linear weights drawn from N(0, std²), biases 0, layer norms 1 and 0 (std 0: zero weights, nothing drawn).
  public init(width: Int, headCount: Int, std: Double = 0.02, using generator: inout SplitMix64) {
    norm1 = LayerNorm(width: width)
    attention = CausalSelfAttention(width: width, headCount: headCount, std: std, using: &generator)
    norm2 = LayerNorm(width: width)
    expand = Linear(inputCount: width, outputCount: 4 * width, std: std, using: &generator)
    contract = Linear(inputCount: 4 * width, outputCount: width, std: std, using: &generator)
  }

  public var namedParameters: [NamedParameter<Scalar>] {
    prefixed("ln_1", norm1) + prefixed("attn", attention) + prefixed("ln_2", norm2)
      + prefixed("mlp.c_fc", expand) + prefixed("mlp.c_proj", contract)
  }

  /// x `[B, T, C]` → `[B, T, C]`.
  public func callAsFunction(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
    let afterAttention = try x + attention(norm1(x))
    return try afterAttention + contract(expand(norm2(afterAttention)).gelu())
  }

  /// Every linear layer of the block (where LoRA adapters go).
  public var linears: [Linear<Scalar>] { [attention.qkv, attention.projection, expand, contract] }
}
