/// A tensor: an n-dimensional array of `Scalar` in contiguous row-major storage,
/// and a node in the computation graph that reverse-mode autodiff walks backwards.
///
/// A tensor made by an operation remembers its parents and a *pullback*: the function
/// that turns the gradient of the loss with respect to this tensor into gradients with
/// respect to each parent. ``backward()`` applies the chain rule over those pullbacks.
public final class Tensor<Scalar: TensorScalar> {
  /// Maps the loss gradient of this tensor (same count as `scalars`) to the loss gradient
  /// of each parent; `needed[i]` is false when parent `i` needs no gradient (return nil).
  public typealias Pullback = (_ gradient: [Scalar], _ needed: [Bool]) -> [[Scalar]?]

  /// The size of each dimension; `[]` is a scalar.
  public let shape: [Int]
  /// The values, row-major; `scalars.count == shape.product`.
  public internal(set) var scalars: [Scalar]
  /// ∂loss/∂self after `backward()`, same layout as `scalars`; nil until computed.
  public var grad: [Scalar]?
  /// Whether gradients flow to (and through) this tensor.
  public internal(set) var requiresGrad: Bool
  /// An optional label (a parameter's name, a node in a diagram).
  public var label: String?
  /// The operation that produced this tensor ("leaf" for data and parameters).
  public let op: String

  var parents: [Tensor]
  let pullback: Pullback?
  /// FLOPs of computing each parent's gradient, counted when that gradient is needed.
  let backwardCost: [Int]

  /// A leaf tensor holding `scalars` with the given `shape`.
  public init(shape: [Int], scalars: [Scalar], requiresGrad: Bool = false, label: String? = nil) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
    precondition(shape.product == scalars.count, "shape \(shape) needs \(shape.product) scalars, got \(scalars.count)")
    self.shape = shape
    self.scalars = scalars
    self.requiresGrad = requiresGrad
    self.label = label
    self.op = "leaf"
    self.parents = []
    self.pullback = nil
    self.backwardCost = []
  }

  /// A scalar (0-dimensional) leaf tensor.
  public convenience init(_ value: Scalar, requiresGrad: Bool = false, label: String? = nil) {
    self.init(shape: [], scalars: [value], requiresGrad: requiresGrad, label: label)
  }

  /// A 1-D leaf tensor of `values`.
  public convenience init(_ values: [Scalar], requiresGrad: Bool = false, label: String? = nil) {
    self.init(shape: [values.count], scalars: values, requiresGrad: requiresGrad, label: label)
  }

  /// The result of an operation. The graph is recorded only when recording is enabled
  /// and some parent requires a gradient.
  init(
    shape: [Int], scalars: [Scalar], op: String, parents: [Tensor],
    forwardCost: Int, backwardCost: [Int], pullback: @escaping Pullback
  ) {
    assert(shape.product == scalars.count, "\(op): shape \(shape) vs \(scalars.count) scalars")
    _ = AllocatorTuning.applied
    FLOPCounter.addForward(forwardCost)
    self.shape = shape
    self.scalars = scalars
    self.op = op
    self.label = nil
    if GradientMode.isEnabled && parents.contains(where: { $0.requiresGrad }) {
      self.requiresGrad = true
      self.parents = parents
      self.pullback = pullback
      self.backwardCost = backwardCost
    } else {
      self.requiresGrad = false
      self.parents = []
      self.pullback = nil
      self.backwardCost = []
    }
  }

  /// Frees a long chain of nodes without recursion: parents that only this node keeps
  /// alive are detached one by one (a recursive release overflows the stack near 50,000 nodes).
  deinit {
    var pending = parents
    parents.removeAll()
    while var node = pending.popLast() {
      if isKnownUniquelyReferenced(&node) {
        pending.append(contentsOf: node.parents)
        node.parents.removeAll()
      }
    }
  }

  /// Number of scalars.
  public var count: Int { scalars.count }
  /// Number of dimensions.
  public var rank: Int { shape.count }
  /// The tensors this one was computed from (empty for leaves and untracked results).
  public var inputs: [Tensor] { parents }

  /// The single value of a one-element tensor.
  public var item: Scalar {
    precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
    return scalars[0]
  }

  /// Marks this leaf as a trainable parameter (or freezes it with `false`).
  public func setRequiresGrad(_ flag: Bool) {
    precondition(op == "leaf", "only leaf tensors can change requiresGrad")
    requiresGrad = flag
  }

  /// Overwrites the values in place (an optimizer step, a checkpoint load).
  /// Throws if the count does not match the shape.
  public func assign(_ newScalars: [Scalar]) throws {
    guard newScalars.count == count else {
      throw TensorError.shapeMismatch(
        op: "assign", shapes: [shape, [newScalars.count]], reason: "the number of values must equal \(count)")
    }
    scalars = newScalars
  }

  /// Gives mutable access to the values (optimizer kernels update parameters in place).
  public func withMutableScalars<R>(_ body: (inout [Scalar]) throws -> R) rethrows -> R {
    try body(&scalars)
  }

  /// A new leaf with the same values and no graph (like `tensor.detach()`).
  public func detached() -> Tensor {
    Tensor(shape: shape, scalars: scalars)
  }

  /// The same values converted to another scalar type (e.g. Float → Double for a gradient check).
  public func converted<Other: TensorScalar>(to: Other.Type = Other.self) -> Tensor<Other> {
    Tensor<Other>(shape: shape, scalars: scalars.map { Other($0) }, requiresGrad: requiresGrad, label: label)
  }
}

extension Tensor: CustomStringConvertible {
  /// A short summary: op, shape and the first values.
  public var description: String {
    let preview = scalars.prefix(6).map { "\($0)" }.joined(separator: ", ")
    return "Tensor(\(op), shape: \(shape), [\(preview)\(count > 6 ? ", …" : "")])"
  }
}

extension Sequence where Element == Int {
  /// The product of the elements (1 for an empty shape): a shape's scalar count.
  public var product: Int { reduce(1, *) }
}
