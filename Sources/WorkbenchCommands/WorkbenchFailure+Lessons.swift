import Lessons
import Training

extension WorkbenchFailure {
  /// The exit code and sentence for errors of this library, or nil for other errors.
  static func lessonFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as LessonError:
      switch error {
      case .unknownLesson, .parameterNotAccepted, .invalidParameter: WorkbenchFailure(error.description, exitCode: usage)
      case .cannotCreateOutput: WorkbenchFailure(error.description, exitCode: cannotCreateOutput)
      case .missingInput: WorkbenchFailure(error.description, exitCode: missingInput)
      case .badInput: WorkbenchFailure(error.description, exitCode: badData)
      }
    case let error as LanguageModelToolError:
      switch error {
      case .invalidTemperature, .invalidTokenCount: WorkbenchFailure(error.description, exitCode: usage)
      case .textTooShort, .unknownCharacters, .promptHasNoKnownCharacters: WorkbenchFailure(error.description, exitCode: badData)
      }
    default: nil
    }
  }
}
