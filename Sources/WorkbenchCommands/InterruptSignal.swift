import Foundation

/// Ctrl-C (SIGINT) during training: the first one asks the run to stop after the current step and
/// save; a second one exits at once with 130 (the shell's code for SIGINT) without saving.
///
/// A process of an MPI job also takes the signals with which `mpirun` ends a job as the same request.
/// A Ctrl-C reaches only mpirun (each process it starts is in a process group of its own), and Open MPI
/// 4.1 then ends the job as Slurm's `scancel` does: SIGCONT to every process at once, SIGTERM
/// `odls_base_sigkill_timeout` seconds later (default 1) and SIGKILL as long again after that. Taken
/// as the request, the first of them leaves twice that timeout to finish the step and save.
enum InterruptSignal {
  /// Set by the signal handlers; read after every training step.
  nonisolated(unsafe) static var requested: sig_atomic_t = 0
  /// Set by the first SIGINT: a second one exits at once.
  nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

  /// Installs the handlers (for the rest of the process): SIGINT, and with `launcherEndsJob` (a
  /// process of an MPI job) SIGTERM and SIGCONT too, which only ask for the stop (mpirun follows
  /// them with SIGKILL when the process has not ended).
  static func install(launcherEndsJob: Bool = false) {
    // A parent may start us with SIGINT blocked (Foundation's Process does): unblock it.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    if launcherEndsJob {
      sigaddset(&set, SIGTERM)
      sigaddset(&set, SIGCONT)
    }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT) { _ in
      if InterruptSignal.interrupted != 0 { _exit(130) }
      InterruptSignal.interrupted = 1
      InterruptSignal.requested = 1
    }
    guard launcherEndsJob else { return }
    for number in [SIGTERM, SIGCONT] {
      signal(number) { _ in InterruptSignal.requested = 1 }
    }
  }

  /// The exit code after a run stopped by Ctrl-C: 130 (128 + SIGINT), as shells report it.
  static let exitCode: Int32 = 130
}
