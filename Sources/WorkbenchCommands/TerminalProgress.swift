import Foundation
import Lessons

/// Progress for a person at a terminal (a redrawn bar with step, loss and ETA) or, when
/// standard output is not a terminal, plain log lines at most every few seconds.
final class TerminalProgress: ProgressReporter, @unchecked Sendable {
  private let interactive: Bool
  private let lock = NSLock()
  private var phaseStart: [String: Date] = [:]
  private var lastLine = Date.distantPast

  init(interactive: Bool = isatty(STDOUT_FILENO) == 1) { self.interactive = interactive }

  func report(phase: String, step: Int, total: Int, loss: Double?) {
    lock.lock(); defer { lock.unlock() }
    let now = Date()
    let start = phaseStart[phase] ?? now
    if phaseStart[phase] == nil { phaseStart[phase] = now }
    let done = Double(step) / Double(max(total, 1))
    let elapsed = now.timeIntervalSince(start)
    let eta = done > 0 ? elapsed * (1 - done) / done : 0
    let lossText = loss.map { String(format: "  loss %.4f", $0) } ?? ""
    if interactive {
      let width = 24
      let filled = Int(done * Double(width))
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      print("\r  \(phase) \(bar) \(step)/\(total)\(lossText)  ETA \(String(format: "%.0f", eta))s   ", terminator: "")
      FileHandle.standardOutput.synchronizeFile()
    } else if now.timeIntervalSince(lastLine) >= 5 || step == total {
      lastLine = now
      print("  \(phase): step \(step)/\(total)\(lossText)")
    }
  }

  func finish(phase: String, summary: String) {
    lock.lock(); defer { lock.unlock() }
    if interactive { print("\r\u{1B}[2K", terminator: "") }
    print("  \(phase): \(summary)")
    phaseStart[phase] = nil
  }
}
