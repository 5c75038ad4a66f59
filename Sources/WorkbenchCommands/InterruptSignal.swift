import Foundation

/// Ctrl-C (SIGINT) during training: the first one asks the run to stop after the current step and
/// save; a second one exits at once with 130 (the shell's code for SIGINT) without saving.
enum InterruptSignal {
  /// Set by the signal handler; read after every training step.
  nonisolated(unsafe) static var requested: sig_atomic_t = 0

  /// Installs the handler (for the rest of the process), for SIGTERM too when `terminateToo`
  /// (mpirun passes Ctrl-C on to its processes as SIGTERM).
  static func install(terminateToo: Bool = false) {
    // A parent may start us with SIGINT blocked (Foundation's Process does): unblock it.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    if terminateToo { sigaddset(&set, SIGTERM) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for number in terminateToo ? [SIGINT, SIGTERM] : [SIGINT] {
      signal(number) { _ in
        if InterruptSignal.requested != 0 { _exit(130) }
        InterruptSignal.requested = 1
      }
    }
  }

  /// The exit code after a run stopped by Ctrl-C: 130 (128 + SIGINT), as shells report it.
  static let exitCode: Int32 = 130
}
