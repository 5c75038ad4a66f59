import Autograd

/// Layer normalisation over the last dimension with a learned scale (weight, starts at 1)
/// and shift (bias, starts at 0); eps = 1e-5 as in PyTorch.
public final class LayerNorm<Scalar: TensorScalar>: Module {
  /// Scale `[width]`.
  public let weight: Tensor<Scalar>
  /// Shift `[width]`.
  public let bias: Tensor<Scalar>
  /// Added to the variance for stability.
  public let eps: Scalar

  public init(width: Int, eps: Scalar = 1e-5) {
    weight = Tensor.ones([width], requiresGrad: true)
    bias = Tensor.zeros([width], requiresGrad: true)
    self.eps = eps
  }

  public var namedParameters: [NamedParameter<Scalar>] { [NamedParameter("weight", weight), NamedParameter("bias", bias)] }

  /// x `[…, width]` normalised per row.
  public func callAsFunction(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
    try x.layerNorm(weight: weight, bias: bias, eps: eps)
  }
}
