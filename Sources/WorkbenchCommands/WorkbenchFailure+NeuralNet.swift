import NeuralNet

extension WorkbenchFailure {
  /// The exit code and sentence for errors of this library, or nil for other errors.
  static func neuralNetFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as SafetensorsError:
      switch error {
      case .fileMissing, .unreadable: WorkbenchFailure(error.description, exitCode: missingInput)
      case .cannotWrite: WorkbenchFailure(error.description, exitCode: cannotCreateOutput)
      default: WorkbenchFailure(error.description, exitCode: badData)
      }
    case let error as CheckpointError: WorkbenchFailure(error.description, exitCode: badData)
    case let error as HuggingFaceCheckpointError:
      switch error {
      case .missingFile, .notADirectoryCheckpoint: WorkbenchFailure(error.description, exitCode: missingInput)
      case .cannotWrite: WorkbenchFailure(error.description, exitCode: cannotCreateOutput)
      default: WorkbenchFailure(error.description, exitCode: badData)
      }
    case let error as ModelConfigurationError: WorkbenchFailure(error.description, exitCode: badData)
    case let error as TokenizerError: WorkbenchFailure(error.description, exitCode: badData)
    default: nil
    }
  }
}
