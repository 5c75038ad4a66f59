/// Hyperparameters of the AdamW optimiser (Loshchilov & Hutter 2019, decoupled weight decay),
/// with PyTorch's `torch.optim.AdamW` meanings:
/// `θ ← θ − lr·(m̂ / (√v̂ + ε) + weightDecay·θ)`, where `m̂`, `v̂` are the bias-corrected
/// moving averages of the gradient and its square with rates `beta1`, `beta2`.
public struct AdamWSettings: Equatable, Hashable, Codable, Sendable {
  /// Step size `lr`.
  public var learningRate: Double
  /// Decay rate of the first-moment (mean gradient) average, `β₁`.
  public var beta1: Double
  /// Decay rate of the second-moment (mean squared gradient) average, `β₂`.
  public var beta2: Double
  /// Added to `√v̂` to avoid dividing by zero, `ε`.
  public var epsilon: Double
  /// Decoupled weight decay coefficient `λ` (multiplied by `lr`).
  public var weightDecay: Double

  /// AdamW with the given hyperparameters; the defaults are PyTorch's except `weightDecay`.
  public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// AdamW as language models are trained (GPT-2/3, nanoGPT): β₂ = 0.95 rather than PyTorch's 0.999,
  /// so the second moment follows the gradient's scale faster; ε = 1e-8.
  public static func languageModel(learningRate: Double, weightDecay: Double) -> AdamWSettings {
    AdamWSettings(learningRate: learningRate, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: weightDecay)
  }
}
