import Autograd

/// Multi-head causal self-attention as in GPT-2: one fused linear makes queries, keys and
/// values; each head attends only to earlier positions; a linear mixes the heads.
///
/// Shapes: x `[B, T, C]` → q, k, v `[B, H, T, C/H]` → scores `[B, H, T, T]` → `[B, T, C]`.
public final class CausalSelfAttention<Scalar: TensorScalar>: Module {
  /// The fused query/key/value projection `C → 3C`.
  public let qkv: Linear<Scalar>
  /// The output projection `C → C`.
  public let projection: Linear<Scalar>
  /// Number of heads H.
  public let headCount: Int

  /// Weights drawn from N(0, std²), biases 0 (std 0: zero weights, nothing drawn).
  public init(width: Int, headCount: Int, std: Double = 0.02, using generator: inout SplitMix64) {
    precondition(width % headCount == 0, "width \(width) must be divisible by the head count \(headCount)")
    qkv = Linear(inputCount: width, outputCount: 3 * width, std: std, using: &generator)
    projection = Linear(inputCount: width, outputCount: width, std: std, using: &generator)
    self.headCount = headCount
  }

  public var namedParameters: [NamedParameter<Scalar>] { prefixed("c_attn", qkv) + prefixed("c_proj", projection) }

  /// x `[B, T, C]` → `[B, T, C]`, position t attending to positions ≤ t.
  public func callAsFunction(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
    let mixed = try qkv(x).causalSelfAttention(headCount: headCount)
    return try projection(mixed)
  }
}
