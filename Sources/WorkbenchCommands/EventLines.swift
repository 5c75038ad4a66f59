import Foundation
import Lessons
import WorkbenchFiles

/// `workbench run --events`: the run's progress, its claims and nothing else on standard output,
/// one JSON object per line, each written as it happens, for the lab that started the run:
/// `{"event": "progress", "phase": …, "step": 50, "total": 1000, "loss": 0.12, "time": <Unix seconds>}`,
/// `{"event": "phase", "phase": …, "summary": …}` and `{"event": "claim", "statement": …, "passed": true, "detail": …}`.
struct EventLines: ProgressReporter {
  func report(phase: String, step: Int, total: Int, loss: Double?) {
    Self.write([
      ("event", .string("progress")), ("phase", .string(phase)), ("step", .number("\(step)")), ("total", .number("\(total)")),
      ("loss", loss.map(JSONValue.init) ?? .null), ("time", JSONValue(Date().timeIntervalSince1970)),
    ])
  }

  func finish(phase: String, summary: String) {
    Self.write([("event", .string("phase")), ("phase", .string(phase)), ("summary", .string(summary))])
  }

  /// One line per claim of `result`, in the lesson's order.
  static func claims(_ result: RunResult) {
    for claim in result.claims {
      write([("event", .string("claim")), ("statement", .string(claim.statement)), ("passed", .bool(claim.passed)), ("detail", .string(claim.detail))])
    }
  }

  /// Writes one line with a single `write` (unbuffered, so the lab sees it at once).
  static func write(_ members: [(key: String, value: JSONValue)]) {
    FileHandle.standardOutput.write(Data((JSONWriter.document(.object(members), inlineDepth: 0) + "\n").utf8))
  }

  /// Prepares a child of the lab: Ctrl-C (SIGINT, the lab's Stop) ends the run even when the
  /// parent started it with the signal blocked, and when standard input is a pipe, its end (the
  /// lab stopped) ends the run too.
  static func prepare() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT, SIG_DFL)
    var status = stat()
    guard fstat(0, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO else { return }
    Thread {
      _ = FileHandle.standardInput.readDataToEndOfFile()
      _exit(InterruptSignal.exitCode)
    }.start()
  }
}
