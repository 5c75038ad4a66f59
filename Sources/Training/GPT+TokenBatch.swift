import Autograd
import NeuralNet

extension GPT {
  /// Mean next-token cross-entropy of `batch`, nats per token: the language-modelling loss.
  public func loss(_ batch: TokenBatch) throws -> Tensor<Scalar> {
    try loss(tokens: batch.inputs, targets: batch.targets, batch: batch.rows, length: batch.length)
  }
}
