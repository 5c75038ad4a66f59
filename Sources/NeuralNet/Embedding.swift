import Autograd

/// A lookup table of `count` vectors of `width` numbers: token id → vector.
public final class Embedding<Scalar: TensorScalar>: Module {
  /// The table `[count, width]`.
  public let weight: Tensor<Scalar>

  /// A table drawn from N(0, std²) (GPT-2 uses 0.02); std 0 gives zeros and draws nothing.
  public init(count: Int, width: Int, std: Double = 0.02, using generator: inout SplitMix64) {
    weight =
      std == 0
      ? Tensor.zeros([count, width], requiresGrad: true) : Tensor.normal([count, width], std: std, requiresGrad: true, using: &generator)
  }

  public var namedParameters: [NamedParameter<Scalar>] { [NamedParameter("weight", weight)] }

  /// The vectors of `ids`, shaped `shape + [width]`.
  public func callAsFunction(_ ids: [Int], shape: [Int]) throws -> Tensor<Scalar> {
    try weight.embedding(ids, shape: shape)
  }
}
