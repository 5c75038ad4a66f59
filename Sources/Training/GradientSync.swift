import Autograd

/// How the gradient of one batch reaches the parameters the optimizer updates: the stage of a
/// training step between the loss and the update.
///
/// A batch is split into `shards`; `backward` computes every shard's loss, back-propagates it and
/// leaves the gradient of the whole batch (the sum of the shards' gradients, so each shard's loss
/// must be its share of the batch's loss) in the updated parameters. `afterUpdate` runs after the
/// optimizer step, to make every copy of the model equal again.
public protocol GradientSync<Scalar>: AnyObject {
  associatedtype Scalar: TensorScalar
  /// How many parts a batch is split into (1 for one process on one copy).
  var shards: Int { get }
  /// Runs `shardLoss(shard)` for every shard in `0..<shards`, back-propagates each, and sums the
  /// gradients into the updated parameters. Returns the batch's loss, Σ over shards of their values.
  func backward(_ shardLoss: (_ shard: Int) throws -> Tensor<Scalar>) throws -> Scalar
  /// Called after the optimizer has updated the parameters.
  func afterUpdate() throws
}
