import Autograd

/// Gradient accumulation: a batch is taken as `microBatches` micro-batches, one after another in
/// one process; each micro-batch's loss (its share of the batch's loss, 1/K of its mean) is
/// back-propagated on its own, adding to the gradients, and the optimizer steps once on the sum —
/// the gradient of the whole batch, with the activations of only one micro-batch alive at a time.
public final class GradientAccumulation<Scalar: TensorScalar>: GradientSync {
  /// K, the micro-batches per optimizer step.
  public let microBatches: Int

  public init(microBatches: Int) {
    precondition(microBatches >= 1, "at least one micro-batch")
    self.microBatches = microBatches
  }

  public var shards: Int { microBatches }

  public func backward(_ shardLoss: (Int) throws -> Tensor<Scalar>) throws -> Scalar {
    var total: Scalar = 0
    for shard in 0..<microBatches { total += backpropagate(try shardLoss(shard)) }
    return total
  }

  public func afterUpdate() {}
}
