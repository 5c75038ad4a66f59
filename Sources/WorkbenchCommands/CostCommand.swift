import ArgumentParser
import TrainingCost

/// `workbench cost`: estimate the compute, time, money, energy and memory of training a model.
struct Cost: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Estimate the compute, time, money, energy and memory to train or fine-tune a model.",
    discussion: """
      Numbers accept suffixes: 7B, 2.5T, 50M, 12k, 1.5e12, 175_000_000_000. Defaults: --gpu h100-sxm, \
      --mfu 0.4, the catalogue's on-demand price, PUE 1.2. Add --explain to see the formula or \
      assumption behind every figure, --json or --csv for machines.
      """,
    subcommands: [
      CostTrain.self, CostOptimal.self, CostFinetune.self, CostPlan.self, CostPresets.self, CostRealityCheck.self,
      CostGPUs.self, CostMemory.self, CostLayout.self, CostKnowledge.self,
    ]
  )
}

/// A `workbench cost` subcommand: builds a report, then prints it in the chosen format.
protocol CostReporting: ParsableCommand {
  var output: CostOutputOptions { get }
  /// The tables this command prints.
  func report() throws -> CostReport
  /// What `run()` prints (the report in the chosen format, unless the command prints something else).
  func renderedOutput() throws -> String
}

extension CostReporting {
  /// What `run()` prints, as a string (tests compare it exactly).
  func renderedOutput() throws -> String {
    try report().rendered(output.format, explain: output.explain)
  }

  func run() throws {
    print(try renderedOutput())
  }
}
