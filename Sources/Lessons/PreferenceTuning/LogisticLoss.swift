import Autograd

extension Tensor {
  /// −log σ(x) = log(1 + e^(−x)), element-wise, computed stably as max(−x, 0) + log(1 + e^(−|x|)):
  /// the Bradley–Terry and DPO loss of a score margin x (ln 2 at x = 0, → 0 as x → ∞).
  func negativeLogSigmoid() throws -> Tensor {
    let negative = (-self).relu()                    // max(−x, 0)
    let magnitude = try self.relu() + negative       // |x|
    return try negative + ((-magnitude).exp() + 1).log()
  }
}
