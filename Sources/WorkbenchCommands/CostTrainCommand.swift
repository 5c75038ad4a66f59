import ArgumentParser
import TrainingCost

/// `workbench cost train`: compute, memory, time, money and energy of one pre-training run.
struct CostTrain: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Cost of training N parameters on D tokens: FLOPs, memory, GPU-hours, days, dollars, energy.")

  @Option(parsing: .unconditional, help: "Parameters N, e.g. 70B.") var params: String
  @Option(
    name: .customLong("active-params"), parsing: .unconditional,
    help: "Parameters active per token for a mixture of experts, e.g. 37B (default: all).")
  var activeParams: String?
  @Option(parsing: .unconditional, help: "Training tokens D, e.g. 2T.") var tokens: String
  @Option(parsing: .unconditional, help: "GPUs in parallel (default: the fewest that hold the run in memory).")
  var gpus: Int?
  @Option(name: .customLong("deadline-days"), parsing: .unconditional, help: "Report the GPUs needed to finish within this many days.")
  var deadlineDays: Double = 30
  @Flag(help: "Add the attention term 12·n_layer·n_ctx·d_model per token to 6·N.") var attention = false
  @Option(name: .customLong("bytes-per-param"), parsing: .unconditional, help: "Bytes of weights, gradients and optimiser state per parameter.")
  var bytesPerParam: Double = TrainingMemory.adamMixedPrecisionBytesPerParameter
  @OptionGroup var shape: CostShapeOptions
  @OptionGroup var hardware: CostHardwareOptions
  @OptionGroup var bill: CostBillOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.validateQuantity(params, "--params", maximum: CostArguments.maximumParameters)
    try CostArguments.validateQuantity(tokens, "--tokens", maximum: CostArguments.maximumTokens)
    if let activeParams {
      try CostArguments.validateQuantity(activeParams, "--active-params", maximum: CostArguments.maximumParameters)
      if try CostArguments.quantity(activeParams, "--active-params", maximum: .infinity)
        > CostArguments.quantity(params, "--params", maximum: .infinity)
      {
        throw ValidationError("--active-params must not exceed --params (the active parameters are a subset of all of them).")
      }
    }
    if let gpus { try CostArguments.check(gpus, "--gpus", in: 1...100_000_000) }
    guard deadlineDays.isFinite, deadlineDays > 0, deadlineDays <= 36_500 else {
      throw ValidationError("--deadline-days must be greater than 0 and at most 36500, got '\(CostArguments.echo(deadlineDays))'.")
    }
    guard bytesPerParam.isFinite, bytesPerParam > 0, bytesPerParam <= 1000 else {
      throw ValidationError("--bytes-per-param must be greater than 0 and at most 1000 (16 for mixed-precision Adam), got '\(CostArguments.echo(bytesPerParam))'.")
    }
  }

  func estimate() throws -> TrainingEstimate {
    let total = try CostArguments.quantity(params, "--params", maximum: CostArguments.maximumParameters)
    let active = try activeParams.map { try CostArguments.quantity($0, "--active-params", maximum: total) }
    return TrainingEstimate(
      totalParameters: total, activeParameters: active,
      tokens: try CostArguments.quantity(tokens, "--tokens", maximum: CostArguments.maximumTokens),
      shape: shape.shape, contextLength: shape.context, includeAttention: attention, bytesPerParameter: bytesPerParam,
      microBatchSequences: shape.microBatch, hardware: try hardware.setting(), gpus: gpus, deadlineDays: deadlineDays)
  }

  func report() throws -> CostReport {
    try estimate().report(gpusGiven: gpus != nil, bill: bill.assumptions)
  }
}
