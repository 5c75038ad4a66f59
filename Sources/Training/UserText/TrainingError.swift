import Foundation

/// Why a `train` or `finetune` run cannot start, continue or save, naming the file or value and the fix.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The training or validation part of the text is shorter than one context window plus one token.
  case textTooShort(part: String, tokenCount: Int, needed: Int, context: Int)
  /// The output folder is a file, or cannot be created or written.
  case cannotCreateOutput(path: String, reason: String)
  /// `--resume` names a folder without a saved training state.
  case noSavedState(folder: String)
  /// The saved training state is unreadable or from another kind of run.
  case badSavedState(path: String, reason: String)
  /// A text file changed since the run started, so resuming would train on other data.
  case textChanged(path: String)
  /// A new run's output folder already holds a run (which `--resume` would continue).
  case folderHoldsRun(folder: String)
  /// The LoRA rank asked for is larger than the model's width.
  case loraRankTooLarge(rank: Int, width: Int)
  /// A run with `saved` copies of the model is continued with another number of processes.
  case copiesDiffer(saved: Int, given: Int)
  /// The batch's rows cannot be split equally among the copies of the model.
  case batchNotDivisible(batch: Int, copies: Int)
  /// Gradient accumulation was asked for together with several copies of the model.
  case accumulationWithCopies(accumulate: Int, copies: Int)
  /// Early stopping was asked for in a run spread over several processes.
  case earlyStopAcrossProcesses

  public var description: String {
    switch self {
    case let .textTooShort(part, tokenCount, needed, context):
      let fix = part.hasPrefix("validation text") ? "a longer validation text or a smaller --context" : "a longer text, a smaller --context or a different --validation-fraction"
      return
        "The \(part) has \(tokenCount) tokens but needs at least \(needed) (one window of context \(context) plus the next token); use \(fix)."
    case let .cannotCreateOutput(path, reason):
      return "Cannot write the output folder \(path): \(reason)."
    case let .noSavedState(folder):
      return "\(folder) has no \(TrainingState.fileName); --resume needs the output folder of an interrupted train or finetune run."
    case let .badSavedState(path, reason):
      return "\(path) cannot be resumed from: \(reason)."
    case let .textChanged(path):
      return "The text file \(path) changed since the run started; resuming needs the same text (start a new run instead)."
    case let .folderHoldsRun(folder):
      return "\(folder) already holds a training run; continue it with --resume \(folder) or choose another --output."
    case let .loraRankTooLarge(rank, width):
      return "--lora-rank must be at most the model width \(width), got \(rank)."
    case let .copiesDiffer(saved, given):
      return
        "This run splits every batch among \(saved) copies of the model but \(given) processes were started; continue it with mpirun -np \(saved) (or without mpirun, which uses \(saved) threads)."
    case let .batchNotDivisible(batch, copies):
      return
        "--batch \(batch) does not split into \(copies) equal shares; give a --batch that is a multiple of \(copies) (for example \(max(copies, batch / copies * copies)))."
    case let .accumulationWithCopies(accumulate, copies):
      return
        "--accumulate \(accumulate) cannot be combined with \(copies) copies of the model; each copy already takes 1/\(copies) of the batch, so drop --accumulate or the copies."
    case .earlyStopAcrossProcesses:
      return "--early-stop cannot end a run over several processes (only the first one evaluates); drop --early-stop or run in one process with --replicas."
    }
  }
}
