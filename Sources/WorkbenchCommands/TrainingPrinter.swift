import Foundation
import Lessons
import Training

/// Prints a `TrainingRun`'s progress (it observes the training loop's events): on a terminal one redrawn line (step, training and validation
/// loss, tokens/s, ETA); when piped, a plain line at most every 10 seconds and at every evaluation.
/// Samples are printed on lines of their own. Stops the run when Ctrl-C was pressed.
final class TrainingPrinter: TrainingObserver {
  private let interactive: Bool
  private var lastLine = Date.distantPast
  private var lastValidation: Double?
  private var lastReference: Double?
  private var lineShown = false
  /// How many held-out windows the losses during training are estimated on (the final figure uses
  /// the whole held-out text).
  private let estimateWindows: Int

  init(estimateWindows: Int, interactive: Bool = isatty(STDOUT_FILENO) == 1) {
    self.estimateWindows = estimateWindows
    self.interactive = interactive
  }

  var stopRequested: Bool { InterruptSignal.requested != 0 }

  func receive(_ event: TrainingEvent) {
    switch event {
    case .step(let report):
      trainingStepFinished(report)
    case let .evaluation(step, losses, _):
      let value = { (name: String) in losses.first { $0.name == name }?.value }
      trainingEvaluated(step: step, validationLoss: value(TrainingRun.validationName) ?? .nan, referenceLoss: value(TrainingRun.referenceName))
    case let .sample(step, text):
      trainingSampled(step: step, text: text)
    case .checkpointSaved, .stopped, .finished:
      break
    }
  }

  func trainingStepFinished(_ report: TrainingStepReport) {
    let (step, totalSteps, loss, stepSeconds) = (report.step, report.totalSteps, report.loss, report.stepSeconds)
    let rate = report.tokensPerSecond
    let progress = totalSteps.map { "\(step)/\($0)" } ?? "\(step)"
    var eta = ""
    if let totalSteps, step > 0 { eta = "  ETA " + Self.duration(stepSeconds * Double(totalSteps - step) / Double(step)) }
    let validation = lastValidation.map { String(format: "  val≈ %.4f", $0) } ?? ""
    let line = "step \(progress)  train \(String(format: "%.4f", loss))\(validation)  \(Int(rate.rounded())) tok/s\(eta)"
    if interactive {
      emit("\r\u{1B}[2K" + line)
      lineShown = true
    } else if Date().timeIntervalSince(lastLine) >= 10 || step == totalSteps {
      lastLine = Date()
      emit(line + "\n")
    }
  }

  func trainingEvaluated(step: Int, validationLoss: Double, referenceLoss: Double?) {
    lastValidation = validationLoss
    lastReference = referenceLoss
    let reference = referenceLoss.map { String(format: ", reference text %.4f", $0) } ?? ""
    printLine(
      String(format: "step %d: validation loss ≈ %.4f", step, validationLoss) + reference
        + " (estimated on \(estimateWindows) held-out windows)")
  }

  func trainingSampled(step: Int, text: String) {
    printLine("sample after step \(step):\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  | " + $0 }.joined(separator: "\n"))
  }

  /// Prints `text` on lines of its own (clearing the progress line first on a terminal).
  func printLine(_ text: String) {
    if interactive && lineShown { emit("\r\u{1B}[2K") }
    lineShown = false
    emit(text + "\n")
  }

  /// Writes `text` to standard output at once (unbuffered, so a pipe sees each line when it happens).
  private func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// "1h02m", "3m05s", "42s".
  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
    if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
    return "\(s)s"
  }
}
