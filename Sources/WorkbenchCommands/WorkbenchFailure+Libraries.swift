import Autograd
import GlossarySite
import Lessons
import NeuralNet
import Plotting
import Training
import TrainingCost
import WorkbenchFiles

extension WorkbenchFailure {
  /// The exit code of an error thrown by one of the workbench libraries (its sentence is its
  /// description), or nil for other errors. A mistake the same as one on the command line is a usage
  /// error (64), a malformed input 65, a missing or unreadable one 66, an output that cannot be
  /// written 73; a process of a data-parallel group that lost the others ends with 1.
  static func exitCode(of error: Error) -> Int32? {
    switch error {
    case is TensorError, is CheckpointError, is ModelConfigurationError, is TokenizerError, is AdamWStateError: badData
    case is KernelFamilyError, is LayoutError: usage
    case is GlossaryError: missingInput
    case is ProcessGroupError: checkFailed
    case let error as TextFileError: error.isMissing ? missingInput : badData
    case let error as SafetensorsError:
      switch error {
      case .fileMissing, .unreadable: missingInput
      case .cannotWrite: cannotCreateOutput
      default: badData
      }
    case let error as HuggingFaceCheckpointError:
      switch error {
      case .missingFile, .notADirectoryCheckpoint: missingInput
      case .cannotWrite: cannotCreateOutput
      default: badData
      }
    case let error as CostError:
      switch error {
      case .malformedHardwareFile: badData
      case .unreadableNumber, .outOfRange, .unknownAccelerator: usage
      }
    case let error as PlotError:
      switch error {
      case .invalidSize: usage
      case .nonFiniteAxisLimits, .invalidAxisLimits, .mismatchedLengths, .invalidData, .unreadableImage: badData
      case .fontMissing, .fontUnreadable, .inputMissing: missingInput
      case .outputNotWritable, .encodingFailed: cannotCreateOutput
      }
    case let error as SiteError:
      switch error {
      case .glossaryHasErrors, .malformedLessonOutput: badData
      case .badImage, .badFigure: missingInput
      case .cannotWrite: cannotCreateOutput
      }
    case let error as LessonError:
      switch error {
      case .unknownLesson, .parameterNotAccepted, .invalidParameter: usage
      case .cannotCreateOutput: cannotCreateOutput
      case .missingInput: missingInput
      case .badInput: badData
      }
    case let error as LanguageModelToolError:
      switch error {
      case .invalidTemperature, .invalidTokenCount: usage
      case .textTooShort, .unknownCharacters, .promptHasNoKnownCharacters: badData
      }
    case let error as TrainingError:
      switch error {
      case .noSavedState: missingInput
      case .textTooShort, .badSavedState, .textChanged: badData
      case .cannotCreateOutput, .folderHoldsRun: cannotCreateOutput
      case .loraRankTooLarge, .copiesDiffer, .batchNotDivisible, .accumulationWithCopies, .earlyStopAcrossProcesses: usage
      }
    case let error as RecipeError:
      // As the same mistake on the command line: a key or value the command does not take is 64.
      switch error {
      case .missing, .unreadable: missingInput
      case .notText, .notYAML, .notAMapping: badData
      case .repeatedKey, .unknownKey, .notInRecipe, .wrongType: usage
      case .wouldReplaceItself: cannotCreateOutput
      }
    default: nil
    }
  }
}
