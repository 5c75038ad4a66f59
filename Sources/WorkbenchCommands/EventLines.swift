import Foundation
import Lessons
import WorkbenchFiles

/// `workbench run --events`: the run's progress, its samples, its claims and nothing else on
/// standard output, one JSON object per line, each written as it happens, for the lab that started the run:
/// `{"event": "progress", "phase": …, "step": 50, "total": 1000, "loss": 0.12, "time": <Unix seconds>}`,
/// `{"event": "phase", "phase": …, "summary": …}`, `{"event": "sample", "phase": …, "step": 200, "text": …}`
/// (`step` null for a finished model's sample) and, as each is checked,
/// `{"event": "claim", "statement": …, "passed": true, "detail": …}`.
struct EventLines: ProgressReporter {
  func report(phase: String, step: Int, total: Int, loss: Double?) {
    Self.progress(phase: phase, step: step, total: total, loss: loss)
  }

  func finish(phase: String, summary: String) {
    Self.write([("event", .string("phase")), ("phase", .string(phase)), ("summary", .string(summary))])
  }

  func sampled(phase: String, step: Int?, text: String) {
    Self.sample(phase: phase, step: step, text: text)
  }

  func checked(_ claim: Claim) {
    Self.write([
      ("event", .string("claim")), ("statement", .string(claim.statement)), ("passed", .bool(claim.passed)), ("detail", .string(claim.detail)),
    ])
  }

  /// A `progress` line: step `step` of `total` (null under a time budget) of `phase`, its loss, and the time it was written.
  static func progress(phase: String, step: Int, total: Int?, loss: Double?) {
    write([
      ("event", .string("progress")), ("phase", .string(phase)), ("step", .number("\(step)")), ("total", total.map { .number("\($0)") } ?? .null),
      ("loss", loss.map(JSONValue.init) ?? .null), ("time", JSONValue(Date().timeIntervalSince1970)),
    ])
  }

  /// A `sample` line: `text` written by the model of `phase` after `step` steps (null: a finished model).
  static func sample(phase: String, step: Int?, text: String) {
    write([("event", .string("sample")), ("phase", .string(phase)), ("step", step.map { .number("\($0)") } ?? .null), ("text", .string(text))])
  }

  /// Writes one line with a single `write` (unbuffered, so the lab sees it at once).
  static func write(_ members: [(key: String, value: JSONValue)]) {
    FileHandle.standardOutput.write(Data((JSONWriter.document(.object(members), inlineDepth: 0) + "\n").utf8))
  }

  /// Prepares a lesson run started by the lab: Ctrl-C (SIGINT, the lab's Stop) ends the run even
  /// when the parent started it with the signal blocked, and when standard input is a pipe, its end
  /// (the lab stopped) ends the run too.
  static func prepare() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT, SIG_DFL)
    whenInputEnds { _exit(InterruptSignal.exitCode) }
  }

  /// Prepares a training run started by the lab (after ``InterruptSignal/install(launcherEndsJob:)``):
  /// when standard input is a pipe, its end (the lab stopped) asks the run to stop and save, as Ctrl-C does.
  static func prepareTraining() {
    whenInputEnds { InterruptSignal.requested = 1 }
  }

  /// Calls `action` on a thread of its own once standard input ends, when it is a pipe.
  private static func whenInputEnds(_ action: @escaping @Sendable () -> Void) {
    var status = stat()
    guard fstat(0, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO else { return }
    Thread {
      _ = FileHandle.standardInput.readDataToEndOfFile()
      action()
    }.start()
  }
}
