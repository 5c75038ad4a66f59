import Autograd

/// Loss functions: one number that says how wrong the predictions are.
public enum Loss {
  /// Mean squared error: mean((prediction − target)²).
  public static func meanSquaredError<S>(_ prediction: Tensor<S>, _ target: Tensor<S>) throws -> Tensor<S> {
    try (prediction - target).pow(2).mean()
  }

  /// Mean cross-entropy of logits `[…, classes]` against class indices, in nats.
  public static func crossEntropy<S>(_ logits: Tensor<S>, targets: [Int]) throws -> Tensor<S> {
    try logits.crossEntropy(targets: targets)
  }

  /// Mean hinge loss for labels ±1: mean(max(0, 1 − label·score)).
  public static func hinge<S>(_ scores: Tensor<S>, labels: Tensor<S>) throws -> Tensor<S> {
    try (-(labels * scores) + 1).relu().mean()
  }

  /// Throws if `loss` is NaN or infinite (training diverged); returns its value otherwise.
  @discardableResult
  public static func checkFinite<S>(_ loss: Tensor<S>, step: Int? = nil) throws -> S {
    try checkFinite(loss.item, step: step)
  }

  /// Throws if the loss `value` of step `step` (1-based, when given) is NaN or infinite; returns it otherwise.
  @discardableResult
  public static func checkFinite<S: TensorScalar>(_ value: S, step: Int? = nil) throws -> S {
    guard value.isFinite else {
      throw TensorError.nonFinite(op: step.map { "loss at step \($0)" } ?? "loss", value: Double(value))
    }
    return value
  }
}
