import Foundation
import Plotting
import Testing
@testable import CostReports

/// The measured data-parallel step chart: its caption and alt text quote the numbers, the date and
/// the machine they were given, and every series draws its bars.
@Suite struct DataParallelStepChartTests {
  let measurement = DataParallelStepChart.Measurement(
    workload: "gpt2-124m (12 layers)", gradientBytes: 497_759_232, linkBytesPerSecond: 601e6, linkEfficiency: 0.8, date: "2026-12-07",
    machine: "AMD EPYC, avx2 kernels, Linux 6.18",
    bars: [
      .init(ranks: 1, computeSeconds: 6, communicationSeconds: 2, predictedCommunicationSeconds: 0),
      .init(ranks: 2, computeSeconds: 3, communicationSeconds: 2.5, predictedCommunicationSeconds: 0.8),
    ])

  @Test func captionAndAltQuoteTheMeasurement() {
    let chart = DataParallelStepChart.chart(measurement, fileName: "split.png")
    #expect(chart.entry == "data-parallelism" && chart.fileName == "split.png")
    #expect(chart.caption.hasPrefix("One training step of gpt2-124m (12 layers), measured on 2026-12-07 on AMD EPYC, avx2 kernels, Linux 6.18, "))
    #expect(chart.caption.contains(
      "on 1 process 6.00 s computing and 2.00 s exchanging gradients (predicted 0 s); on 2 processes 3.00 s computing and 2.50 s exchanging gradients (predicted 0.80 s)."))
    #expect(chart.caption.contains("2(d − 1)/d × 497.8 MB of float32 gradient over the 601 MB/s measured between the processes at 80% efficiency"))
    #expect(chart.alt == "Grouped bars of seconds per training step for 1 process and 2 processes. 1 process: compute 6.00 s, exchange measured 2.00 s, "
      + "exchange predicted 0 s; 2 processes: compute 3.00 s, exchange measured 2.50 s, exchange predicted 0.80 s.")
  }

  @Test func everySeriesDrawsItsBarsInSecondsOrMilliseconds() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dp-chart-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("split.png")
    try DataParallelStepChart.chart(measurement, fileName: "split.png").save(to: url, command: "mpirun -np 2 workbench bench data-parallel", software: "test")
    let image = try PNGFile.read(from: url)
    #expect(image.width == ParallelismCharts.size.width && image.height == ParallelismCharts.size.height)
    #expect(barPixelCounts(image, colors: 3).allSatisfy { $0 > 100 })
    #expect(DataParallelStepChart.unit(measurement).name == "s")
    var small = measurement
    small.bars = small.bars.map { bar in
      var bar = bar
      bar.computeSeconds /= 100
      bar.communicationSeconds /= 100
      bar.predictedCommunicationSeconds /= 100
      return bar
    }
    #expect(DataParallelStepChart.unit(small).name == "ms" && DataParallelStepChart.unit(small).perSecond == 1000)
    #expect(DataParallelStepChart.seconds(0.0312) == "31.2 ms" && DataParallelStepChart.seconds(12.34) == "12.3 s")
  }
}
