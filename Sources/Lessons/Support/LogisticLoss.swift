import Autograd

/// The logistic loss, log(1 + e^(−x)) = −log σ(x), in one place: the backprop and parameters lessons'
/// classifiers use it on label × score, the preference-tuning lesson (Bradley–Terry, DPO) on reward margins.
extension Tensor {
  /// Mean logistic loss log(1 + e^(−label·score)) over scores `self` and labels ±1 (same shape), in nats:
  /// the cross-entropy of P(class 1) = sigmoid(score). (Written directly rather than through
  /// ``negativeLogSigmoid()``: the classifiers' measured metrics were recorded with this form.)
  func meanLogisticLoss(labels: Tensor) throws -> Tensor {
    try ((-(labels * self)).exp() + 1).log().mean()
  }

  /// −log σ(x) = log(1 + e^(−x)), element-wise: the Bradley–Terry and DPO loss of a score margin x
  /// (ln 2 at x = 0, → 0 as x → ∞, ≈ −x as x → −∞), with derivative σ(x) − 1 everywhere.
  ///
  /// Computed as minus the log-softmax of x against a logit of 0, −log(e^x / (e^0 + e^x)), which is
  /// stable for any x and differentiable at 0 (a form built from |x| or max(x, 0) has a zero
  /// gradient at x = 0, exactly where every margin starts).
  func negativeLogSigmoid() throws -> Tensor {
    let column = try reshaped([shape.reduce(1, *), 1])
    let pair = try Tensor.concatenate([Tensor.zeros(column.shape), column], axis: 1)   // [N, 2]: logits (0, x)
    return try -(pair.logSoftmax().slice(axis: 1, 1..<2).reshaped(shape))
  }
}
