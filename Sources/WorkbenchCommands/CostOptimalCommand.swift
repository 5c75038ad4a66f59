import ArgumentParser
import TrainingCost

/// `workbench cost optimal`: the compute-optimal model size and token count for a budget.
struct CostOptimal: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "optimal",
    abstract: "Compute-optimal parameters and tokens for a FLOP or dollar budget (Chinchilla).")

  @Option(name: .customLong("budget-flops"), parsing: .unconditional, help: "Training compute budget in FLOPs, e.g. 1e24.")
  var budgetFLOPs: String?
  @Option(name: .customLong("budget-usd"), parsing: .unconditional, help: "Budget in dollars, e.g. 5e6 or 5M (uses --gpu, --mfu, --price).")
  var budgetUSD: String?
  @Option(help: "Allocation law: chinchilla-rule (20 tokens/parameter), hoffmann or besiroglu.")
  var law: AllocationLaw = .chinchillaRule
  @OptionGroup var hardware: CostHardwareOptions
  @OptionGroup var output: CostOutputOptions

  static let maximumFLOPs = 1e40
  static let maximumDollars = 1e15

  func validate() throws {
    switch (budgetFLOPs, budgetUSD) {
    case (nil, nil), (.some, .some):
      throw ValidationError("give exactly one of --budget-flops and --budget-usd.")
    case (let flops?, nil):
      try CostArguments.validateQuantity(flops, "--budget-flops", maximum: Self.maximumFLOPs)
    case (nil, let dollars?):
      try CostArguments.validateQuantity(dollars, "--budget-usd", maximum: Self.maximumDollars)
    }
  }

  func report() throws -> CostReport {
    let setting = try hardware.setting()
    let accelerator = setting.accelerator
    let flops: Double
    var budget: [Figure] = []
    let mfuText = HumanNumber.compact(setting.utilization * 100) + "%"
    if let text = budgetUSD {
      let dollars = try CostArguments.quantity(text, "--budget-usd", maximum: Self.maximumDollars)
      guard setting.pricePerHour > 0 else {
        throw WorkbenchFailure(
          "--budget-usd needs a price above zero; give --price or a --gpu with a price.", exitCode: WorkbenchFailure.usage)
      }
      flops = Budget.flops(dollars: dollars, pricePerHour: setting.pricePerHour, peakFLOPS: accelerator.peakFLOPS, utilization: setting.utilization)
      budget.append(Figure("budget_usd", "budget", dollars, .dollars, "given"))
      budget.append(Figure("budget_flops", "compute budget C", flops, .flop,
                           "dollars / price × 3600 × peak × MFU = \(HumanNumber.compact(dollars)) / \(HumanNumber.fixed(setting.pricePerHour, decimals: 2)) × 3600 × \(HumanNumber.scientific(accelerator.peakFLOPS)) × \(mfuText)"))
    } else {
      flops = try CostArguments.quantity(budgetFLOPs!, "--budget-flops", maximum: Self.maximumFLOPs)
      budget.append(Figure("budget_flops", "compute budget C", flops, .flop, "given"))
    }
    let run = RunCost(flops: flops, hardware: setting, gpus: 1)
    budget += run.figures.filter { ["peak_flops", "mfu", "gpu_hours", "price_per_hour", "cost_usd", "energy_kwh"].contains($0.key) }
    let budgetTable = CostTable.figures(
      key: "budget", title: "Budget",
      leading: [("accelerator", "accelerator", accelerator.id, "\(accelerator.name); \(accelerator.source)")], budget)

    return CostReport([budgetTable, AllocationLaw.allocationTable(flops: flops, selected: law)])
  }
}
