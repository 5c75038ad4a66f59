/// What a training project costs beyond the final run's GPU-hours, each line's assumption given and
/// changeable: failures and restarts, experiments before the final run, data, and people.
public struct ProjectAssumptions: Sendable, Equatable {
  /// Fraction of the reserved time that trains (the rest is failures, restarts, checkpoint reloads).
  /// Llama 3 405B: "higher than 90% effective training time" (Dubey et al. 2024, §3.3.4).
  public var effectiveTrainingFraction = 0.9
  /// Compute spent before the final run (smaller models, ablations, failed runs), as a fraction of the
  /// final run. Llama 3.1: 39.3M H100-hours for the 8B, 70B and 405B models together against 30.84M for
  /// the 405B (Llama 3.1 model card), 0.27× more; a research project without a model family spends more.
  public var experimentFraction = (39.3 - 30.84) / 30.84
  /// Dollars per million training tokens bought or licensed (default 0: crawled or owned data; set it).
  public var dataDollarsPerMillionTokens = 0.0
  /// People on the project (default 0: set it).
  public var teamSize = 0.0
  /// Months the team works on it.
  public var months = 0.0
  /// Fully loaded cost of one person-month in dollars.
  public var dollarsPerPersonMonth = 0.0

  public init() {}
}

/// The bill of one training project: the final run, then each overhead as its own labelled line.
public struct ProjectBill: Sendable, Equatable {
  /// The final run's compute cost in dollars (GPU-hours × price).
  public let finalRunDollars: Double
  /// The final run's GPU-hours.
  public let finalRunGPUHours: Double
  /// Training tokens (for the data line).
  public let tokens: Double
  /// The assumptions.
  public let assumptions: ProjectAssumptions

  public init(finalRunDollars: Double, finalRunGPUHours: Double, tokens: Double, assumptions: ProjectAssumptions = ProjectAssumptions()) {
    self.finalRunDollars = finalRunDollars
    self.finalRunGPUHours = finalRunGPUHours
    self.tokens = tokens
    self.assumptions = assumptions
  }

  /// Time lost to failures and restarts: final × (1/effective − 1).
  public var restartDollars: Double { finalRunDollars * (1 / assumptions.effectiveTrainingFraction - 1) }
  /// Experiments before the final run: final × experiment fraction.
  public var experimentDollars: Double { finalRunDollars * assumptions.experimentFraction }
  /// Data: tokens / 10⁶ × price per million tokens.
  public var dataDollars: Double { tokens / 1e6 * assumptions.dataDollarsPerMillionTokens }
  /// People: team × months × cost per person-month.
  public var peopleDollars: Double { assumptions.teamSize * assumptions.months * assumptions.dollarsPerPersonMonth }
  /// Compute of the project: final run, restarts and experiments.
  public var computeDollars: Double { finalRunDollars + restartDollars + experimentDollars }
  /// Everything.
  public var totalDollars: Double { computeDollars + dataDollars + peopleDollars }

  /// The lines of the bill, each with its assumption and source.
  public var figures: [Figure] {
    let a = assumptions
    let money = { (value: Double) in "$" + HumanNumber.abbreviated(value) }
    return [
      Figure("final_run_usd", "final run (compute only)", finalRunDollars, .dollars,
             "\(HumanNumber.abbreviated(finalRunGPUHours)) GPU-hours × price, at the MFU given; nothing else"),
      Figure("restarts_usd", "failures and restarts", restartDollars, .dollars,
             "final × (1/\(HumanNumber.fixed(a.effectiveTrainingFraction, decimals: 2)) − 1): \(HumanNumber.compact(a.effectiveTrainingFraction * 100))% effective training time (Llama 3 reports over 90%, Dubey et al. 2024, §3.3.4); --effective-time"),
      Figure("experiments_usd", "experiments before the final run", experimentDollars, .dollars,
             "final × \(HumanNumber.fixed(a.experimentFraction, decimals: 2)) (Llama 3.1 family: 39.3M H100-hours cumulative vs 30.84M for the 405B, model card); --experiments"),
      Figure("data_usd", "data", dataDollars, .dollars,
             "\(HumanNumber.abbreviated(tokens)) tokens × \(money(a.dataDollarsPerMillionTokens))/1M tokens (set with --data-price; 0 means owned or crawled data)"),
      Figure("people_usd", "people", peopleDollars, .dollars,
             "\(HumanNumber.compact(a.teamSize)) people × \(HumanNumber.compact(a.months)) months × \(money(a.dollarsPerPersonMonth))/person-month (set with --team, --months, --person-month-cost)"),
      Figure("project_total_usd", "whole bill", totalDollars, .dollars,
             "final run + restarts + experiments + data + people"),
    ]
  }

  /// The bill as a report table keyed `bill`.
  public func table(title: String? = "The whole bill") -> CostTable {
    var table = CostTable.figures(key: "bill", title: title, figures)
    table.notes = ["Energy, storage, networking beyond the GPU rental price, evaluation and serving are not in the bill."]
    return table
  }
}
