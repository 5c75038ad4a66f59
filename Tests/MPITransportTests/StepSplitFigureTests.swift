import Foundation
import Plotting
import Testing

/// `workbench bench data-parallel --figure` on two ranks: the chart of a short run's step split, read
/// back pixel by pixel, and the record beside it.
extension MPITrainingTests {
  /// Bars of one colour standing on a common baseline in `image`: for each run of adjacent pixel
  /// columns that hold `color`, its left column and its height in pixels (the legend's swatch, which
  /// does not reach the baseline, is left out).
  static func bars(of color: Color, in image: RGBAImage, baseline: Int) -> [(x: Int, height: Int)] {
    var found: [(x: Int, height: Int)] = []
    var run: (x: Int, height: Int)?
    for x in 0..<image.width {
      var top = -1
      var y = baseline
      while y >= 0 {
        guard image.color(x: x, y: y) == color else { break }
        top = y
        y -= 1
      }
      if top >= 0 {
        let height = baseline - top + 1
        run = run.map { ($0.x, max($0.height, height)) } ?? (x, height)
      } else if let finished = run {
        found.append(finished)
        run = nil
      }
    }
    if let run { found.append(run) }
    return found
  }

  @Test("bench data-parallel --figure draws a short 2-rank run's step split: bars as high as the seconds it printed, and a record with date and machine")
  func stepSplitFigure() throws {
    let f = try Fixture()
    let png = f.path("figures/step-split.png")
    let outcome = try Self.run(
      Self.mpirun,
      Self.launch(ranks: 2, ["bench", "data-parallel", "--floats", "20000", "--repeats", "1", "--workload", "gpt-tiny", "--steps", "3",
                             "--warmup", "1", "--figure", png]))
    #expect(outcome.status == 0, "\(outcome.output)")
    // The two step lines (1 process, then 2): compute, exchange and predicted exchange seconds.
    let lines = outcome.output.split(separator: "\n").compactMap { line -> [String: Any]? in
      guard line.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        object["compute_s"] != nil
      else { return nil }
      return object
    }
    try #require(lines.count == 2, "\(outcome.output)")
    #expect(lines.map { $0["ranks"] as? Int } == [1, 2])
    let values = lines.map { line in ["compute_s", "communication_s", "predicted_communication_s"].map { line[$0] as? Double ?? -1 } }
    #expect(values.allSatisfy { $0.allSatisfy { $0 >= 0 } })
    #expect(values[0][2] == 0 && values[1][2] > 0, "one process sends nothing; two send 2(d − 1)/d of the gradient")
    #expect(values[1][0] > 0 && values[0][0] > 0)

    let image = try PNGFile.read(from: URL(fileURLWithPath: png))
    #expect(image.width == 1200 && image.height == 800)
    // Not blank: many distinct colours (text, axes, three series).
    var colours = Set<UInt32>()
    for i in stride(from: 0, to: image.pixels.count, by: 4) {
      colours.insert(UInt32(image.pixels[i]) << 16 | UInt32(image.pixels[i + 1]) << 8 | UInt32(image.pixels[i + 2]))
    }
    #expect(colours.count > 50, "\(colours.count) colours")
    // The baseline: the lowest row holding the compute colour (the tallest bars stand on it).
    let baseline = try #require((0..<image.height).reversed().first { y in
      (0..<image.width).contains { x in image.color(x: x, y: y) == Palette.default[0] }
    })
    // Each series' bars (1 process, then 2) against the printed seconds: heights in proportion to the
    // values, to within 2 pixels (edges are anti-aliased).
    // Compute is each group's leftmost bar: a bar left of the second compute bar belongs to 1 process
    // (a bar too thin to hold a pixel of its own colour is not found, and counts as 0 pixels high).
    let computeBars = Self.bars(of: Palette.default[0], in: image, baseline: baseline)
    try #require(computeBars.count == 2, "\(computeBars)")
    let divide = computeBars[1].x
    var measured: [[Int]] = []
    for series in 0..<3 {
      var heights = [0, 0]
      for bar in Self.bars(of: Palette.default[series], in: image, baseline: baseline) {
        heights[bar.x < divide ? 0 : 1] = bar.height
      }
      measured.append(heights)
    }
    // measured[series][category] against values[category][series].
    let all = (0..<2).flatMap { category in (0..<3).map { series in (pixels: measured[series][category], seconds: values[category][series]) } }
    let tallest = try #require(all.max { $0.seconds < $1.seconds })
    #expect(tallest.pixels > 200, "the tallest bar spans most of the plot: \(tallest.pixels) px")
    for bar in all {
      let expected = bar.seconds / tallest.seconds * Double(tallest.pixels)
      #expect(abs(Double(bar.pixels) - expected) <= 2, "a bar of \(bar.seconds) s is \(bar.pixels) px high, expected \(expected): \(all)")
    }
    let record = try FigureRecord.read(besides: URL(fileURLWithPath: png))
    #expect(record.command.hasPrefix("mpirun -np 2 workbench bench data-parallel") && record.command.contains("--figure"))
    #expect(record.measured.count == 10 && record.caption.contains(record.measured) && record.caption.contains(record.machine))
    #expect(record.machine.contains(" kernels, "))
  }
}
