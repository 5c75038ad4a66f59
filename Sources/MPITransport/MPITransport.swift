import Training

/// The cross-process transport of builds with MPI (`WORKBENCH_MPI=1`).
public enum MPITransport {
  /// Lets `train` and `finetune` join the ranks of an MPI job: registers `MPIProcessGroup` as the
  /// way a process started by `mpirun` joins its group. Called once at start-up.
  public static func register() {
    ProcessGroupLauncher.join = { try MPIProcessGroup() }
  }
}
