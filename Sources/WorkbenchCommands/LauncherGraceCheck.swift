import Foundation
import Training

/// Under mpirun: after the first step, says once when a step takes longer than half the time mpirun
/// leaves the processes to finish it and save after a Ctrl-C (``ProcessGroupLauncher/stopGraceSeconds(environment:)``),
/// and which setting leaves them enough. Passes every event on to `next`.
final class LauncherGraceCheck: TrainingObserver {
  let next: any TrainingObserver
  /// Seconds between mpirun's first signal and its SIGKILL.
  let graceSeconds: Double
  let say: (String) -> Void
  private var checked = false

  init(_ next: any TrainingObserver, graceSeconds: Double, say: @escaping (String) -> Void) {
    self.next = next
    self.graceSeconds = graceSeconds
    self.say = say
  }

  func receive(_ event: TrainingEvent) throws {
    try next.receive(event)
    guard !checked, case .step(let report) = event else { return }
    checked = true
    if let sentence = Self.warning(stepSeconds: report.seconds, graceSeconds: graceSeconds) { say(sentence) }
  }

  var stopRequested: Bool { next.stopRequested }

  /// The sentence for a step of `stepSeconds` when the stop and the save may not fit in `graceSeconds`
  /// (a step longer than half of it), nil otherwise.
  static func warning(stepSeconds: Double, graceSeconds: Double) -> String? {
    guard stepSeconds * 2 > graceSeconds else { return nil }
    let timeout = Int((stepSeconds * 2).rounded(.up)) + 10
    return "A step takes \(String(format: "%.1f", stepSeconds)) s, and after a Ctrl-C mpirun leaves the processes "
      + "\(String(format: "%g", graceSeconds)) s to finish it and save before it kills them; to keep the save, "
      + "start mpirun with --mca odls_base_sigkill_timeout \(timeout) (or export OMPI_MCA_odls_base_sigkill_timeout=\(timeout))."
  }
}
