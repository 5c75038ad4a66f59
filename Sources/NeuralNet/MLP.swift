import Autograd

/// An elementwise nonlinearity between layers.
public enum Activation: String, Sendable, CaseIterable {
  case tanh, relu, sigmoid, gelu

  /// Applies the function.
  public func callAsFunction<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    switch self {
    case .tanh: x.tanh()
    case .relu: x.relu()
    case .sigmoid: x.sigmoid()
    case .gelu: x.gelu()
    }
  }
}

/// A multilayer perceptron: Linear layers with an activation between them (none after the last).
/// `MLP(sizes: [2, 16, 16, 1])` is the 2-16-16-1 network of the backprop lesson.
public final class MLP<Scalar: TensorScalar>: Module {
  /// The layers, input to output.
  public let layers: [Linear<Scalar>]
  /// The nonlinearity after every layer but the last.
  public let activation: Activation

  /// Layers of the given widths; weights N(0, 1/fan_in) (LeCun), biases zero.
  public init(sizes: [Int], activation: Activation = .tanh, using generator: inout SplitMix64) {
    precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 })
    layers = zip(sizes, sizes.dropFirst()).map { input, output in
      Linear(inputCount: input, outputCount: output, std: 1 / Double(input).squareRoot(), using: &generator)
    }
    self.activation = activation
  }

  public var namedParameters: [NamedParameter<Scalar>] {
    layers.enumerated().flatMap { prefixed("layers.\($0.offset)", $0.element) }
  }

  /// x `[…, sizes.first]` → `[…, sizes.last]`.
  public func callAsFunction(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
    var h = x
    for (i, layer) in layers.enumerated() {
      h = try layer(h)
      if i < layers.count - 1 { h = activation(h) }
    }
    return h
  }
}
