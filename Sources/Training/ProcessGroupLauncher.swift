import Foundation

/// How a process that an MPI launcher (`mpirun`, `srun`) started joins the other processes of its
/// run. A build with MPI registers `join` at start-up; the default build leaves it nil, and
/// `startedByLauncher` lets it say how to build with MPI instead of training alone.
public enum ProcessGroupLauncher {
  /// Joins the launcher's group (MPI's initialisation); set at start-up by builds with MPI.
  nonisolated(unsafe) public static var join: (() throws -> any ProcessGroup)?

  /// The environment variables through which Open MPI, MPICH and Slurm's PMI tell a process its
  /// group's size.
  public static let sizeVariables = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS"]

  /// Whether this process was started by an MPI launcher.
  public static func startedByLauncher(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    sizeVariables.contains { environment[$0] != nil } || environment["PMIX_RANK"] != nil
  }

  /// Seconds Open MPI's mpirun leaves its processes after a Ctrl-C before it kills them: it sends
  /// SIGCONT at once, SIGTERM after `odls_base_sigkill_timeout` seconds (1 unless set with `--mca` or
  /// `OMPI_MCA_odls_base_sigkill_timeout`, which mpirun passes on) and SIGKILL as long after that.
  /// Nil when mpirun did not start this process.
  public static func stopGraceSeconds(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
    guard environment["OMPI_COMM_WORLD_SIZE"] != nil else { return nil }
    let timeout = environment["OMPI_MCA_odls_base_sigkill_timeout"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 1
    return 2 * max(0, timeout)
  }

  /// How to build the workbench with MPI (the sentence a build without it prints).
  public static let buildHint =
    "this workbench was built without MPI; install Open MPI (Debian: apt-get install libopenmpi-dev openmpi-bin; macOS: brew install open-mpi) "
    + "and build with WORKBENCH_MPI=1 swift build -c release --product workbench"
}
