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

/// `workbench check gradients`: every op's backpropagated gradient against finite differences, on
/// the fast kernels and on the reference kernels.
struct CheckGradients: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradients",
    abstract: "Compare every op's backpropagated gradient with central finite differences in float64, on the fast and on the reference kernels.")

  @Flag(help: "Print one JSON object per op instead of a table.") var json = false
  @Option(help: "Largest relative error accepted.") var tolerance: Double = 1e-6

  func validate() throws {
    guard tolerance.isFinite, tolerance > 0 else { throw ValidationError("--tolerance must be a positive number, got \(tolerance).") }
  }

  func run() throws {
    let reports = try self.reports()
    print(try rendered(reports), terminator: "")
    if reports.contains(where: { !$0.passed }) { throw ExitCode(WorkbenchFailure.checkFailed) }
  }

  /// Every case checked on the fast kernels and on the reference kernels, in case order
  /// (each case's fast report, then its reference report).
  func reports() throws -> [GradientCheck.Report] {
    try GradientCases.all().flatMap { testCase in
      try KernelImplementation.allCases.map { try testCase.run(tolerance: tolerance, kernels: $0) }
    }
  }

  /// One JSON object per report, or a table with one row per op and a column per kernel implementation.
  func rendered(_ reports: [GradientCheck.Report]) throws -> String {
    var text = ""
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      for report in reports { text += String(decoding: try encoder.encode(report), as: UTF8.self) + "\n" }
      return text
    }
    let implementations = KernelImplementation.allCases
    let ops = reports.map(\.op).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    let width = max(4, ops.map(\.count).max() ?? 0)
    func cell(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
    text += cell("op", width) + implementations.map { "  " + cell("\($0.rawValue) error", 15) }.joined() + "  result\n"
    for op in ops {
      let row = implementations.map { kernels in reports.first { $0.op == op && $0.kernels == kernels } }
      let errors = row.map { "  " + cell($0.map { String(format: "%.2e", $0.maxRelativeError) } ?? "-", 15) }.joined()
      text += cell(op, width) + errors + "  " + (row.allSatisfy { $0?.passed ?? false } ? "pass" : "FAIL") + "\n"
    }
    let failures = reports.filter { !$0.passed }
    text += "\(reports.count - failures.count) of \(reports.count) checks pass (\(ops.count) ops × "
      + implementations.map(\.rawValue).joined(separator: " and ") + " kernels) at tolerance \(tolerance).\n"
    for failure in failures { text += failure.explanation + "\n" }
    return text
  }
}

/// The gradient-check cases of every library: the engine's ops and the network layers.
enum GradientCases {
  static func all() -> [GradientCheckCase] {
    GradientCheckCatalog.engineCases() + NeuralNetGradientCases.cases()
  }
}
