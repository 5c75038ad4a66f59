import Autograd

extension AdamW {
  /// AdamW over the trainable tensors in `parameters` with the hyperparameters of `settings`; with
  /// `decayMatricesOnly`, weight decay applies to parameters of rank ≥ 2 only.
  public convenience init(parameters: [Tensor<Scalar>], settings: AdamWSettings, decayMatricesOnly: Bool = false) {
    self.init(
      parameters: parameters, learningRate: settings.learningRate, betas: (settings.beta1, settings.beta2),
      eps: settings.epsilon, weightDecay: settings.weightDecay, decayMatricesOnly: decayMatricesOnly)
  }
}
