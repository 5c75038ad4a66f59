/// The lesson options given on the command line (``LessonParameter``), by option; an option not
/// given means its default.
public struct LessonParameters: Sendable, Equatable {
  /// The values given (whole numbers for integer options).
  public private(set) var values: [LessonParameter: Double]

  /// Options with the given values.
  public init(_ values: [LessonParameter: Double] = [:]) { self.values = values }

  /// The value given for `option`, or nil.
  public subscript(_ option: LessonParameter) -> Double? {
    get { values[option] }
    set { values[option] = newValue }
  }

  /// The value given for `option`, or its table default.
  public func value(_ option: LessonParameter) -> Double? { values[option] ?? option.defaultValue }

  /// The whole-number value given for `option`, or its table default.
  public func integer(_ option: LessonParameter) -> Int? { value(option).map { Int($0) } }

  /// The settings that were given.
  public var given: Set<LessonParameter> { Set(values.keys) }

  /// The command-line flags that reproduce these settings (`--lr 0.1 --steps 200`), in table order.
  public var flags: [String] {
    LessonParameter.all.flatMap { option in values[option].map { [option.flag, option.text($0)] } ?? [] }
  }

  /// Checks, before anything runs, that `lesson` takes every option given, that each value is in
  /// its option's range, and that the values fit the lesson's own limits (``Lesson/checkLimits(_:)``).
  /// - Throws: ``LessonError/parameterNotAccepted(_:lesson:accepted:)`` or ``LessonError/invalidParameter(_:reason:)``.
  public func check(for lesson: any Lesson) throws {
    let accepted = lesson.acceptedParameters
    if let refused = LessonParameter.all.first(where: { given.contains($0) && !accepted.contains($0) }) {
      throw LessonError.parameterNotAccepted(refused, lesson: lesson.id, accepted: LessonParameter.all.filter(accepted.contains))
    }
    for option in LessonParameter.all {
      guard let value = values[option] else { continue }
      if let problem = option.range.problem(with: value, shown: option.text(value)) {
        throw LessonError.invalidParameter(option, reason: problem)
      }
    }
    try lesson.checkLimits(self)
  }
}
