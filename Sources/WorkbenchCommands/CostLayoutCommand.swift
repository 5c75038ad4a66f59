import ArgumentParser
import TrainingCost
import WorkbenchFiles

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
  @Option(name: .customLong("kernel-efficiency"), parsing: .unconditional, help: "Fraction of dense peak the layer kernels sustain.")
  var kernelEfficiency: Double = LayoutAssumptions().kernelEfficiency
  @Option(help: "Print the best layout's launch configuration instead: megatron or deepspeed.") var emit: LaunchFramework?
  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.check(gpus, "--gpus", in: 1...10_000_000)
    try CostArguments.check(globalBatch, "--global-batch", in: 1...100_000_000)
    try CostArguments.check(top, "--top", in: 1...1000)
    try CostArguments.checkFraction(kernelEfficiency, "--kernel-efficiency", example: "0.6")
    let architecture = try model.architecture()
    do {
      try ParallelLayout(tensor: tp ?? 1, pipeline: pp ?? 1, microBatch: microBatch ?? 1).validate(for: architecture)
    } catch { throw ValidationError(error.description) }
    if let zero { _ = try LayoutArguments.zero(zero) }
    if let recompute { _ = try LayoutArguments.recompute(recompute) }
    if emit != nil && (output.json || output.csv) {
      throw ValidationError("--emit prints a launch configuration; leave out --json and --csv.")
    }
  }

  /// The layouts that fit, fastest first (for `--emit megatron`, those Megatron-LM runs: ZeRO 0 or 1).
  func layouts() throws -> (found: [LayoutEstimate], accelerator: Accelerator, assumptions: LayoutAssumptions) {
    var constraints = LayoutSearch.Constraints()
    constraints.tensor = tp
    constraints.pipeline = pp
    constraints.microBatch = microBatch
    constraints.zero = try zero.map(LayoutArguments.zero)
    constraints.recompute = try recompute.map(LayoutArguments.recompute)
    var assumptions = LayoutAssumptions()
    assumptions.kernelEfficiency = kernelEfficiency
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
    let best = try layouts().found[0]
    switch emit {
    case .megatron: return LaunchConfiguration.megatronCommandLine(best, precision: precision)
    case .deepspeed: return JSONWriter.document(LaunchConfiguration.deepSpeedConfig(best, precision: precision))
    }
  }
}
