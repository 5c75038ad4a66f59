import Foundation

/// The learning rate as a function of the step.
public enum LearningRateSchedule: Sendable, Equatable {
  /// The same rate at every step.
  case constant(Double)
  /// Linear warm-up from 0 to `peak` over `warmupSteps`, then cosine decay to `minimum` at
  /// `totalSteps` (and `minimum` after it).
  case warmupCosine(peak: Double, warmupSteps: Int, totalSteps: Int, minimum: Double)

  /// The rate at `step` (0-based).
  public func rate(at step: Int) -> Double {
    switch self {
    case .constant(let rate):
      return rate
    case let .warmupCosine(peak, warmupSteps, totalSteps, minimum):
      if step < warmupSteps { return peak * Double(step + 1) / Double(warmupSteps) }
      if step >= totalSteps { return minimum }
      let progress = Double(step - warmupSteps) / Double(max(1, totalSteps - warmupSteps))
      return minimum + 0.5 * (peak - minimum) * (1 + cos(.pi * progress))
    }
  }
}
