/// Early stopping on a held-out loss: follows the loss named `lossName` in the loop's `evaluation`
/// events, remembers the lowest one (the best) and after how many steps it was measured, and asks
/// the loop to stop once `patience` evaluations in a row have not been lower than the best.
///
/// Its state is a function of the evaluations seen, so a resumed run rebuilds it by replaying the
/// evaluations it saved (`init(lossName:patience:replaying:)`).
public final class EarlyStopping: TrainingObserver {
  /// A measurement: the loss (nats per token) after `step` steps.
  public struct Measurement: Sendable, Equatable {
    public let step: Int
    public let loss: Double

    public init(step: Int, loss: Double) { (self.step, self.loss) = (step, loss) }
  }

  /// The name of the held-out loss followed (see `NamedLoss`).
  public let lossName: String
  /// Evaluations without improvement after which the loop is asked to stop; nil: never stop (the best is still followed).
  public let patience: Int?
  /// The lowest loss seen and its step (the first of equal ones).
  public private(set) var best: Measurement?
  /// The last loss seen.
  public private(set) var last: Measurement?
  /// Evaluations since the best one (0 when the last was the best).
  public private(set) var evaluationsWithoutImprovement = 0
  /// Called when an evaluation sets a new best, before the loop goes on (to keep the best model).
  public var onImprovement: ((Measurement) throws -> Void)?

  /// Follows `lossName`, stopping after `patience` evaluations without improvement, with the state
  /// left by the evaluations `history` (in order; `onImprovement` is not called for them).
  public init(lossName: String, patience: Int?, replaying history: [Measurement] = []) {
    self.lossName = lossName
    self.patience = patience
    for measurement in history { record(measurement) }
  }

  public func receive(_ event: TrainingEvent) throws {
    guard case let .evaluation(step, losses, _) = event, let loss = losses.first(where: { $0.name == lossName }) else { return }
    let measurement = Measurement(step: step, loss: loss.value)
    if record(measurement) { try onImprovement?(measurement) }
  }

  /// True once `patience` evaluations in a row were not lower than the best.
  public var stopRequested: Bool { patience.map { evaluationsWithoutImprovement >= $0 } ?? false }

  /// Takes in one evaluation; true when it is the new best.
  @discardableResult
  private func record(_ measurement: Measurement) -> Bool {
    last = measurement
    if let best, !(measurement.loss < best.loss) {
      evaluationsWithoutImprovement += 1
      return false
    }
    best = measurement
    evaluationsWithoutImprovement = 0
    return true
  }
}
