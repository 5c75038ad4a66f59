/// What the published training runs cost: GPU-hours (published, or estimated from 6·N·D at the run's
/// MFU) × the catalogue's rental price for its accelerator, and the whole bill with the default
/// project assumptions. This is where the "$10M–$100M+ for frontier models" figure comes from.
public struct FrontierCost: Sendable, Equatable {
  /// The run.
  public let run: PublishedRun
  /// GPU-hours of the final run.
  public let gpuHours: Double
  /// Whether ``gpuHours`` was published (true) or estimated.
  public let hoursPublished: Bool
  /// Dollars per GPU-hour of the run's accelerator in the catalogue.
  public let pricePerHour: Double
  /// The project's bill.
  public let bill: ProjectBill

  /// Every preset priced on `catalogue`; `defaultMFU` is used where a run has no published MFU or hours.
  public static func all(
    catalogue: AcceleratorCatalogue = .builtIn, defaultMFU: Double = Budget.defaultMFU,
    assumptions: ProjectAssumptions = ProjectAssumptions()
  ) throws(CostError) -> [FrontierCost] {
    var result: [FrontierCost] = []
    for run in PublishedRun.all {
      let accelerator = try catalogue.accelerator(named: run.acceleratorID)
      let hours = run.publishedGPUHours
        ?? Budget.gpuHours(flops: run.estimatedFLOPs, peakFLOPS: accelerator.peakFLOPS, utilization: run.publishedMFU ?? defaultMFU)
      let dollars = hours * accelerator.pricePerHour
      result.append(
        FrontierCost(
          run: run, gpuHours: hours, hoursPublished: run.publishedGPUHours != nil, pricePerHour: accelerator.pricePerHour,
          bill: ProjectBill(finalRunDollars: dollars, finalRunGPUHours: hours, tokens: run.tokens, assumptions: assumptions)))
    }
    return result
  }

  /// The table of ``all(catalogue:defaultMFU:assumptions:)``.
  public static func report(_ costs: [FrontierCost]) -> CostReport {
    var table = CostTable(
      key: "frontier_cost",
      columns: [
        .left("preset", "preset"), .right("gpu_hours", "GPU-hours"), .left("hours_published", "hours"),
        .right("price_per_hour", "$/GPU-hour"), .right("final_run_usd", "final run"),
        .right("project_total_usd", "whole bill"), .left("source", "source"),
      ])
    for cost in costs {
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(cost.run.id), .custom(cost.gpuHours, HumanNumber.abbreviated(cost.gpuHours)),
            .flag(cost.hoursPublished, yes: "published", no: "estimated"), .number(cost.pricePerHour, .dollarsPerHour),
            .number(cost.bill.finalRunDollars, .dollars), .number(cost.bill.totalDollars, .dollars), .text(cost.run.source),
          ],
          explanation: cost.hoursPublished ? "published GPU-hours × catalogue price"
            : "6·N·D / (peak × MFU \(HumanNumber.compact((cost.run.publishedMFU ?? Budget.defaultMFU) * 100))%) / 3600 × catalogue price"))
    }
    table.notes = [
      "Whole bill = final run × (1/0.9 effective training time + 0.27 experiments, the Llama 3.1 family's ratio); data and people are 0 here.",
    ]
    return CostReport([table])
  }

  /// Where "$10M–$100M+ for frontier models" comes from: the frontier run of 2020 (GPT-3) and of 2024
  /// (Llama 3.1 405B) priced from the presets, with the cheapest run of the table for contrast.
  public static func summary(_ costs: [FrontierCost]) -> String {
    guard let gpt3 = costs.first(where: { $0.run.id == "gpt-3" }), let llama = costs.first(where: { $0.run.id == "llama-3.1-405b" }),
      let cheapest = costs.min(by: { $0.bill.finalRunDollars < $1.bill.finalRunDollars })
    else { return "" }
    let money = { (value: Double) in "$" + HumanNumber.abbreviated(value) }
    return "Priced from the presets, GPT-3, the frontier of 2020, comes to \(money(gpt3.bill.finalRunDollars)) "
      + "(\(HumanNumber.abbreviated(gpt3.gpuHours)) V100-hours estimated at its 21.3% MFU, × $\(HumanNumber.fixed(gpt3.pricePerHour, decimals: 2))), "
      + "and Llama 3.1 405B, a frontier run of 2024, to \(money(llama.bill.finalRunDollars)) for its published "
      + "\(HumanNumber.abbreviated(llama.gpuHours)) H100-hours, \(money(llama.bill.totalDollars)) with restarts and experiments: "
      + "the $10M–$100M+ of frontier models. What drives it is GPU-hours (6·N·D over the MFU reached) times the price per GPU-hour; "
      + "smaller or more efficient runs cost less (\(cheapest.run.name): \(money(cheapest.bill.finalRunDollars)))."
  }
}
