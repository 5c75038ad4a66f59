import Autograd

extension WorkbenchFailure {
  /// The exit code and sentence for errors of this library, or nil for other errors.
  static func engineFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as TensorError: WorkbenchFailure(error.description, exitCode: badData)
    case let error as KernelFamilyError: WorkbenchFailure(error.description, exitCode: usage)
    default: nil
    }
  }
}
