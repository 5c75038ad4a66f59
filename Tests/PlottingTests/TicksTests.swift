import Foundation
import Testing
@testable import Plotting

@Suite struct TicksTests {
  /// Values equal to within floating-point noise.
  func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
  }

  @Test func unitIntervalGetsTenthsOrFifths() {
    let ticks = Ticks.linear(0...1, maxCount: 8)
    #expect(close(ticks.major, [0, 0.2, 0.4, 0.6, 0.8, 1.0]))
    #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let dense = Ticks.linear(0...1, maxCount: 11)
    #expect(close(dense.major, stride(from: 0.0, through: 1.0, by: 0.1).map { $0 }, tolerance: 1e-12))
  }

  @Test func smallRangeGetsThousandths() {
    let ticks = Ticks.linear(0.0013...0.0087, maxCount: 8)
    #expect(close(ticks.major, [0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008]))
    #expect(ticks.labels == ["0.002", "0.003", "0.004", "0.005", "0.006", "0.007", "0.008"])
  }

  @Test func symmetricRangeIncludesZeroWithMinusSigns() {
    let ticks = Ticks.linear(-5...5, maxCount: 8)
    #expect(close(ticks.major, [-4, -2, 0, 2, 4]))
    #expect(ticks.labels == ["\u{2212}4", "\u{2212}2", "0", "2", "4"])
    let finer = Ticks.linear(-5...5, maxCount: 11)
    #expect(close(finer.major, (-5...5).map(Double.init)))
  }

  @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    for (lo, hi) in [(0.0, 7.3), (-123.0, 4567.0), (1e-7, 3e-7), (0.5, 0.51), (-1e12, 1e12)] {
      let ticks = Ticks.linear(lo...hi, maxCount: 7)
      #expect(ticks.major.count >= 2 && ticks.major.count <= 7, "\(lo)...\(hi): \(ticks.major)")
      let step = ticks.major[1] - ticks.major[0]
      let mantissa = step / pow(10, floor(log10(step)))
      #expect([1.0, 2.0, 5.0, 10.0].contains { abs($0 - mantissa) < 1e-6 }, "step \(step)")
      #expect(ticks.major.allSatisfy { $0 >= lo - 1e-9 * abs(hi - lo) && $0 <= hi + 1e-9 * abs(hi - lo) })
      #expect(Set(ticks.labels).count == ticks.labels.count, "labels must differ: \(ticks.labels)")
    }
  }

  @Test func logTicksOverNineDecades() {
    let ticks = Ticks.logarithmic(1...1e9, maxCount: 10)
    #expect(close(ticks.major, (0...9).map { pow(10, Double($0)) }))
    #expect(ticks.labels.first == "10⁰")
    #expect(ticks.labels.last == "10⁹")
    // Too many decades for 5 labels: every other power of ten, the rest as minor ticks.
    let sparse = Ticks.logarithmic(1...1e9, maxCount: 5)
    #expect(close(sparse.major, [1, 1e2, 1e4, 1e6, 1e8]))
    #expect(close(sparse.minor, [10, 1e3, 1e5, 1e7, 1e9]))
  }

  @Test func logMinorTicksAreTwoToNine() {
    let ticks = Ticks.logarithmic(1...100, maxCount: 8)
    #expect(close(ticks.major, [1, 10, 100]))
    #expect(ticks.labels == ["10⁰", "10¹", "10²"])
    #expect(close(ticks.minor, [2, 3, 4, 5, 6, 7, 8, 9, 20, 30, 40, 50, 60, 70, 80, 90]))
    #expect(Ticks.powerOfTenLabel(-3) == "10⁻³")
  }

  @Test func narrowLogRangeIsLabelledInPlainNumbers() {
    let ticks = Ticks.logarithmic(1.5...8, maxCount: 8)
    #expect(close(ticks.major, [2, 5]))
    #expect(ticks.labels == ["2", "5"])
  }

  @Test func degenerateRangeIsPadded() {
    let ticks = Ticks.linear(3...3, maxCount: 8)
    #expect(ticks.range.lowerBound < 3 && ticks.range.upperBound > 3)
    #expect(ticks.major.contains { abs($0 - 3) < 1e-12 })
    #expect(ticks.major.count >= 3)
    #expect(Ticks.autoRange(dataMin: 3, dataMax: 3, scale: .linear) == 2.7...3.3)
    #expect(Ticks.autoRange(dataMin: 0, dataMax: 0, scale: .linear) == -1...1)
    let log = Ticks.autoRange(dataMin: 100, dataMax: 100, scale: .log10)
    #expect(log.lowerBound < 100 && log.upperBound > 100)
  }

  @Test func autoRangeAddsFivePercentMargins() {
    let range = Ticks.autoRange(dataMin: 0, dataMax: 10, scale: .linear)
    #expect(abs(range.lowerBound + 0.5) < 1e-12 && abs(range.upperBound - 10.5) < 1e-12)
  }

  @Test(arguments: [(0.0, 1e300), (-1e308, 1e308), (1e-300, 3e-300), (1.0, 1.0 + 1e-12), (-2e-7, 9e-7)])
  func extremeRangesStillGetFewFiniteTicks(lo: Double, hi: Double) {
    let ticks = Ticks.linear(lo...hi, maxCount: 8)
    #expect(ticks.major.count >= 2 && ticks.major.count <= 8, "\(ticks.major)")
    #expect(ticks.major.allSatisfy { $0.isFinite })
    #expect(ticks.labels.allSatisfy { !$0.isEmpty && !$0.contains("nan") && !$0.contains("inf") })
  }

  @Test func hugeValuesUseExponentLabels() {
    let ticks = Ticks.linear(0...1e9, maxCount: 6)
    #expect(ticks.labels == ["0", "2e8", "4e8", "6e8", "8e8", "1e9"])
    let tiny = Ticks.linear(0...5e-5, maxCount: 6)
    #expect(tiny.labels.last == "5e\u{2212}5")
  }
}
