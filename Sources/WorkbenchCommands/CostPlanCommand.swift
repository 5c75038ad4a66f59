import ArgumentParser
import TrainingCost

/// `workbench cost plan`: every way to get a model that knows a domain, side by side.
struct CostPlan: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Compare pre-training, full fine-tuning, LoRA, QLoRA and no training for a domain.")

  @Option(parsing: .unconditional, help: "Parameters of the model, e.g. 7B.") var params: String
  @Option(name: .customLong("domain-tokens"), parsing: .unconditional, help: "Tokens of domain data, e.g. 50M.")
  var domainTokens: String
  @Option(name: .customLong("pretrain-tokens"), parsing: .unconditional, help: "Pre-training tokens (default: max(2T, 20 per parameter), as Llama 2 was trained).")
  var pretrainTokens: String?
  @Option(name: .customLong("adapter-fraction"), parsing: .unconditional, help: "LoRA/QLoRA trainable parameters as a fraction of the base.")
  var adapterFraction: Double = FineTuningAssumptions().adapterFraction
  @Option(name: .customLong("hosted-price"), parsing: .unconditional, help: "Dollars per 1M tokens of a hosted model (illustrative default).")
  var hostedPrice: Double = PlanAssumptions().hostedPricePerMillionTokens
  @Option(name: .customLong("embedding-price"), parsing: .unconditional, help: "Dollars per 1M tokens to embed documents for retrieval.")
  var embeddingPrice: Double = PlanAssumptions().embeddingPricePerMillionTokens
  @Option(name: .customLong("serving-mfu"), parsing: .unconditional, help: "Fraction of peak FLOP/s reached when serving a self-hosted model.")
  var servingMFU: Double = PlanAssumptions().servingUtilization
  @Option(parsing: .unconditional, help: "GPUs for each training option (default: the fewest that hold it in memory).") var gpus: Int?
  @OptionGroup var shape: CostShapeOptions
  @OptionGroup var hardware: CostHardwareOptions
  @OptionGroup var bill: CostBillOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.validateQuantity(params, "--params", maximum: CostArguments.maximumParameters)
    try CostArguments.validateQuantity(domainTokens, "--domain-tokens", maximum: CostArguments.maximumTokens)
    if let pretrainTokens {
      try CostArguments.validateQuantity(pretrainTokens, "--pretrain-tokens", maximum: CostArguments.maximumTokens)
    }
    try CostArguments.checkFraction(adapterFraction, "--adapter-fraction", example: "0.005 for 0.5%")
    try CostArguments.checkFraction(servingMFU, "--serving-mfu", example: "0.2")
    try CostArguments.checkPrice(hostedPrice, "--hosted-price")
    try CostArguments.checkPrice(embeddingPrice, "--embedding-price")
    if let gpus { try CostArguments.check(gpus, "--gpus", in: 1...100_000_000) }
  }

  func report() throws -> CostReport {
    let parameters = try CostArguments.quantity(params, "--params", maximum: CostArguments.maximumParameters)
    var fineTuning = FineTuningAssumptions()
    fineTuning.adapterFraction = adapterFraction
    var assumptions = PlanAssumptions()
    assumptions.pretrainTokens = try pretrainTokens.map {
      try CostArguments.quantity($0, "--pretrain-tokens", maximum: CostArguments.maximumTokens)
    }
    assumptions.hostedPricePerMillionTokens = hostedPrice
    assumptions.embeddingPricePerMillionTokens = embeddingPrice
    assumptions.servingUtilization = servingMFU
    let setting = try hardware.setting()
    let rows = DeploymentPlan.compare(
      parameters: parameters,
      domainTokens: try CostArguments.quantity(domainTokens, "--domain-tokens", maximum: CostArguments.maximumTokens),
      shape: shape.shape(parameters: parameters), microBatchSequences: shape.microBatch, hardware: setting, gpus: gpus,
      fineTuning: fineTuning, assumptions: assumptions)
    return DeploymentPlan.report(
      parameters: parameters, rows: rows, hardware: setting, pretrainTokensGiven: pretrainTokens != nil, bill: bill.assumptions)
  }
}
