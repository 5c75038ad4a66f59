/// The one place the lessons check their shared options, so that every lesson refuses a bad
/// `--lr` or `--steps` with the same sentence.
extension LessonParameters {
  /// `--lr` when given: a positive finite number, at most `maximum` when the lesson has one;
  /// throws ``LessonError/invalidParameter(_:reason:)`` otherwise.
  func validatedLearningRate(atMost maximum: Double? = nil) throws -> Double? {
    guard let rate = self[.learningRate] else { return nil }
    if let maximum {
      guard rate.isFinite, rate > 0, rate <= maximum else {
        throw LessonError.invalidParameter(.learningRate, reason: "must be a positive number at most \(maximum), got \(rate)")
      }
    } else {
      guard rate.isFinite, rate > 0 else {
        throw LessonError.invalidParameter(.learningRate, reason: "must be a positive finite number, got \(rate)")
      }
    }
    return rate
  }

  /// `--steps` when given: between 1 and `maximum` (`what` names the steps in the message, e.g.
  /// "DPO steps"; by default "for this lesson"); throws ``LessonError/invalidParameter(_:reason:)`` otherwise.
  func validatedSteps(maximum: Int, what: String? = nil) throws -> Int? {
    guard let steps = integer(.steps) else { return nil }
    guard (1...maximum).contains(steps) else {
      let range = what.map { "between 1 and \(maximum) \($0)" } ?? "between 1 and \(LessonText.grouped(maximum)) for this lesson"
      throw LessonError.invalidParameter(.steps, reason: "must be \(range), got \(steps)")
    }
    return steps
  }
}
