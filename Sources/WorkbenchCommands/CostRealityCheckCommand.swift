import ArgumentParser
import Foundation
import CostReports
import Lessons
import TrainingCost
import WorkbenchFiles

/// `workbench cost reality-check`: the cost model's estimate for each published run next to what was published.
struct CostRealityCheck: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "reality-check",
    abstract: "Estimate each published run from its parameters, tokens and hardware, next to the published figure.")

  @Option(name: .customLong("default-mfu"), parsing: .unconditional, help: "MFU assumed where none was published.")
  var defaultMFU: Double = Budget.defaultMFU
  @Flag(name: .customLong("step-times"), help: "Check the step-time model against measured iteration times (Korthikanti et al. 2022, Table 5; Narayanan et al. 2021).")
  var stepTimes = false
  @OptionGroup var efficiencies: CostStepTimeOptions
  @Option(help: ArgumentHelp("Also draw published against estimated figures as a PNG chart here.", valueName: "file"))
  var plot: String?
  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @OptionGroup var output: CostOutputOptions

  func validate() throws {
    try CostArguments.checkFraction(defaultMFU, "--default-mfu", example: "0.4 for 40%")
    if let plot, !plot.lowercased().hasSuffix(".png") {
      throw ValidationError("--plot writes a PNG; give a file name ending in .png, got '\(plot)'.")
    }
  }

  func run() throws {
    let text = try renderedOutput()
    if let plot, stepTimes {
      let chart = CostCharts.stepTimes(try stepTimeRows(), assumptions: efficiencies.assumptions)
      try chart.save(to: URL(fileURLWithPath: plot), command: reproduceCommand, software: workbenchSoftware)
    } else if let plot {
      let rows = try RealityCheck.rows(catalogue: catalogueOptions.catalogue(), defaultMFU: defaultMFU)
      try CostCharts.saveRealityCheck(rows, to: URL(fileURLWithPath: plot), command: reproduceCommand, software: workbenchSoftware)
    }
    print(text)
    if let plot, output.format == .text { print("\nWrote \(plot).") }
  }

  /// The command line that redraws the chart (the PNG's `Source`).
  var reproduceCommand: String {
    var words = ["workbench", "cost", "reality-check"]
    if defaultMFU != Budget.defaultMFU { words += ["--default-mfu", "\(defaultMFU)"] }
    if stepTimes { words += ["--step-times"] + efficiencies.words }
    if let file = catalogueOptions.hardwareFile { words += ["--hardware", file] }
    if let plot { words += ["--plot", plot] }
    return words.joined(separator: " ")
  }

  /// The step-time check with the chosen efficiencies.
  func stepTimeRows() throws -> [StepTimeCheckRow] {
    try StepTimeCheck.rows(catalogue: catalogueOptions.catalogue(), assumptions: efficiencies.assumptions)
  }

  func report() throws -> CostReport {
    if stepTimes { return StepTimeCheck.report(try stepTimeRows(), assumptions: efficiencies.assumptions) }
    let rows = try RealityCheck.rows(catalogue: catalogueOptions.catalogue(), defaultMFU: defaultMFU)
    return RealityCheck.report(rows)
  }
}
