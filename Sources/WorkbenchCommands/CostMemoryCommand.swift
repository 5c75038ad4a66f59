import ArgumentParser
import TrainingCost

/// `workbench cost memory`: weights, gradients, optimizer states and activations per GPU.
struct CostMemory: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "memory",
    abstract: "Memory per GPU of a training layout: weights, gradients, optimizer states, activations (ZeRO; Korthikanti et al. 2022).")

  @OptionGroup var model: CostArchitectureOptions
  @Option(name: .customLong("micro-batch"), help: "Sequences per micro-batch b.") var microBatch: Int = 1
  @Option(help: "Tensor-parallel size t (divides the heads).") var tp: Int = 1
  @Option(help: "Pipeline-parallel size p (divides the layers).") var pp: Int = 1
  @Option(help: "Data-parallel size d.") var dp: Int = 1
  @Option(help: "ZeRO stage over the data-parallel ranks: 0, 1, 2 or 3.") var zero: String = "0"
  @Option(help: "Activation recomputation: none, selective or full.") var recompute: String = "none"
  @Flag(name: .customLong("sequence-parallel"), help: "Split layer norms and dropouts along the sequence (needs --tp > 1).")
  var sequenceParallel = false
  @Flag(name: .customLong("distribute-saved-activations"), help: "With --recompute full and no sequence parallelism, split the stored layer inputs over --tp.")
  var distributeSavedActivations = false
  @Option(help: "Number formats: bf16, fp16 (mixed precision) or fp32.") var precision: TrainingPrecision = .bf16
  @Option(name: .customLong("global-batch"), help: "Sequences per step, to count the micro-batches in flight (default: at least p).")
  var globalBatch: Int?
  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @Option(help: "Accelerator whose memory the total is compared with.") var gpu: String = AcceleratorCatalogue.defaultAcceleratorID
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    for (option, value) in [("--micro-batch", microBatch), ("--tp", tp), ("--pp", pp), ("--dp", dp)] {
      guard value >= 1 else { throw ValidationError("\(option) must be at least 1, got '\(value)'.") }
      try CostArguments.check(value, option, in: 1...1_000_000)
    }
    if let globalBatch { try CostArguments.check(globalBatch, "--global-batch", in: 1...100_000_000) }
    do { try layout().validate(for: model.architecture()) } catch let error as LayoutError {
      throw ValidationError(error.description)
    }
  }

  func layout() throws -> ParallelLayout {
    ParallelLayout(
      tensor: tp, pipeline: pp, data: dp, microBatch: microBatch, zero: try LayoutArguments.zero(zero),
      recompute: try LayoutArguments.recompute(recompute), sequenceParallel: sequenceParallel,
      distributeSavedActivations: distributeSavedActivations)
  }

  func report() throws -> CostReport {
    let layout = try layout()
    let microBatches = globalBatch.map { max(1, $0 / (dp * microBatch)) }
    let memory = DistributedMemory(architecture: try model.architecture(), layout: layout, precision: precision, microBatchesPerStep: microBatches)
    return memory.report(accelerator: try catalogueOptions.catalogue().accelerator(named: gpu))
  }
}
