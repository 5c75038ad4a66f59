import Autograd

/// Gradient synchronisation for one model in one process: the whole batch is one shard, its loss
/// is back-propagated, and there is nothing to synchronise. With a `counter`, the forward and
/// backward passes' FLOPs are counted in it.
public final class LocalGradients<Scalar: TensorScalar>: GradientSync {
  /// Collects the FLOPs of every forward and backward pass, when given.
  public let counter: FLOPCounter?

  public init(counting counter: FLOPCounter? = nil) { self.counter = counter }

  public var shards: Int { 1 }

  public func backward(_ shardLoss: (Int) throws -> Tensor<Scalar>) throws -> Scalar {
    guard let counter else { return backpropagate(try shardLoss(0)) }
    return try counter.counting { backpropagate(try shardLoss(0)) }
  }

  public func afterUpdate() {}
}
