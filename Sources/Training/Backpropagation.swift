import Autograd

/// The backward stage of every training step: back-propagates `loss` (a scalar tensor) into the
/// gradients of the tensors it was computed from, adding to the gradients already there, and
/// returns the loss's value. The chain rule itself is `Tensor.backward()`; this is the one place
/// outside the engine that starts it for training (the lessons about the loop spell their own out).
@discardableResult
public func backpropagate<Scalar>(_ loss: Tensor<Scalar>) -> Scalar {
  loss.backward()
  return loss.item
}
