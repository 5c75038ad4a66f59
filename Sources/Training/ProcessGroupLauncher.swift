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

  /// How to build the workbench with MPI (the sentence a build without it prints).
  public static let buildHint =
    "this workbench was built without MPI; install Open MPI (Debian: apt-get install libopenmpi-dev openmpi-bin; macOS: brew install open-mpi) "
    + "and build with WORKBENCH_MPI=1 swift build -c release --product workbench"
}
