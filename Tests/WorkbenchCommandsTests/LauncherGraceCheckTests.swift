import Testing
@testable import Training

@testable import WorkbenchCommands

/// Under mpirun, a step too long for the time mpirun leaves after a Ctrl-C is said once, with the
/// setting that leaves enough; the time is read from what mpirun passes its processes.
@Suite struct LauncherGraceCheckTests {
  @Test func graceIsTwiceOpenMPIsSigkillTimeout() {
    #expect(ProcessGroupLauncher.stopGraceSeconds(environment: ["HOME": "/root"]) == nil)
    #expect(ProcessGroupLauncher.stopGraceSeconds(environment: ["OMPI_COMM_WORLD_SIZE": "2"]) == 2)
    #expect(ProcessGroupLauncher.stopGraceSeconds(environment: ["OMPI_COMM_WORLD_SIZE": "2", "OMPI_MCA_odls_base_sigkill_timeout": "30"]) == 60)
    #expect(ProcessGroupLauncher.stopGraceSeconds(environment: ["OMPI_COMM_WORLD_SIZE": "2", "OMPI_MCA_odls_base_sigkill_timeout": "x"]) == 2)
  }

  @Test func aLongFirstStepIsSaidOnceWithTheSetting() throws {
    #expect(LauncherGraceCheck.warning(stepSeconds: 0.4, graceSeconds: 2) == nil)
    #expect(LauncherGraceCheck.warning(stepSeconds: 6.2, graceSeconds: 2) == "A step takes 6.2 s, and after a Ctrl-C mpirun leaves the "
      + "processes 2 s to finish it and save before it kills them; to keep the save, start mpirun with --mca odls_base_sigkill_timeout 23 "
      + "(or export OMPI_MCA_odls_base_sigkill_timeout=23).")
    var said: [String] = []
    var received = 0
    let check = LauncherGraceCheck(EventHandler { _ in received += 1 }, graceSeconds: 2) { said.append($0) }
    for step in 1...3 {
      let report = TrainingStepReport(
        step: step, totalSteps: 3, outcome: TrainingStepOutcome(loss: 1, learningRate: 0.1, gradientNorm: 1), tokens: 8, seconds: 5,
        stepSeconds: Double(step) * 5)
      try check.receive(.step(report))
    }
    #expect(received == 3 && said.count == 1)
    #expect(said.first?.hasPrefix("A step takes 5.0 s") == true)
  }
}
