import Foundation
import Plotting
import Testing
import TrainingCost
@testable import CostReports

/// The step-time chart of the cost page: one published and one estimated bar per measured step.
@Suite struct StepTimeChartTests {
  @Test func drawsEveryMeasuredStep() throws {
    let rows = try StepTimeCheck.rows()
    let chart = CostCharts.stepTimes(rows)
    #expect(chart.entry == "activation-recomputation" && chart.fileName == "step-times.png")
    #expect(chart.caption.contains("Median absolute error \(HumanNumber.fixed(StepTimeCheck.medianAbsoluteError(rows) * 100, decimals: 1))%"))
    #expect(chart.alt.contains("175b-full: published 18.13 s"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("step-time-chart-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent(chart.fileName)
    try chart.save(to: url, command: "workbench cost reality-check --step-times --plot step-times.png", software: "workbench test")
    let image = try PNGFile.read(from: url)
    #expect(image.width == CostCharts.realityCheckSize.width && image.height == ParallelismCharts.size.height)
    // Both palette colours (published, estimate) appear as bar fills.
    let counts = barPixelCounts(image)
    #expect(counts[0] > 500 && counts[1] > 500, "bar pixels \(counts)")
  }
}
