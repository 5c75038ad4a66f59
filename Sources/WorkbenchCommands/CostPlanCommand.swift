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
    var table = CostTable(
      key: "plan",
      columns: [
        .init(key: "option", header: "option"),
        .init(key: "trainable_parameters", header: "trained params", alignment: .right),
        .init(key: "tokens", header: "tokens", alignment: .right),
        .init(key: "training_flops", header: "training FLOPs", alignment: .right),
        .init(key: "memory_gb", header: "memory", alignment: .right),
        .init(key: "gpus", header: "GPUs", alignment: .right),
        .init(key: "gpu_hours", header: "GPU-hours", alignment: .right),
        .init(key: "wall_clock_days", header: "days", alignment: .right),
        .init(key: "up_front_usd", header: "up-front $", alignment: .right),
        .init(key: "usd_per_million_tokens", header: "$ per 1M tokens served", alignment: .right),
      ])
    for row in rows {
      let trains = row.option != .noTraining
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(row.option.rawValue),
            .number(row.trainableParameters, .parameters), .number(row.tokens, .tokens),
            trains ? .custom(row.flops, HumanNumber.scientific(row.flops)) : .custom(0, "0"),
            trains ? .number(row.memoryGB, .gigabytes) : .custom(0, "—"),
            .number(Double(row.gpus), .gpus),
            trains ? .custom(row.gpuHours, HumanNumber.abbreviated(row.gpuHours)) : .custom(0, "0"),
            trains ? .custom(row.wallClockDays, HumanNumber.abbreviated(row.wallClockDays)) : .custom(0, "0"),
            .number(row.upFrontDollars, .dollars), .number(row.dollarsPerMillionTokens, .dollarsPerMillionTokens),
          ],
          explanation: row.basis))
    }
    let accelerator = setting.accelerator
    table.title = "Options for a \(HumanNumber.abbreviated(parameters))-parameter model on \(accelerator.id) "
      + "at \(HumanNumber.compact(setting.utilization * 100))% MFU, $\(HumanNumber.fixed(setting.pricePerHour, decimals: 2))/GPU-hour"
    table.notes = [
      "GPU-hours = FLOPs / (peak \(HumanNumber.scientific(accelerator.peakFLOPS)) FLOP/s × MFU) / 3600; days = GPU-hours / GPUs / 24; up-front $ = GPU-hours × price.",
      "Memory is weights + gradients + optimiser state + activations of one micro-batch (34·s·b·h·L bytes), perfectly sharded over the GPUs.",
      "Fine-tuning assumes a pre-trained base model of the same size is available; pre-training from scratch uses max(2T, 20·N) tokens (Llama 2's budget) unless --pretrain-tokens is given.",
      PretrainingBudget.includes,
      "The hosted-model and embedding prices are illustrative assumptions, not quotes; pass --hosted-price and --embedding-price.",
    ]
    let pretrain = rows[0]
    var budget = CostTable.figures(
      key: "pretraining",
      title: "Pre-training from scratch: final-run compute only (the bill below adds restarts, experiments, data and people)",
      PretrainingBudget.figures(
        parameters: parameters, tokens: pretrain.tokens, tokensGiven: pretrainTokens != nil, hardware: setting))
    budget.notes = [PretrainingBudget.includes]
    let projectBill = ProjectBill(
      finalRunDollars: pretrain.upFrontDollars, finalRunGPUHours: pretrain.gpuHours, tokens: pretrain.tokens,
      assumptions: bill.assumptions)
    return CostReport([table, budget, projectBill.table(title: "The whole bill of pre-training from scratch")])
  }
}
