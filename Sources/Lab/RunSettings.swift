import Lessons
import WorkbenchFiles

/// What a learner asked the lab to run: a lesson, its seed, quick or full size, and the lesson
/// options from the one option table (``LessonParameter``), checked exactly as `workbench run` checks them.
public struct RunSettings: Sendable, Equatable {
  public let lesson: String
  public let seed: UInt64
  public let quick: Bool
  public let parameters: LessonParameters

  public init(lesson: String, seed: UInt64, quick: Bool, parameters: LessonParameters) {
    (self.lesson, self.seed, self.quick, self.parameters) = (lesson, seed, quick, parameters)
  }

  /// Reads `{"lesson": "training-loop", "seed": 1, "quick": true, "options": {"lr": 0.1}}` and
  /// checks it with ``LessonParameters/check(for:)``; throws ``LabError/badRequest(_:)`` naming the
  /// first thing wrong.
  public static func parse(_ body: JSONValue) throws(LabError) -> RunSettings {
    try RequestFields.check(body, fields: ["lesson", "seed", "quick", "options"])
    guard let lessonValue = body["lesson"] else { throw .badRequest("Name the lesson in the field 'lesson'.") }
    guard let lesson = lessonValue.stringValue else {
      throw .badRequest("'lesson' must be a string, got \(lessonValue.kindDescription).")
    }
    guard let found = LessonCatalog.all.first(where: { $0.id == lesson }) else {
      throw .badRequest("There is no lesson '\(lesson)'; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).")
    }
    var seed: UInt64 = 1
    if let value = body["seed"] {
      guard let whole = value.nonNegativeInteger else {
        throw .badRequest("'seed' must be a non-negative whole number, got \(value.literalDescription).")
      }
      seed = UInt64(whole)
    }
    var quick = true
    if let value = body["quick"] {
      guard case .bool(let flag) = value else { throw .badRequest("'quick' must be true or false, got \(value.literalDescription).") }
      quick = flag
    }
    var parameters = LessonParameters()
    if let options = body["options"] {
      guard case .object(let given) = options else {
        throw .badRequest("'options' must be an object of option names and numbers, got \(options.kindDescription).")
      }
      for (name, value) in given {
        guard let option = LessonParameter.named(name) else {
          let accepted = LessonParameter.all.filter(found.acceptedParameters.contains).map(\.name)
          throw .badRequest("There is no lesson option '\(name)'; \(lesson) takes \(accepted.isEmpty ? "none" : accepted.joined(separator: ", ")).")
        }
        guard let number = value.doubleValue else {
          throw .badRequest("Option '\(name)' must be a number, got \(value.literalDescription).")
        }
        if option.kind == .integer, number != number.rounded(.towardZero) || abs(number) > 1e9 {
          throw .badRequest("Option '\(name)' must be a whole number, got \(value.literalDescription).")
        }
        parameters[option] = number
      }
    }
    do {
      try parameters.check(for: found)
    } catch {
      throw .badRequest("\(error)")
    }
    return RunSettings(lesson: lesson, seed: seed, quick: quick, parameters: parameters)
  }

  /// The arguments of the child `workbench run` that performs these settings, writing into `output`.
  public func runArguments(output: String) -> [String] {
    ["run", lesson, "--seed", "\(seed)"] + (quick ? ["--quick"] : []) + parameters.flags + ["--output", output, "--events"]
  }

  /// The settings as JSON (`settings.json` of a lab run).
  public var json: JSONValue {
    .object([
      ("lesson", .string(lesson)), ("seed", .number("\(seed)")), ("quick", .bool(quick)),
      ("options", .object(LessonParameter.all.compactMap { option in parameters[option].map { (option.name, JSONValue($0)) } })),
    ])
  }
}
