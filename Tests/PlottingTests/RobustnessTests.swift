import Foundation
import Testing
@testable import Plotting

/// Hostile data must render (or throw a typed error), never trap.
@Suite struct RobustnessTests {
  static let columns: [[Double]] = [
    [1e308, -1e308, 0],
    [.nan, .infinity, -.infinity],
    [1e-320, 2e-320, 3e-320],
    [5, 5, 5, 5],
    [-3, 0, 3],
    [1, 1 + 1e-13, 1 + 2e-13],
    [],
    [42],
  ]

  @Test(arguments: columns.indices, [AxisScale.linear, .log10])
  func everySeriesKindSurvives(index: Int, scale: AxisScale) throws {
    let values = Self.columns[index]
    let xs = values.indices.map(Double.init)
    var chart = Chart(title: "hostile \(index)", xLabel: "x", yLabel: "y", yScale: scale)
    chart.add(LineSeries(x: xs, y: values, label: "line", marker: .diamond))
    chart.add(LineSeries(x: values, y: xs, label: "dashed", dash: .dashDot))
    chart.add(ScatterSeries(x: xs, y: values, label: "points", marker: .triangle))
    chart.add(BandSeries(x: xs, lower: values, upper: values.map { $0 * 2 }, label: "band"))
    chart.add(Histogram(values: values, label: "histogram"))
    chart.annotate("here", at: Point(xs.first ?? 0, values.first ?? 0))
    chart.addVerticalLine(at: values.first ?? .nan, label: "v")
    chart.addHorizontalLine(at: values.last ?? .nan, label: "h")
    let image = try chart.render(width: 240, height: 160, scale: 0.5)
    #expect(image.width == 240)

    var bars = BarChart(categories: values.map { "\($0)" }, yScale: scale)
    bars.add(BarSeries(label: "bars", values: values))
    bars.showsValues = true
    _ = try bars.render(width: 240, height: 160, scale: 0.5)
  }

  @Test func heatmapWithNaNsAndConstantValues() throws {
    var chart = Chart()
    chart.add(Heatmap(values: [[.nan, 1], [1, .infinity]], xRange: AxisLimits(0, 1), yRange: AxisLimits(0, 1)))
    chart.add(Heatmap(values: [[3, 3], [3, 3]], xRange: AxisLimits(1, 2), yRange: AxisLimits(0, 1), interpolation: .bilinear))
    _ = try chart.render(width: 240, height: 160, scale: 0.5)
  }

  @Test func tinyAndOddSizes() throws {
    var chart = Chart(title: "a title far too long for such a small image to hold it")
    chart.add(LineSeries(y: [1, 2, 3], label: "a label"))
    for (w, h) in [(1, 1), (3, 500), (500, 3), (37, 23)] {
      let image = try chart.render(width: w, height: h, scale: 1)
      #expect(image.width == w && image.height == h)
    }
    var grid = PanelGrid(columns: 3)
    for _ in 0..<7 { grid.add(chart) }
    _ = try grid.render(width: 90, height: 60, scale: 1)
    #expect(throws: PlotError.self) { try PanelGrid(columns: 0).render(width: 100, height: 100, scale: 1) }
    #expect(throws: PlotError.self) { try chart.render(width: 100, height: 100, scale: .nan) }
  }

  @Test func smallAndOddDiagrams() throws {
    _ = try Diagram(title: "empty").render(width: 200, height: 100, scale: 1)
    var single = Diagram()
    single.addNode([])
    _ = try single.render(width: 200, height: 100, scale: 1)
    var labelled = Diagram()
    let a = labelled.addNode("multi\nline\ntext", shape: .box)
    let b = labelled.addNode("+", shape: .circle)
    labelled.connect(a, to: b, label: "×2")
    labelled.connect(a, to: b)  // a parallel edge
    _ = try labelled.render(width: 30, height: 20, scale: 1)
    let size = try labelled.naturalSize(scale: 2)
    #expect(size.width > 0 && size.height > 0)
  }
}
