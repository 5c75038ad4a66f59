/// Which implementation of the kernel entry points runs: the readable reference loops or the fast
/// kernels (see `KernelEntryPoint` in ScalarDispatch.swift).
public enum KernelImplementation: String, Sendable, CaseIterable, Codable {
  /// SIMD, cache-blocked, multi-threaded kernels: the default, and what every measurement uses.
  case fast
  /// Plain loops, one scalar at a time, on one thread: the definitions the fast kernels are
  /// tested against (and slower by one to two orders of magnitude).
  case reference
}

extension Kernels {
  /// The implementation that kernel calls made by the current task use (`.fast` unless a caller
  /// chose otherwise with `Kernels.$implementation.withValue(.reference) { … }`).
  ///
  /// A task-local, so that tests running concurrently can each choose one; threads started
  /// outside the task (and the fast kernels' own worker threads) see `.fast`.
  @TaskLocal public static var implementation: KernelImplementation = .fast
}
