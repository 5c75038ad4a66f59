import Foundation
import Lessons
import Training
import WorkbenchFiles

/// `workbench train --events` (and `finetune --events`): the training loop's events as JSON lines on
/// standard output, each written when the loop reports it (it observes the one training loop), for
/// the lab that started the run. Besides the lines of ``EventLines`` (`progress` with phase
/// `training` or `fine-tuning` and the step's loss in nats per token, `sample` with the text
/// sampled after `step` steps):
/// `{"event": "evaluation", "step": 50, "losses": {"validation": 2.31}}` (held-out losses, nats per token,
/// estimated on the run's evaluation windows) and `{"event": "saved", "step": 50}` (everything needed
/// to continue is on disk). Stops the run after the current step when Ctrl-C (SIGINT) was received.
final class TrainingEventLines: TrainingObserver {
  /// The phase named in `progress` and `sample` lines.
  let phase: String

  init(phase: String) { self.phase = phase }

  var stopRequested: Bool { InterruptSignal.requested != 0 }

  func receive(_ event: TrainingEvent) {
    switch event {
    case .step(let report):
      EventLines.progress(phase: phase, step: report.step, total: report.totalSteps, loss: report.loss)
    case let .evaluation(step, losses, _):
      EventLines.write([
        ("event", .string("evaluation")), ("step", .number("\(step)")),
        ("losses", .object(losses.map { ($0.name, JSONValue($0.value)) })),
      ])
    case let .sample(step, text):
      EventLines.sample(phase: phase, step: step, text: text)
    case .checkpointSaved(let step):
      EventLines.write([("event", .string("saved")), ("step", .number("\(step)"))])
    case .stopped, .finished:
      break
    }
  }

  /// The files in `folder` (not its temporaries), sorted: what a stopped or finished run left there.
  static func files(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
  }
}
