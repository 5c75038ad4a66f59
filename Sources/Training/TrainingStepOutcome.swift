/// What one training step measured.
public struct TrainingStepOutcome: Sendable, Equatable {
  /// The batch's loss before the update.
  public let loss: Double
  /// The learning rate of the update.
  public let learningRate: Double
  /// The global L2 norm of the gradient before clipping (nil when the step does not clip).
  public let gradientNorm: Double?
}
