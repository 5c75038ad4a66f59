import Foundation
import Autograd

/// Points (x, y) on the curve y = sin(2x) + 0.3·x plus Gaussian noise ε ~ N(0, σ²), with x drawn
/// uniformly from `domain`: a regression task whose best possible mean squared error, the noise
/// floor, is known in advance (σ²).
struct NoisyCurve: Sendable {
  /// The noiseless curve the data come from: sin(2x) + 0.3·x.
  static func truth(_ x: Double) -> Double { sin(2 * x) + 0.3 * x }

  /// Inputs, one per point.
  let xs: [Double]
  /// Noisy targets, one per point.
  let ys: [Double]
  /// The standard deviation σ of the noise added to every target.
  let noise: Double

  /// `count` points with x uniform in `domain` and noise of standard deviation `noise`.
  init(count: Int, noise: Double, domain: ClosedRange<Double> = -3...3, using generator: inout SplitMix64) {
    var xs: [Double] = []
    var ys: [Double] = []
    for _ in 0..<count {
      let x = domain.lowerBound + (domain.upperBound - domain.lowerBound) * generator.nextUnit()
      xs.append(x)
      ys.append(NoisyCurve.truth(x) + noise * generator.nextNormal())
    }
    (self.xs, self.ys, self.noise) = (xs, ys, noise)
  }

  /// Number of points.
  var count: Int { xs.count }

  /// The inputs as a `[count, 1]` tensor.
  func inputs<Scalar: TensorScalar>(_: Scalar.Type = Float.self) -> Tensor<Scalar> {
    Tensor(shape: [count, 1], scalars: xs.map { Scalar($0) })
  }

  /// The targets as a `[count, 1]` tensor.
  func targets<Scalar: TensorScalar>(_: Scalar.Type = Float.self) -> Tensor<Scalar> {
    Tensor(shape: [count, 1], scalars: ys.map { Scalar($0) })
  }

  /// The mean squared error of the noiseless curve itself on these points: the mean of ε², the
  /// lowest error a perfect model of the curve would score here (close to σ²).
  var sampleNoiseFloor: Double {
    zip(xs, ys).map { x, y in (y - NoisyCurve.truth(x)) * (y - NoisyCurve.truth(x)) }.reduce(0, +) / Double(max(count, 1))
  }
}
