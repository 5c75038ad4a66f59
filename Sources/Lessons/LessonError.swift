import Foundation

/// Why a lesson could not run or save its results.
public enum LessonError: Error, CustomStringConvertible, Equatable {
  /// No lesson has this id.
  case unknownLesson(String, valid: [String])
  /// The lesson does not take this setting.
  case parameterNotAccepted(LessonParameter, lesson: String, accepted: [LessonParameter])
  /// A setting is out of range.
  case invalidParameter(LessonParameter, reason: String)
  /// The output folder cannot be created or written.
  case cannotCreateOutput(path: String, reason: String)
  /// An input the lesson needs (a checkpoint, a file) is missing.
  case missingInput(path: String, hint: String)
  /// An input exists but is unusable.
  case badInput(path: String, reason: String)

  public var description: String {
    switch self {
    case let .unknownLesson(id, valid):
      return "There is no lesson '\(id)'; valid ids are: \(valid.joined(separator: ", "))."
    case let .parameterNotAccepted(parameter, lesson, accepted):
      let list = accepted.isEmpty ? "none" : accepted.map(\.flag).joined(separator: ", ")
      return "Lesson '\(lesson)' does not take \(parameter.flag) (it takes: \(list))."
    case let .invalidParameter(parameter, reason):
      return "\(parameter.flag) \(reason)."
    case let .cannotCreateOutput(path, reason):
      return "Cannot write to \(path): \(reason)."
    case let .missingInput(path, hint):
      return "\(path) does not exist; \(hint)."
    case let .badInput(path, reason):
      return "\(path) cannot be used: \(reason)."
    }
  }
}
