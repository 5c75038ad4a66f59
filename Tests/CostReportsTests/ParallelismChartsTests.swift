import Foundation
import Plotting
import Testing
import TrainingCost
@testable import CostReports

/// The estimator's charts for the glossary: each renders at its size, twice to the same bytes, and
/// its caption carries the numbers the estimator computed.
@Suite struct ParallelismChartsTests {
  @Test func everyChartRendersDeterministically() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallelism-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let charts = try ParallelismCharts.all()
    #expect(Set(charts.map(\.entry)) == ["zero-sharded-optimizer", "activation-recomputation", "tensor-parallelism", "pipeline-parallelism", "data-parallelism"])
    for chart in charts {
      let first = folder.appendingPathComponent("a-" + chart.fileName)
      let second = folder.appendingPathComponent("b-" + chart.fileName)
      try chart.save(to: first, command: "workbench site", software: "test")
      try chart.save(to: second, command: "workbench site", software: "test")
      #expect(try Data(contentsOf: first) == Data(contentsOf: second))
      let image = try PNGFile.read(from: first)
      #expect(image.width == ParallelismCharts.size.width * 2 || image.width == ParallelismCharts.size.width)
    }
  }

  /// ZeRO chart caption: Llama 2 70B, t = 8, d = 8 — 203 GB replicated without recomputation
  /// (16 × 8.62B states + 65 GB activations), 28.7 GB at ZeRO-3 with selective recomputation.
  @Test func zeroCaptionHasTheEstimatorsNumbers() {
    let chart = ParallelismCharts.zeroStages()
    #expect(chart.caption.contains("203 GB with nothing sharded or recomputed"))
    #expect(chart.caption.contains("29 GB at ZeRO-3 with selective recomputation"))
  }
}
