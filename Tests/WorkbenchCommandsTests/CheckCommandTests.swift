import Autograd
import Foundation
import Testing
@testable import WorkbenchCommands

/// `workbench check gradients` parsed through the real root command.
@Suite struct CheckCommandTests {
  func command(_ arguments: [String] = []) throws -> CheckGradients {
    try #require(try Workbench.parseAsRoot(["check", "gradients"] + arguments) as? CheckGradients)
  }

  @Test func everyOpIsCheckedOnBothKernelImplementationsAndPasses() throws {
    let check = try command()
    let reports = try check.reports()
    let ops = GradientCases.all().map(\.op)
    #expect(reports.count == 2 * ops.count)
    for op in ops {
      let kernels = reports.filter { $0.op == op }.map(\.kernels)
      #expect(kernels == [.fast, .reference], "\(op)")
    }
    for report in reports { #expect(report.passed, "\(report.explanation)") }
    let table = try check.rendered(reports)
    #expect(table.hasPrefix("op"))
    #expect(table.contains("fast error") && table.contains("reference error"))
    #expect(table.contains("\(reports.count) of \(reports.count) checks pass (\(ops.count) ops × fast and reference kernels)"))
  }

  @Test func jsonNamesTheKernelsOfEveryReport() throws {
    let check = try command(["--json"])
    let report = GradientCheck.Report(op: "exp", maxRelativeError: 1e-9, worstInput: 0, analytic: 1, numeric: 1, tolerance: 1e-6, kernels: .reference)
    let line = try check.rendered([report])
    #expect(line.contains("\"kernels\":\"reference\""))
    let decoded = try JSONDecoder().decode(GradientCheck.Report.self, from: Data(line.utf8))
    #expect(decoded == report)
  }
}
