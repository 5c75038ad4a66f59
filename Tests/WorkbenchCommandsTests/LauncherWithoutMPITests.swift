import Testing
import Training

@testable import WorkbenchCommands

/// A process that mpirun (or Slurm) started, in a build without MPI: `train` and `finetune` refuse
/// with one sentence that says how to build with MPI, and exit 64, instead of training alone.
@Suite("LauncherWithoutMPI")
struct LauncherWithoutMPITests {
  @Test("mpirun's, MPICH's and Slurm's variables are recognised; a plain start is not a group")
  func startedByLauncher() {
    #expect(ProcessGroupLauncher.startedByLauncher(environment: ["OMPI_COMM_WORLD_SIZE": "2", "OMPI_COMM_WORLD_RANK": "0"]))
    #expect(ProcessGroupLauncher.startedByLauncher(environment: ["PMI_SIZE": "4"]))
    #expect(ProcessGroupLauncher.startedByLauncher(environment: ["PMIX_RANK": "1"]))
    #expect(!ProcessGroupLauncher.startedByLauncher(environment: ["HOME": "/root", "PATH": "/usr/bin"]))
  }

  @Test("without a registered transport, a launched process gets the sentence and 64")
  func refusesWithBuildHint() throws {
    // The test bundle never runs the executable's start-up, so no transport is registered here.
    #expect(ProcessGroupLauncher.join == nil)
    #expect(try TrainingSession.joinLauncherGroup(environment: [:]) == nil)
    do {
      _ = try TrainingSession.joinLauncherGroup(environment: ["OMPI_COMM_WORLD_SIZE": "2"])
      Issue.record("a launched process without MPI must be refused")
    } catch let failure as WorkbenchFailure {
      #expect(failure.exitCode == 64)
      #expect(failure.message.contains("built without MPI"))
      #expect(failure.message.contains("WORKBENCH_MPI=1 swift build -c release --product workbench"))
      #expect(failure.message.hasSuffix(".") && failure.message.components(separatedBy: ". ").count == 1)
    }
  }
}
