import Autograd
import NeuralNet
import Testing
@testable import Training

/// The step benchmark of `bench data-parallel` on a group of one process (the MPI tests run it on
/// two), which workloads it takes, and the machine description its records carry.
@Suite struct DataParallelStepBenchmarkTests {
  /// One process alone: its slices are all there is.
  final class Alone: ProcessGroup {
    let rank = 0, size = 1
    var exchanged = 0
    func exchangeSlices(_ outgoing: [Float], counts: [Int]) throws -> [Float] {
      exchanged += 1
      return outgoing
    }
    func gatherSlices(_ own: [Float], counts: [Int]) throws -> [Float] { own }
    func finish() {}
    func alone() throws -> any ProcessGroup { self }
  }

  @Test func measuresComputeAndExchangeOfEveryTimedStep() throws {
    let group = Alone()
    let tiny = try #require(BenchmarkWorkload.named("gpt-tiny"))
    let measured = try DataParallelStepBenchmark.measure(tiny, group: group, steps: 2, warmup: 1)
    #expect(group.exchanged == 3, "one exchange per step, warm-up included")
    #expect(measured.ranks == 1 && measured.rowsPerRank == 16)
    var generator = SplitMix64(seed: 0)
    let parameters = try GPT<Float>(config: try #require(tiny.gptConfig), using: &generator).parameterCount
    #expect(measured.gradientFloats == parameters + 2, "the gradients, the loss and the stop flag")
    #expect(measured.computeSeconds > 0 && measured.communicationSeconds > 0)
    #expect(measured.stepSeconds >= measured.computeSeconds + measured.communicationSeconds)
  }

  @Test func takesWholeGPTWorkloadsWhoseBatchSplitsEqually() throws {
    #expect(throws: DataParallelStepBenchmark.Problem.notGPTTraining(workload: "mlp-char")) {
      try DataParallelStepBenchmark.check(try #require(BenchmarkWorkload.named("mlp-char")), ranks: 1)
    }
    #expect(throws: DataParallelStepBenchmark.Problem.notGPTTraining(workload: "gpt2-124m-lora")) {
      try DataParallelStepBenchmark.check(try #require(BenchmarkWorkload.named("gpt2-124m-lora")), ranks: 1)
    }
    #expect(throws: DataParallelStepBenchmark.Problem.batchNotDivisible(workload: "gpt2-124m", batch: 2, ranks: 3)) {
      try DataParallelStepBenchmark.check(try #require(BenchmarkWorkload.named("gpt2-124m")), ranks: 3)
    }
    try DataParallelStepBenchmark.check(try #require(BenchmarkWorkload.named("gpt2-124m")), ranks: 2)
    #expect(DataParallelStepBenchmark.Problem.notGPTTraining(workload: "mlp-char").description
      == "the workload mlp-char does not train a whole GPT; choose one of: gpt-tiny, gpt-small, gpt-medium, gpt2-124m")
  }

  @Test func machineNamesTheCPUTheKernelsAndTheSystem() {
    let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t:  AMD  EPYC 9B14 96-Core Processor\nflags\t: fpu\n"
    #expect(BenchmarkMachine.modelName(inCPUInfo: cpuinfo) == "AMD EPYC 9B14 96-Core Processor")
    #expect(BenchmarkMachine.modelName(inCPUInfo: "processor\t: 0\n") == nil)
    let machine = BenchmarkMachine.current()
    #expect(machine.description == "\(machine.cpu), \(machine.kernels) kernels, \(machine.system)")
    #if os(Linux)
      #expect(machine.system.hasPrefix("Linux ") && machine.system.split(separator: ".").count == 2)
    #endif
  }
}
