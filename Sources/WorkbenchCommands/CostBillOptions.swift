import ArgumentParser
import TrainingCost

/// The assumptions of the whole bill, shared by `cost train` and `cost plan`.
struct CostBillOptions: ParsableArguments {
  @Option(name: .customLong("effective-time"), parsing: .unconditional, help: "Fraction of reserved time that trains (Llama 3: over 0.9).")
  var effectiveTime: Double = ProjectAssumptions().effectiveTrainingFraction
  @Option(parsing: .unconditional, help: "Compute of experiments before the final run, as a fraction of it (Llama 3.1 family: 0.27).")
  var experiments: Double = ProjectAssumptions().experimentFraction
  @Option(name: .customLong("data-price"), parsing: .unconditional, help: "Dollars per 1M training tokens of data (default 0).")
  var dataPrice: Double = 0
  @Option(parsing: .unconditional, help: "People on the project (default 0).") var team: Double = 0
  @Option(parsing: .unconditional, help: "Months the team works (default 0).") var months: Double = 0
  @Option(name: .customLong("person-month-cost"), parsing: .unconditional, help: "Dollars per person-month, fully loaded (default 0).")
  var personMonthCost: Double = 0

  func validate() throws {
    try CostArguments.checkFraction(effectiveTime, "--effective-time", example: "0.9")
    guard experiments.isFinite, experiments >= 0, experiments <= 1000 else {
      throw ValidationError("--experiments must be between 0 and 1000 (a fraction of the final run, e.g. 0.27), got '\(CostArguments.echo(experiments))'.")
    }
    try CostArguments.checkPrice(dataPrice, "--data-price")
    try CostArguments.checkPrice(personMonthCost, "--person-month-cost")
    for (option, value) in [("--team", team), ("--months", months)] {
      guard value.isFinite, value >= 0, value <= 1e6 else {
        throw ValidationError("\(option) must be between 0 and 1000000, got '\(CostArguments.echo(value))'.")
      }
    }
  }

  var assumptions: ProjectAssumptions {
    var a = ProjectAssumptions()
    a.effectiveTrainingFraction = effectiveTime
    a.experimentFraction = experiments
    a.dataDollarsPerMillionTokens = dataPrice
    a.teamSize = team
    a.months = months
    a.dollarsPerPersonMonth = personMonthCost
    return a
  }
}
