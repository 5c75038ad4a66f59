import Plotting

extension WorkbenchFailure {
  /// The exit code and sentence for errors of this library, or nil for other errors.
  static func plotFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as PlotError:
      switch error {
      case .invalidSize: WorkbenchFailure(error.description, exitCode: usage)
      case .nonFiniteAxisLimits, .invalidAxisLimits, .mismatchedLengths, .invalidData, .unreadableImage:
        WorkbenchFailure(error.description, exitCode: badData)
      case .fontMissing, .fontUnreadable, .inputMissing: WorkbenchFailure(error.description, exitCode: missingInput)
      case .outputNotWritable, .encodingFailed: WorkbenchFailure(error.description, exitCode: cannotCreateOutput)
      }
    default: nil
    }
  }
}
