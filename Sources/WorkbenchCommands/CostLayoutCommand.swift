import ArgumentParser
import TrainingCost

/// What `workbench cost layout --emit` prints instead of the table.
enum LaunchFramework: String, ExpressibleByArgument, CaseIterable {
  case megatron, deepspeed
}

/// `workbench cost layout`: search tensor × pipeline × data parallel splits for the fastest that fit.
struct CostLayout: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "layout",
    abstract: "Search tensor, pipeline and data parallel layouts, ZeRO and recomputation; print the fastest that fit.",
    discussion: "Add --emit megatron for Megatron-LM launch arguments or --emit deepspeed for a DeepSpeed config of the best layout.")

  @OptionGroup var model: CostArchitectureOptions
  @Option(help: "GPUs to use.") var gpus: Int
  @Option(help: "Accelerator id, see `workbench cost gpus`.") var gpu: String = AcceleratorCatalogue.defaultAcceleratorID
  @Option(name: .customLong("global-batch"), help: "Sequences per step B.") var globalBatch: Int
  @Option(help: "Number formats: bf16, fp16 or fp32.") var precision: TrainingPrecision = .bf16
  @Option(help: "Fix the tensor-parallel size.") var tp: Int?
  @Option(help: "Fix the pipeline-parallel size.") var pp: Int?
  @Option(name: .customLong("micro-batch"), help: "Fix the micro-batch size.") var microBatch: Int?
  @Option(help: "Fix the ZeRO stage: 0, 1, 2 or 3.") var zero: String?
  @Option(help: "Fix the recomputation: none, selective or full.") var recompute: String?
  @Option(help: "How many layouts to print.") var top: Int = 5
  @OptionGroup var schedule: CostScheduleOptions
  @OptionGroup var efficiencies: CostStepTimeOptions
  @Option(help: "Print the best layout's launch configuration instead: megatron or deepspeed.") var emit: LaunchFramework?
  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.check(gpus, "--gpus", in: 1...10_000_000)
    try CostArguments.check(globalBatch, "--global-batch", in: 1...100_000_000)
    try CostArguments.check(top, "--top", in: 1...1000)
    let architecture = try model.architecture()
    let zeroStage = try zero.map(LayoutArguments.zero)
    let recomputation = try recompute.map(LayoutArguments.recompute)
    do {
      // The fixed sizes alone; with --pp unset, the interleaving is checked against every pipeline size searched.
      try ParallelLayout(
        tensor: tp ?? 1, pipeline: pp ?? 1, microBatch: microBatch ?? 1, virtualStages: pp == nil ? 1 : schedule.virtualStages,
        overlapPipelineTransfers: schedule.overlapPipelineTransfers && pp != nil
      ).validate(for: architecture)
      if schedule.virtualStages < 1 { throw LayoutError.notPositive(option: "--virtual-stages", value: schedule.virtualStages) }
      if schedule.overlapPipelineTransfers && pp == 1 { throw LayoutError.overlapWithoutPipeline }
      if schedule.overlapPipelineTransfers && schedule.virtualStages == 1 { throw LayoutError.overlapWithoutInterleaving }
      if let zeroStage, let pp, pp > 1, zeroStage > LayoutSearch.Constraints().maximumZeROWithPipeline {
        throw LayoutError.zeroExcludedWithPipeline(
          zero: zeroStage.rawValue, pipeline: pp, maximum: LayoutSearch.Constraints().maximumZeROWithPipeline.rawValue)
      }
      if schedule.distributeSavedActivations, tp == 1 || (recomputation != nil && recomputation != .full) {
        throw LayoutError.distributedActivationsNeedFullRecomputation
      }
    } catch let error as LayoutError { throw ValidationError(error.description) }
    if emit != nil && (output.json || output.csv) {
      throw ValidationError("--emit prints a launch configuration; leave out --json and --csv.")
    }
  }

  /// The layouts that fit, fastest first (for `--emit megatron`, those with ZeRO 0 or 1, which Megatron-LM's
  /// distributed optimizer runs, when any fits; otherwise ZeRO 2 and 3 run as Megatron FSDP).
  func layouts() throws -> (found: [LayoutEstimate], accelerator: Accelerator, assumptions: LayoutAssumptions) {
    var constraints = LayoutSearch.Constraints()
    constraints.tensor = tp
    constraints.pipeline = pp
    constraints.microBatch = microBatch
    constraints.zero = try zero.map(LayoutArguments.zero)
    constraints.recompute = try recompute.map(LayoutArguments.recompute)
    if schedule.distributeSavedActivations { constraints.recompute = .full }
    constraints.virtualStages = schedule.virtualStages
    constraints.overlapGradientReduce = schedule.overlapGradientReduce
    constraints.overlapPipelineTransfers = schedule.overlapPipelineTransfers
    constraints.distributeSavedActivations = schedule.distributeSavedActivations
    let assumptions = efficiencies.assumptions
    let accelerator = try catalogueOptions.catalogue().accelerator(named: gpu)
    var found = try LayoutSearch.search(
      architecture: try model.architecture(), gpus: gpus, accelerator: accelerator, globalBatch: globalBatch,
      precision: precision, constraints: constraints, assumptions: assumptions)
    if emit == .megatron {
      let runnable = found.filter { $0.layout.zero <= .optimizer }
      if !runnable.isEmpty { found = runnable }
    }
    return (found, accelerator, assumptions)
  }

  func report() throws -> CostReport {
    let (found, accelerator, assumptions) = try layouts()
    return LayoutSearch.report(found, top: top, accelerator: accelerator, assumptions: assumptions)
  }

  func renderedOutput() throws -> String {
    guard let emit else { return try report().rendered(output.format, explain: output.explain) }
    let (found, accelerator, _) = try layouts()
    let best = found[0]
    switch emit {
    case .megatron:
      return LaunchConfiguration.megatronCommandLine(best, gpusPerNode: accelerator.gpusPerNode, precision: precision)
    case .deepspeed:
      return LaunchConfiguration.deepSpeedLaunch(best, gpusPerNode: accelerator.gpusPerNode, precision: precision)
    }
  }
}
