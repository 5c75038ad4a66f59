/// What a training loop reports to its observers, in the order it happens.
public enum TrainingEvent: Sendable, Equatable {
  /// A step finished.
  case step(TrainingStepReport)
  /// Held-out losses were measured after `step` steps (0: before training), taking `seconds`;
  /// `losses` holds (name, mean loss in nats per token) in a fixed order.
  case evaluation(step: Int, losses: [NamedLoss], seconds: Double)
  /// A text was sampled from the model after `step` steps.
  case sample(step: Int, text: String)
  /// Everything needed to continue was saved after `step` steps.
  case checkpointSaved(step: Int)
  /// The loop stopped on request after `step` steps, before its end.
  case stopped(step: Int)
  /// The loop took its last step; `step` steps were taken in all.
  case finished(step: Int)
}

/// A held-out loss with the name of the text it was measured on ("validation", "reference", …).
public struct NamedLoss: Sendable, Equatable {
  public let name: String
  /// Mean loss, nats per token.
  public let value: Double

  public init(_ name: String, _ value: Double) { (self.name, self.value) = (name, value) }
}
