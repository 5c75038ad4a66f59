import ArgumentParser
import Autograd
import NeuralNet
import Foundation

/// `workbench check`: self-checks of the engine.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check the engine against independent references.",
    subcommands: [CheckGradients.self])
}

/// `workbench check gradients`: every op's backpropagated gradient against finite differences.
struct CheckGradients: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradients",
    abstract: "Compare every op's backpropagated gradient with central finite differences in float64.")

  @Flag(help: "Print one JSON object per op instead of a table.") var json = false
  @Option(help: "Largest relative error accepted.") var tolerance: Double = 1e-6

  func validate() throws {
    guard tolerance.isFinite, tolerance > 0 else { throw ValidationError("--tolerance must be a positive number, got \(tolerance).") }
  }

  func run() throws {
    let reports = try GradientCases.all().map { try $0.run(tolerance: tolerance) }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      for report in reports { print(String(decoding: try encoder.encode(report), as: UTF8.self)) }
    } else {
      let width = max(4, reports.map(\.op.count).max() ?? 0)
      print("op".padding(toLength: width, withPad: " ", startingAt: 0) + "  max rel. error  result")
      for report in reports {
        let error = String(format: "%.2e", report.maxRelativeError)
        print(report.op.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + error.padding(toLength: 13, withPad: " ", startingAt: 0) + "  " + (report.passed ? "pass" : "FAIL"))
      }
      let failures = reports.filter { !$0.passed }
      print("\(reports.count - failures.count) of \(reports.count) ops pass at tolerance \(tolerance).")
      for failure in failures { print(failure.explanation) }
    }
    if reports.contains(where: { !$0.passed }) { throw ExitCode(WorkbenchFailure.checkFailed) }
  }
}

/// The gradient-check cases of every library: the engine's ops and the network layers.
enum GradientCases {
  static func all() -> [GradientCheckCase] {
    GradientCheckCatalog.engineCases() + NeuralNetGradientCases.cases()
  }
}
