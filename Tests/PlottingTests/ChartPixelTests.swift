import Foundation
import Testing
@testable import Plotting

/// Rendered charts checked pixel by pixel after a round trip through a PNG file.
@Suite struct ChartPixelTests {
  /// Renders, writes and decodes the figure, so that every test also exercises libpng both ways.
  func roundTrip(_ figure: some Figure, width: Int = 600, height: Int = 400, scale: Double = 1) throws -> RGBAImage {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("chart.png")
    let image = try figure.render(width: width, height: height, scale: scale)
    try PNGFile.write(image, to: url, metadata: PNGMetadata(title: "test", software: "workbench test", source: "swift test"))
    return try PNGFile.read(from: url)
  }

  @Test func defaultSizeIs1200By800() throws {
    var chart = Chart(title: "size")
    chart.add(LineSeries(y: [1, 3, 2]))
    let image = try roundTrip(chart, width: 1200, height: 800, scale: 2)
    #expect(image.width == 1200 && image.height == 800)
    #expect(image.pixels.count == 1200 * 800 * 4)
    #expect(ImageProbe(image: image).isWhite(2, 2), "background is white")
  }

  @Test func redDiagonalLineFollowsTheDiagonalOnly() throws {
    var chart = Chart(xLimits: AxisLimits(0, 1), yLimits: AxisLimits(0, 1))
    chart.showsGrid = false
    chart.add(LineSeries(x: [0, 1], y: [0, 1], color: .red, width: 2))
    let image = try roundTrip(chart)
    let probe = ImageProbe(image: image)
    // Start inside the plot, away from the diagonal (upper-left triangle).
    let frame = try requireFrame(probe, from: (image.width * 2 / 5, image.height / 3))
    let width = Double(frame.right - frame.left)
    let height = Double(frame.bottom - frame.top)
    for t in stride(from: 0.05, through: 0.95, by: 0.05) {
      let x = Int((Double(frame.left) + t * width).rounded())
      let y = Int((Double(frame.bottom) - t * height).rounded())
      let nearby = probe.count(x: (x - 1)..<(x + 2), y: (y - 1)..<(y + 2)) { probe.isRed($0, $1) }
      #expect(nearby > 0, "no red near the diagonal at t = \(t)")
      // Off the diagonal (the opposite corner's direction) the plot is white.
      let offY = Int((Double(frame.bottom) - min(1, t + 0.15) * height).rounded())
      if t < 0.8 { #expect(probe.isWhite(x, offY), "pixel above the line at t = \(t) is not white") }
    }
    // Every red pixel lies within 3 px of the diagonal through the plot corners.
    var worst = 0.0
    var reds = 0
    for y in 0..<image.height {
      for x in 0..<image.width where probe.isRed(x, y) {
        reds += 1
        let u = (Double(x) + 0.5 - Double(frame.left)) / width
        let v = (Double(frame.bottom) - Double(y) - 0.5) / height
        worst = max(worst, abs(u - v) * min(width, height) / 2.0.squareRoot())
      }
    }
    #expect(reds > Int(min(width, height)))
    #expect(worst < 3, "a red pixel is \(worst) px from the diagonal")
  }

  @Test func legendTextIsDrawnInsideTheLegendBox() throws {
    func chart(label: String?) -> Chart {
      var chart = Chart(xLimits: AxisLimits(0, 10), yLimits: AxisLimits(0, 10))
      chart.showsGrid = false
      chart.legend = .upperRight
      chart.add(LineSeries(x: [0, 4], y: [0, 2], label: label, color: .red))
      return chart
    }
    let labelled = ImageProbe(image: try roundTrip(chart(label: "training loss")))
    let plain = ImageProbe(image: try roundTrip(chart(label: nil)))
    let frame = try requireFrame(plain)
    // The legend box's light-grey border, searched for in the upper-right quarter of the plot.
    let xs = ((frame.left + frame.right) / 2)..<(frame.right - 1)
    let ys = (frame.top + 2)..<((frame.top + frame.bottom) / 2)
    var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
    for y in ys {
      for x in xs {
        let p = labelled.image.rgba(x: x, y: y)
        if abs(Int(p.red) - 204) <= 12 && p.red == p.green && p.green == p.blue {
          minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        }
      }
    }
    #expect(minX < maxX && minY < maxY, "no legend border found")
    guard minX < maxX && minY < maxY else { return }
    let inside = labelled.count(x: (minX + 2)..<(maxX - 1), y: (minY + 2)..<(maxY - 1)) { labelled.isDark($0, $1) }
    let before = plain.count(x: (minX + 2)..<(maxX - 1), y: (minY + 2)..<(maxY - 1)) { plain.isDark($0, $1) }
    #expect(inside > 30, "only \(inside) dark text pixels in the legend")
    #expect(before == 0, "the unlabelled chart has no legend")
    // The legend's swatch is the series' red.
    let reds = labelled.count(x: (minX + 2)..<(maxX - 1), y: (minY + 2)..<(maxY - 1)) { labelled.isRed($0, $1) }
    #expect(reds > 10)
  }

  /// Centres of the red blobs along row `y` (left to right).
  func redBlobCenters(_ probe: ImageProbe, row y: Int) -> [Double] {
    var centers: [Double] = []
    var start: Int?
    for x in 0..<probe.image.width {
      if probe.isRed(x, y) {
        if start == nil { start = x }
      } else if let s = start {
        centers.append(Double(s + x - 1) / 2)
        start = nil
      }
    }
    return centers
  }

  @Test func logAxisSpacesPowersOfTenEqually() throws {
    var chart = Chart(xScale: .log10, xLimits: AxisLimits(3, 3000), yLimits: AxisLimits(0, 2))
    chart.showsGrid = false
    chart.add(ScatterSeries(x: [10, 100, 1000], y: [1, 1, 1], color: .red, size: 8, opacity: 1))
    let image = try roundTrip(chart)
    let probe = ImageProbe(image: image)
    let frame = try requireFrame(probe, from: (image.width / 2, (image.height / 4)))
    let row = (frame.top + frame.bottom) / 2
    let centers = redBlobCenters(probe, row: row)
    try #require(centers.count == 3, "found \(centers)")
    let gap1 = centers[1] - centers[0]
    let gap2 = centers[2] - centers[1]
    #expect(abs(gap1 - gap2) <= 1.0, "gaps \(gap1) and \(gap2)")
    // And the decade width matches the axis: log10(3000/3) = 3 decades span the plot width.
    let decade = Double(frame.right - frame.left) / 3
    #expect(abs(gap1 - decade) <= 1.5)
  }

  @Test func nanLeavesAGapInTheLine() throws {
    var ys = [Double](repeating: 0.5, count: 101)
    for i in 45...55 { ys[i] = .nan }
    ys[70] = .infinity
    var chart = Chart(xLimits: AxisLimits(0, 100), yLimits: AxisLimits(0, 1))
    chart.showsGrid = false
    chart.add(LineSeries(x: (0...100).map(Double.init), y: ys, color: .red, width: 2))
    let image = try roundTrip(chart)
    let probe = ImageProbe(image: image)
    let frame = try requireFrame(probe, from: (image.width / 2, image.height / 4))
    let row = (frame.top + frame.bottom) / 2
    func column(_ x: Double) -> Int { Int(Double(frame.left) + x / 100 * Double(frame.right - frame.left)) }
    func redNear(_ x: Double) -> Bool {
      probe.count(x: column(x)..<(column(x) + 1), y: (row - 2)..<(row + 3)) { probe.isRed($0, $1) } > 0
    }
    for x in [10.0, 30, 43, 57, 65, 75, 90] { #expect(redNear(x), "line missing at x = \(x)") }
    for x in [46.0, 50, 54, 70] { #expect(!redNear(x), "no gap at x = \(x)") }
  }

  @Test func emptyAndSinglePointSeriesStillRender() throws {
    var empty = Chart(title: "empty")
    empty.add(LineSeries(x: [], y: [], label: "nothing"))
    empty.add(ScatterSeries(x: [], y: []))
    empty.add(BandSeries(x: [], lower: [], upper: []))
    empty.add(Histogram(values: []))
    let image = try roundTrip(empty)
    #expect(image.width == 600)

    var single = Chart(title: "one point")
    single.add(LineSeries(x: [3], y: [3], color: .red))
    let probe = ImageProbe(image: try roundTrip(single))
    let frame = try requireFrame(probe, from: (probe.image.width / 3, probe.image.height / 3))
    // The degenerate range [3, 3] is padded, so the point sits in the middle of the plot.
    let cx = (frame.left + frame.right) / 2
    let cy = (frame.top + frame.bottom) / 2
    #expect(probe.count(x: (cx - 2)..<(cx + 3), y: (cy - 2)..<(cy + 3)) { probe.isRed($0, $1) } > 3)
  }

  /// Values a log axis cannot show are left out, not drawn at a made-up place: nothing red inside
  /// the plot frame; the same chart with one plottable series does draw red there.
  @Test func allNaNAndAllNegativeOnLogStillRender() throws {
    var chart = Chart(yScale: .log10)
    chart.showsGrid = false
    chart.add(LineSeries(y: [.nan, .nan, .infinity], color: .red))
    chart.add(LineSeries(y: [-1, 0, -5], color: .red))
    let probe = ImageProbe(image: try chart.render(width: 300, height: 200, scale: 1))
    let frame = try requireFrame(probe)
    let inside = { (p: ImageProbe) in
      p.count(x: (frame.left + 2)..<(frame.right - 1), y: (frame.top + 2)..<(frame.bottom - 1)) { p.isRed($0, $1) }
    }
    #expect(inside(probe) == 0)
    chart.add(LineSeries(y: [1, 10, 100], color: .red))
    #expect(inside(ImageProbe(image: try chart.render(width: 300, height: 200, scale: 1))) > 50)
  }

  @Test func heatmapCellsTakeViridisColours() throws {
    var chart = Chart(xLimits: AxisLimits(0, 4), yLimits: AxisLimits(0, 4))
    chart.showsGrid = false
    chart.add(Heatmap(values: [[0, 1], [1, 0]], xRange: AxisLimits(2, 4), yRange: AxisLimits(2, 4), showsColorbar: false))
    let image = try roundTrip(chart)
    let probe = ImageProbe(image: image)
    // Start in the white lower-left quarter of the plot, outside the heatmap.
    let frame = try requireFrame(probe, from: (image.width / 3, image.height * 2 / 3))
    let w = Double(frame.right - frame.left)
    let h = Double(frame.bottom - frame.top)
    func pixel(_ x: Double, _ y: Double) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
      image.rgba(x: Int(Double(frame.left) + w * x / 4), y: Int(Double(frame.bottom) - h * y / 4))
    }
    // Row 0 is at the bottom: its left cell is 0 (viridis #440154), its right cell 1 (#FDE725).
    let low = pixel(2.5, 2.5)
    let high = pixel(3.5, 2.5)
    let topLeft = pixel(2.5, 3.5)
    #expect(low.red == 0x44 && low.green == 0x01 && low.blue == 0x54, "\(low)")
    #expect(high.red == 0xFD && high.green == 0xE7 && high.blue == 0x25, "\(high)")
    #expect(topLeft.red == 0xFD && topLeft.green == 0xE7 && topLeft.blue == 0x25, "\(topLeft)")
    #expect(probe.isWhite(Int(Double(frame.left) + w / 4), Int(Double(frame.bottom) - h / 4)))
  }

  @Test func barsRiseFromZeroToTheirValues() throws {
    var chart = BarChart(categories: ["a", "b"], yLimits: AxisLimits(0, 4))
    chart.showsGrid = false
    chart.add(BarSeries(values: [1, 3], color: .red))
    let image = try roundTrip(chart)
    let probe = ImageProbe(image: image)
    let frame = try requireFrame(probe, from: (image.width / 2, image.height / 8))
    let h = Double(frame.bottom - frame.top)
    func barTop(column x: Int) -> Int? {
      (frame.top..<frame.bottom).first { probe.isRed(x, $0) }
    }
    let w = frame.right - frame.left
    let a = try requireValue(barTop(column: frame.left + w / 4), "bar top")
    let b = try requireValue(barTop(column: frame.left + 3 * w / 4), "bar top")
    #expect(abs(Double(frame.bottom - a) - h / 4) <= 2)
    #expect(abs(Double(frame.bottom - b) - 3 * h / 4) <= 2)
  }

  @Test func sameInputGivesByteIdenticalFiles() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = PNGMetadata(title: "loss", software: "workbench 0.1.0", source: "workbench plots gallery")
    let first = folder.appendingPathComponent("a.png")
    let second = folder.appendingPathComponent("b.png")
    try PlotGallery.lossCurves().save(to: first, metadata: metadata, width: 600, height: 400, scale: 1)
    try PlotGallery.lossCurves().save(to: second, metadata: metadata, width: 600, height: 400, scale: 1)
    let a = try Data(contentsOf: first)
    let b = try Data(contentsOf: second)
    #expect(a.count > 1000)
    #expect(a == b)
  }
}
