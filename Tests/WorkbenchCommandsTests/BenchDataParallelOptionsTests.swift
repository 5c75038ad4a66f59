import ArgumentParser
import Testing

@testable import WorkbenchCommands

/// `workbench bench data-parallel`'s options are refused with one sentence before MPI starts or any
/// measurement runs.
@Suite struct BenchDataParallelOptionsTests {
  func refusal(_ arguments: [String]) -> String? {
    do {
      _ = try BenchDataParallel.parse(arguments)
      return nil
    } catch {
      return BenchDataParallel.message(for: error)
    }
  }

  @Test func badWorkloadOrFigureIsRefusedWithTheChoices() {
    #expect(refusal(["--figure", "split.txt"]) == "--figure must name a .png file, got 'split.txt'.")
    #expect(refusal(["--workload", "mlp-char"])
      == "--workload: the workload mlp-char does not train a whole GPT; choose one of: gpt-tiny, gpt-small, gpt-medium, gpt2-124m.")
    #expect(refusal(["--workload", "gpt-huge"])?.hasPrefix("There is no workload 'gpt-huge'; choose one of: mlp-char, gpt-tiny") == true)
    #expect(refusal(["--steps", "0", "--workload", "gpt-tiny"]) == "--steps must be at least 1, got 0.")
    #expect(refusal(["--workload", "gpt-tiny", "--steps", "2", "--warmup", "0", "--figure", "docs/images/split.png"]) == nil)
  }
}
