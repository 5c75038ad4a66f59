import ArgumentParser
import TrainingCost

/// The assumed efficiencies of the step-time model, shared by `cost layout` and `cost reality-check --step-times`.
struct CostStepTimeOptions: ParsableArguments {
  @Option(name: .customLong("kernel-efficiency"), parsing: .unconditional, help: "Fraction of dense peak the layer kernels sustain.")
  var kernelEfficiency: Double = LayoutAssumptions().kernelEfficiency
  @Option(name: .customLong("link-efficiency"), parsing: .unconditional, help: "Fraction of nominal link bandwidth collectives reach.")
  var linkEfficiency: Double = LayoutAssumptions().linkEfficiency

  func validate() throws {
    try CostArguments.checkFraction(kernelEfficiency, "--kernel-efficiency", example: "0.6")
    try CostArguments.checkFraction(linkEfficiency, "--link-efficiency", example: "0.8")
  }

  /// The default assumptions with these efficiencies.
  var assumptions: LayoutAssumptions {
    var assumptions = LayoutAssumptions()
    assumptions.kernelEfficiency = kernelEfficiency
    assumptions.linkEfficiency = linkEfficiency
    return assumptions
  }

  /// The options that differ from the defaults, as words of a command line.
  var words: [String] {
    var words: [String] = []
    if kernelEfficiency != LayoutAssumptions().kernelEfficiency { words += ["--kernel-efficiency", "\(kernelEfficiency)"] }
    if linkEfficiency != LayoutAssumptions().linkEfficiency { words += ["--link-efficiency", "\(linkEfficiency)"] }
    return words
  }
}

/// Pipeline schedule, overlap and saved-activation settings of `cost layout`, emitted with the launch settings.
struct CostScheduleOptions: ParsableArguments {
  @Option(name: .customLong("virtual-stages"), help: "Virtual pipeline stages per GPU v (interleaved 1F1B; divides the layers per stage).")
  var virtualStages: Int = 1
  @Flag(name: .customLong("overlap-grad-reduce"), help: "Overlap the data-parallel all-reduce with the last backward pass.")
  var overlapGradientReduce = false
  @Flag(name: .customLong("overlap-p2p"), help: "Overlap the interleaved schedule's pipeline transfers with compute (needs --pp > 1).")
  var overlapPipelineTransfers = false
  @Flag(name: .customLong("distribute-saved-activations"), help: "Split full recomputation's stored layer inputs over the tensor-parallel ranks.")
  var distributeSavedActivations = false
}
