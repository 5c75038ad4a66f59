import ArgumentParser
import Foundation
import Lessons
import TrainingCost

/// `workbench cost reality-check`: the cost model's estimate for each published run next to what was published.
struct CostRealityCheck: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "reality-check",
    abstract: "Estimate each published run from its parameters, tokens and hardware, next to the published figure.")

  @Option(name: .customLong("default-mfu"), parsing: .unconditional, help: "MFU assumed where none was published.")
  var defaultMFU: Double = Budget.defaultMFU
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
    if let plot {
      let rows = try RealityCheck.rows(catalogue: catalogueOptions.catalogue(), defaultMFU: defaultMFU)
      try CostCharts.saveRealityCheck(rows, to: URL(fileURLWithPath: plot), command: reproduceCommand)
    }
    print(text)
    if let plot, output.format == .text { print("\nWrote \(plot).") }
  }

  /// The command line that redraws the chart (the PNG's `Source`).
  var reproduceCommand: String {
    var words = ["workbench", "cost", "reality-check"]
    if defaultMFU != Budget.defaultMFU { words += ["--default-mfu", "\(defaultMFU)"] }
    if let file = catalogueOptions.hardwareFile { words += ["--hardware", file] }
    if let plot { words += ["--plot", plot] }
    return words.joined(separator: " ")
  }

  func report() throws -> CostReport {
    let rows = try RealityCheck.rows(catalogue: catalogueOptions.catalogue(), defaultMFU: defaultMFU)
    var table = CostTable(
      key: "reality_check",
      columns: [
        .init(key: "preset", header: "preset"),
        .init(key: "metric", header: "metric"),
        .init(key: "published", header: "published", alignment: .right),
        .init(key: "estimate", header: "estimate", alignment: .right),
        .init(key: "ratio", header: "estimate/published", alignment: .right),
        .init(key: "mfu", header: "MFU used", alignment: .right),
        .init(key: "implied_mfu", header: "implied MFU", alignment: .right),
        .init(key: "within_2x", header: "within 2x"),
      ])
    for row in rows {
      let number: (Double) -> CostTable.Cell = {
        row.metric == .flops ? .custom($0, HumanNumber.scientific($0)) : .custom($0, HumanNumber.grouped($0))
      }
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(row.run.id), .text(row.metric.rawValue), number(row.published), number(row.estimate),
            .custom(row.ratio, HumanNumber.fixed(row.ratio, decimals: 2)),
            row.utilization.map { .number($0, .fraction) } ?? .empty,
            row.impliedUtilization.map { .number($0, .fraction) } ?? .empty,
            .flag(row.isWithinFactorOfTwo, yes: "yes", no: "no (see --explain)"),
          ],
          explanation: row.basis))
    }
    table.explanationLabelColumns = 2
    table.notes = [
      "Estimates use C = 6·N·D (N active parameters for a mixture of experts) and GPU-hours = C / (dense BF16 peak × MFU) / 3600.",
      "MFU is the run's published figure where one exists, otherwise --default-mfu; implied MFU is what the published GPU-hours imply.",
    ]
    return CostReport([table])
  }
}
