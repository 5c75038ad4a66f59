import Autograd
import NeuralNet
import Training
import Testing

@Suite struct MoonsBenchmarkTests {
  @Test func moonsLieOnTheirHalfCirclesWithBalancedLabels() {
    var generator = SplitMix64(seed: 3)
    let data = MoonsBenchmark.moons(count: 200, noise: 0, using: &generator)
    #expect(data.labels.filter { $0 > 0 }.count == 100)
    for i in 0..<200 {
      let (x, y) = (Double(data.points[2 * i]), Double(data.points[2 * i + 1]))
      // Upper moon: unit circle around (0, 0), y ≥ 0; lower moon: unit circle around (1, 0.5), y ≤ 0.5.
      let (cx, cy) = data.labels[i] > 0 ? (0.0, 0.0) : (1.0, 0.5)
      #expect(abs(((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot() - 1) < 1e-5)
      #expect(data.labels[i] > 0 ? y >= -1e-6 : y <= 0.5 + 1e-6)
    }
  }

  @Test func theBenchmarkMLPSeparatesTheMoons() throws {
    let result = try MoonsBenchmark.run(points: 100, steps: 100)
    #expect(result.accuracy >= 0.95)
    #expect(result.final_loss < 0.1)
    #expect(try MoonsBenchmark.run(points: 100, steps: 100).final_loss == result.final_loss)  // same seed, same run
  }
}
