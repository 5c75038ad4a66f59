import Foundation
import Testing
@testable import Plotting

/// Hostile data must render (or throw a typed error), never trap; and what renders is a real figure:
/// the requested size, a white margin, ink for the axes and title, and the same pixels every time.
@Suite struct RobustnessTests {
  static let columns: [[Double]] = [
    [1e308, -1e308, 0],
    [.nan, .infinity, -.infinity],
    [2024, 4048, 6072].map { $0 * Double.leastNonzeroMagnitude },  // subnormals, about 1e-320 to 3e-320
    [5, 5, 5, 5],
    [-3, 0, 3],
    [1, 1 + 1e-13, 1 + 2e-13],
    [],
    [42],
  ]

  /// The properties every rendered figure must have; `minimumInk` dark pixels at least.
  static func expectRealFigure(_ image: RGBAImage, width: Int, height: Int, minimumInk: Int, _ comment: Comment) {
    #expect(image.width == width && image.height == height, comment)
    #expect(image.pixels.count == width * height * 4, comment)
    let probe = ImageProbe(image: image)
    #expect(probe.isWhite(0, 0) && probe.isWhite(width - 1, height - 1), "the margin is not white: \(comment)")
    let ink = probe.count(x: 0..<width, y: 0..<height) { probe.isDark($0, $1) }
    #expect(ink >= minimumInk, "only \(ink) dark pixels: \(comment)")
    #expect(image.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 }, "a pixel is not opaque: \(comment)")
  }

  static func hostileChart(_ index: Int, scale: AxisScale) -> Chart {
    let values = columns[index]
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
    return chart
  }

  @Test(arguments: columns.indices, [AxisScale.linear, .log10])
  func everySeriesKindSurvives(index: Int, scale: AxisScale) throws {
    let chart = Self.hostileChart(index, scale: scale)
    let image = try chart.render(width: 240, height: 160, scale: 0.5)
    // Axes, ticks and the title alone are well over 200 dark pixels at this size.
    Self.expectRealFigure(image, width: 240, height: 160, minimumInk: 200, "column \(index), \(scale)")
    #expect(try chart.render(width: 240, height: 160, scale: 0.5) == image, "two renders differ")

    var bars = BarChart(categories: Self.columns[index].map { "\($0)" }, yScale: scale)
    bars.add(BarSeries(label: "bars", values: Self.columns[index]))
    bars.showsValues = true
    let barImage = try bars.render(width: 240, height: 160, scale: 0.5)
    Self.expectRealFigure(barImage, width: 240, height: 160, minimumInk: 100, "bars of column \(index), \(scale)")
  }

  @Test func heatmapWithNaNsAndConstantValues() throws {
    var chart = Chart()
    chart.add(Heatmap(values: [[.nan, 1], [1, .infinity]], xRange: AxisLimits(0, 1), yRange: AxisLimits(0, 1)))
    chart.add(Heatmap(values: [[3, 3], [3, 3]], xRange: AxisLimits(1, 2), yRange: AxisLimits(0, 1), interpolation: .bilinear))
    let image = try chart.render(width: 240, height: 160, scale: 0.5)
    Self.expectRealFigure(image, width: 240, height: 160, minimumInk: 100, "heatmap")
    // The finite cells are coloured (not left white): some pixels are neither white nor grey.
    let probe = ImageProbe(image: image)
    let coloured = probe.count(x: 0..<240, y: 0..<160) { x, y in
      let p = image.rgba(x: x, y: y)
      return max(p.red, p.green, p.blue) - min(p.red, p.green, p.blue) > 60
    }
    #expect(coloured > 500, "only \(coloured) coloured pixels")
    _ = probe
  }

  @Test func tinyAndOddSizes() throws {
    var chart = Chart(title: "a title far too long for such a small image to hold it")
    chart.add(LineSeries(y: [1, 2, 3], label: "a label"))
    for (w, h) in [(1, 1), (3, 500), (500, 3), (37, 23)] {
      let image = try chart.render(width: w, height: h, scale: 1)
      #expect(image.width == w && image.height == h && image.pixels.count == w * h * 4)
    }
    var grid = PanelGrid(columns: 3)
    for _ in 0..<7 { grid.add(chart) }
    let panels = try grid.render(width: 90, height: 60, scale: 1)
    #expect(panels.width == 90 && panels.height == 60)
    #expect(throws: PlotError.self) { try PanelGrid(columns: 0).render(width: 100, height: 100, scale: 1) }
    #expect(throws: PlotError.self) { try chart.render(width: 100, height: 100, scale: .nan) }
  }

  @Test func smallAndOddDiagrams() throws {
    let empty = try Diagram(title: "empty").render(width: 200, height: 100, scale: 1)
    Self.expectRealFigure(empty, width: 200, height: 100, minimumInk: 20, "the title of an empty diagram")
    var single = Diagram()
    single.addNode([])
    let one = try single.render(width: 200, height: 100, scale: 1)
    #expect(one.width == 200 && one.height == 100)
    var labelled = Diagram()
    let a = labelled.addNode("multi\nline\ntext", shape: .box)
    let b = labelled.addNode("+", shape: .circle)
    labelled.connect(a, to: b, label: "×2")
    labelled.connect(a, to: b)  // a parallel edge
    let small = try labelled.render(width: 30, height: 20, scale: 1)
    #expect(small.width == 30 && small.height == 20)
    let size = try labelled.naturalSize(scale: 2)
    #expect(size.width > 0 && size.height > 0)
    // At its natural size the two nodes, their text and the edges are drawn.
    Self.expectRealFigure(try labelled.render(width: size.width, height: size.height, scale: 2), width: size.width, height: size.height, minimumInk: 100, "diagram at its natural size")
  }
}
