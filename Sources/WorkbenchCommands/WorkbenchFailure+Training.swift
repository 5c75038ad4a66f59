import Lessons
import NeuralNet
import Training
import WorkbenchFiles

extension WorkbenchFailure {
  /// The exit code and sentence for errors of `train` and `finetune`, or nil for other errors.
  static func trainingFailure(_ error: Error) -> WorkbenchFailure? {
    switch error {
    case let error as TrainingError:
      switch error {
      case .noSavedState: WorkbenchFailure(error.description, exitCode: missingInput)
      case .textTooShort, .badSavedState, .textChanged: WorkbenchFailure(error.description, exitCode: badData)
      case .cannotCreateOutput, .folderHoldsRun: WorkbenchFailure(error.description, exitCode: cannotCreateOutput)
      case .loraRankTooLarge, .copiesDiffer, .batchNotDivisible, .accumulationWithCopies, .earlyStopAcrossProcesses:
        WorkbenchFailure(error.description, exitCode: usage)
      }
    case let error as TextFileError: WorkbenchFailure(error.description, exitCode: error.isMissing ? missingInput : badData)
    case let error as ProcessGroupError: WorkbenchFailure(error.description, exitCode: 1)
    case let error as AdamWStateError: WorkbenchFailure(error.description, exitCode: badData)
    default: nil
    }
  }
}
