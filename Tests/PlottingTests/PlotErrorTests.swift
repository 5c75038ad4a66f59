import Foundation
import Testing
@testable import Plotting

@Suite struct PlotErrorTests {
  func line() -> Chart {
    var chart = Chart()
    chart.add(LineSeries(y: [1, 2, 3]))
    return chart
  }

  @Test(arguments: [(0, 800), (1200, 0), (-5, 10), (20000, 100)])
  func sizeOutsideTheLimitsIsRejected(width: Int, height: Int) {
    #expect(throws: PlotError.invalidSize(width: width, height: height)) {
      try line().render(width: width, height: height, scale: 2)
    }
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteLimitsAreRejected(bad: Double) {
    var chart = line()
    chart.xLimits = AxisLimits(0, bad)
    #expect {
      try chart.render(width: 100, height: 100, scale: 1)
    } throws: { error in
      guard case PlotError.nonFiniteAxisLimits(let axis, _, _) = error else { return false }
      return axis == "x"
    }
    var other = line()
    other.yLimits = AxisLimits(bad, 1)
    #expect(throws: PlotError.self) { try other.render(width: 100, height: 100, scale: 1) }
  }

  @Test func reversedOrNonPositiveLogLimitsAreRejected() {
    var reversed = line()
    reversed.yLimits = AxisLimits(5, 1)
    #expect(throws: PlotError.self) { try reversed.render(width: 100, height: 100, scale: 1) }
    var log = line()
    log.yScale = .log10
    log.yLimits = AxisLimits(0, 10)
    #expect {
      try log.render(width: 100, height: 100, scale: 1)
    } throws: { error in
      (error as? PlotError)?.description.contains("above zero") == true
    }
  }

  @Test func mismatchedSeriesLengthsAreRejected() {
    var chart = Chart()
    chart.add(LineSeries(x: [1, 2, 3], y: [1, 2], label: "loss"))
    #expect(throws: PlotError.mismatchedLengths(series: "loss", reason: "x has 3 values but y has 2")) {
      try chart.render(width: 100, height: 100, scale: 1)
    }
    var bars = BarChart(categories: ["a", "b"])
    bars.add(BarSeries(values: [1]))
    #expect(throws: PlotError.self) { try bars.render(width: 100, height: 100, scale: 1) }
    var heat = Chart()
    heat.add(Heatmap(values: [[1, 2], [3]], xRange: AxisLimits(0, 1), yRange: AxisLimits(0, 1)))
    #expect(throws: PlotError.self) { try heat.render(width: 100, height: 100, scale: 1) }
  }

  @Test func badFontPathIsAMissingFont() {
    #expect(throws: PlotError.fontMissing(path: "/no/such/font.ttf")) {
      try FontFiles.resolve(environment: ["WORKBENCH_FONT": "/no/such/font.ttf"])
    }
    let error = PlotError.fontMissing(path: "/no/such/font.ttf")
    #expect(error.description.contains("apt-get install fonts-dejavu-core"))
    #expect(error.description.contains("WORKBENCH_FONT"))
  }

  @Test func fileThatIsNotAFontIsUnreadable() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fake = folder.appendingPathComponent("fake.ttf")
    try Data("definitely not a font".utf8).write(to: fake)
    #expect {
      try Typesetter(fonts: FontFiles(regular: fake.path))
    } throws: { error in
      if case PlotError.fontUnreadable(let path, _) = error { return path == fake.path }
      return false
    }
  }

  @Test func defaultFontsResolveToDejaVu() throws {
    let fonts = try FontFiles.resolve(environment: [:])
    #expect(fonts.regular.hasSuffix("DejaVuSans.ttf"))
    #expect(fonts.bold.hasSuffix("DejaVuSans-Bold.ttf"))
  }

  @Test func everyDescriptionIsOneSentence() {
    let errors: [PlotError] = [
      .invalidSize(width: 0, height: 0), .nonFiniteAxisLimits(axis: "x", lower: .nan, upper: 1),
      .invalidAxisLimits(axis: "y", lower: 2, upper: 1, reason: "the lower limit must be below the upper limit"),
      .mismatchedLengths(series: "s", reason: "x has 1 values but y has 2"), .invalidData(reason: "bad"),
      .fontMissing(path: "/f"), .fontUnreadable(path: "/f", code: 2), .outputNotWritable(path: "/o", reason: "r"),
      .encodingFailed(reason: "r"), .inputMissing(path: "/i"), .unreadableImage(path: "/i", reason: "r"),
    ]
    for error in errors {
      #expect(error.description.hasSuffix("."))
      #expect(!error.description.contains("\n"))
    }
  }
}
