import Autograd
import NeuralNet

extension GPT {
  /// Mean next-token cross-entropy of `batch`, nats per token: the language-modelling loss.
  public func loss(_ batch: TokenBatch) throws -> Tensor<Scalar> {
    try loss(tokens: batch.inputs, targets: batch.targets, batch: batch.rows, length: batch.length)
  }
}

extension GPT {
  /// Micro-batch `index` of `count` of `batch` (its rows split into `count` equal parts, in order),
  /// its mean cross-entropy divided by `count`: its share of the batch's loss, so that the
  /// micro-batches' losses and gradients sum to the batch's. `count` must divide `batch.rows`.
  public func loss(_ batch: TokenBatch, microBatch index: Int, of count: Int) throws -> Tensor<Scalar> {
    guard count > 1 else { return try loss(batch) }
    precondition(batch.rows % count == 0, "the micro-batches divide the batch")
    let rows = batch.rows / count
    return try loss(batch.rows((index * rows)..<((index + 1) * rows))) * (Scalar(1) / Scalar(count))
  }
}
