import Foundation
import Testing
@testable import Plotting

@Suite struct HistogramTests {
  @Test func countsFallIntoEqualBins() {
    let histogram = Histogram(values: [0, 0.1, 0.2, 0.5, 0.9, 1.0, .nan, .infinity], bins: 2)
    let (edges, heights) = histogram.binned()
    #expect(edges == [0, 0.5, 1])
    #expect(heights == [3, 3])  // the maximum falls into the last bin
  }

  @Test func densityIntegratesToOne() {
    let values = (0..<1000).map { Double($0 % 37) / 3 }
    let (edges, heights) = Histogram(values: values, bins: 10, density: true).binned()
    let integral = zip(heights, zip(edges, edges.dropFirst())).map { $0 * ($1.1 - $1.0) }.reduce(0, +)
    #expect(abs(integral - 1) < 1e-12)
  }

  @Test func automaticBinCountFollowsSturgesAtLeast() {
    let values = (0..<1000).map { Double($0) }
    let (edges, _) = Histogram(values: values).binned()
    #expect(edges.count - 1 >= 11)  // Sturges: ⌈log2 1000⌉ + 1 = 11
  }

  @Test func constantValuesStillGetABin() {
    let (edges, heights) = Histogram(values: [2, 2, 2]).binned()
    #expect(edges.first! < 2 && edges.last! > 2)
    #expect(heights.reduce(0, +) == 3)
  }
}

@Suite struct HistogramExtremeTests {
  @Test func hugeSpanDoesNotOverflow() {
    let (edges, heights) = Histogram(values: [-1e308, 0, 1e308, 5e307]).binned()
    #expect(edges.allSatisfy { $0.isFinite })
    #expect(heights.reduce(0, +) == 4)
    let (_, outlier) = Histogram(values: [0, 0.1, 0.2, 0.3, 1e300]).binned()
    #expect(outlier.reduce(0, +) == 5)
  }
}
