import TrainingCost

extension WorkbenchFailure {
  /// The exit code and sentence for errors of this library, or nil for other errors.
  static func costFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as CostError:
      switch error {
      case .malformedHardwareFile: WorkbenchFailure(error.description, exitCode: badData)
      case .unreadableNumber, .outOfRange, .unknownAccelerator: WorkbenchFailure(error.description, exitCode: usage)
      }
    case let error as LayoutError: WorkbenchFailure(error.description, exitCode: usage)
    default: nil
    }
  }
}
