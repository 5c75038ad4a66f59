/// One finished step, as the loop reports it.
public struct TrainingStepReport: Sendable, Equatable {
  /// The step's 1-based number (steps taken so far, this one included).
  public let step: Int
  /// Steps the run will take in all (nil under a time budget).
  public let totalSteps: Int?
  /// The loss, learning rate and gradient norm of the step.
  public let outcome: TrainingStepOutcome
  /// Tokens in the step's batch (0 when the model does not read tokens).
  public let tokens: Int
  /// Wall-clock seconds of this step, batch drawing included.
  public let seconds: Double
  /// Wall-clock seconds of all the run's steps so far (evaluations, samples and saves not counted).
  public let stepSeconds: Double

  public init(step: Int, totalSteps: Int?, outcome: TrainingStepOutcome, tokens: Int, seconds: Double, stepSeconds: Double) {
    self.step = step
    self.totalSteps = totalSteps
    self.outcome = outcome
    self.tokens = tokens
    self.seconds = seconds
    self.stepSeconds = stepSeconds
  }

  /// The batch's loss, nats per token for a language model.
  public var loss: Double { outcome.loss }
  /// Tokens per second over all the run's steps so far.
  public var tokensPerSecond: Double { stepSeconds > 0 ? Double(step * tokens) / stepSeconds : 0 }
}
