import Autograd

/// A trainable tensor with its name in the GPT-2 / PyTorch convention (`h.0.attn.c_attn.weight`).
public struct NamedParameter<Scalar: TensorScalar> {
  /// Dotted path of the parameter inside the model.
  public let name: String
  /// The tensor itself; optimizers update it in place.
  public let tensor: Tensor<Scalar>

  public init(_ name: String, _ tensor: Tensor<Scalar>) {
    self.name = name
    self.tensor = tensor
  }
}

/// A network layer or model: something with named parameters.
///
/// Layers are classes so that a model shares its parameter tensors with the optimizer
/// that updates them. Forward passes are `callAsFunction` on each concrete layer.
public protocol Module<Scalar>: AnyObject {
  associatedtype Scalar: TensorScalar
  /// Every parameter (trainable or frozen), in a stable order, with dotted names.
  var namedParameters: [NamedParameter<Scalar>] { get }
}

extension Module {
  /// The parameter tensors, in the order of `namedParameters`.
  public var parameters: [Tensor<Scalar>] { namedParameters.map(\.tensor) }

  /// The parameters that receive gradients (not frozen).
  public var trainableParameters: [Tensor<Scalar>] { parameters.filter(\.requiresGrad) }

  /// Total number of scalars in all parameters.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// Number of scalars in trainable parameters.
  public var trainableParameterCount: Int { trainableParameters.reduce(0) { $0 + $1.count } }

  /// Forgets every parameter's gradient.
  public func zeroGrad() { for p in parameters { p.zeroGrad() } }

  /// Freezes (or unfreezes) the parameters whose name satisfies `predicate`.
  public func setTrainable(_ trainable: Bool, where predicate: (String) -> Bool = { _ in true }) {
    for p in namedParameters where predicate(p.name) { p.tensor.setRequiresGrad(trainable) }
  }

  /// The parameter called `name`, if any.
  public func parameter(named name: String) -> Tensor<Scalar>? {
    namedParameters.first { $0.name == name }?.tensor
  }

  /// One row per parameter: name, shape and number of scalars, plus whether it trains.
  public var parameterTable: [(name: String, shape: [Int], count: Int, trainable: Bool)] {
    namedParameters.map { ($0.name, $0.tensor.shape, $0.tensor.count, $0.tensor.requiresGrad) }
  }
}

/// Prefixes each parameter name of `module` with `prefix.` (for nesting layers).
func prefixed<M: Module>(_ prefix: String, _ module: M) -> [NamedParameter<M.Scalar>] {
  module.namedParameters.map { NamedParameter("\(prefix).\($0.name)", $0.tensor) }
}
