import ArgumentParser
import TrainingCost

/// `workbench cost finetune`: memory and cost of adapting a base model with full fine-tuning, LoRA or QLoRA.
struct CostFinetune: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "finetune",
    abstract: "Memory and cost of fine-tuning a base model on domain tokens: full, LoRA or QLoRA.")

  @Option(parsing: .unconditional, help: "Parameters of the base model, e.g. 7B.") var params: String
  @Option(parsing: .unconditional, help: "Fine-tuning tokens (domain tokens × epochs), e.g. 50M.") var tokens: String
  @Option(help: "full, lora or qlora.") var method: FineTuningMethod = .lora
  @Option(name: .customLong("adapter-fraction"), parsing: .unconditional, help: "LoRA/QLoRA trainable parameters as a fraction of the base.")
  var adapterFraction: Double = FineTuningAssumptions().adapterFraction
  @Option(parsing: .unconditional, help: "GPUs in parallel (default: the fewest that hold the run in memory).") var gpus: Int?
  @OptionGroup var shape: CostShapeOptions
  @OptionGroup var hardware: CostHardwareOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.validateQuantity(params, "--params", maximum: CostArguments.maximumParameters)
    try CostArguments.validateQuantity(tokens, "--tokens", maximum: CostArguments.maximumTokens)
    try CostArguments.checkFraction(adapterFraction, "--adapter-fraction", example: "0.005 for 0.5%")
    if let gpus { try CostArguments.check(gpus, "--gpus", in: 1...100_000_000) }
  }

  func report() throws -> CostReport {
    let parameters = try CostArguments.quantity(params, "--params", maximum: CostArguments.maximumParameters)
    var assumptions = FineTuningAssumptions()
    assumptions.adapterFraction = adapterFraction
    let estimate = FineTuningEstimate(
      method: method, parameters: parameters,
      tokens: try CostArguments.quantity(tokens, "--tokens", maximum: CostArguments.maximumTokens),
      shape: shape.shape(parameters: parameters), microBatchSequences: shape.microBatch,
      hardware: try hardware.setting(), gpus: gpus, assumptions: assumptions)
    return estimate.report()
  }
}
