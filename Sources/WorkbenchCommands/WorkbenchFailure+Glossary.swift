import GlossarySite

extension WorkbenchFailure {
  /// The exit code and sentence for errors of this library, or nil for other errors.
  static func glossaryFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as GlossaryError: WorkbenchFailure(String(describing: error), exitCode: missingInput)
    case let error as SiteError:
      switch error {
      case .glossaryHasErrors, .malformedLessonOutput: WorkbenchFailure(String(describing: error), exitCode: badData)
      case .badImage, .badFigure: WorkbenchFailure(String(describing: error), exitCode: missingInput)
      case .cannotWrite: WorkbenchFailure(String(describing: error), exitCode: cannotCreateOutput)
      }
    default: nil
    }
  }
}
