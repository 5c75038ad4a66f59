import Autograd
import Foundation

/// The two-moons classification set (as scikit-learn's `make_moons`): two interleaved
/// half-circles of radius 1, the upper one centred at (0, 0) (class 0) and the lower one centred
/// at (1, 0.5) (class 1), each point moved by Gaussian noise. No straight line separates them.
struct TwoMoons: Sendable {
  /// First coordinate of each point.
  let xs: [Double]
  /// Second coordinate of each point.
  let ys: [Double]
  /// Class of each point, 0 (upper moon) or 1 (lower moon).
  let classes: [Int]

  /// `count` points (half per moon, evenly spaced along each arc) with noise of standard deviation `noise`.
  init(count: Int, noise: Double, using generator: inout SplitMix64) {
    let upper = (count + 1) / 2
    let lower = count - upper
    var xs: [Double] = []
    var ys: [Double] = []
    var classes: [Int] = []
    for i in 0..<upper {
      let t = Double.pi * Double(i) / Double(max(upper - 1, 1))
      xs.append(cos(t)); ys.append(sin(t)); classes.append(0)
    }
    for i in 0..<lower {
      let t = Double.pi * Double(i) / Double(max(lower - 1, 1))
      xs.append(1 - cos(t)); ys.append(0.5 - sin(t)); classes.append(1)
    }
    for i in xs.indices {
      xs[i] += noise * generator.nextNormal()
      ys[i] += noise * generator.nextNormal()
    }
    (self.xs, self.ys, self.classes) = (xs, ys, classes)
  }

  /// Number of points.
  var count: Int { xs.count }

  /// The points as a `[count, 2]` tensor.
  func inputs<Scalar: TensorScalar>(_: Scalar.Type = Float.self) -> Tensor<Scalar> {
    Tensor(shape: [count, 2], scalars: zip(xs, ys).flatMap { [Scalar($0), Scalar($1)] })
  }

  /// The classes as margin labels −1 (class 0) and +1 (class 1), `[count, 1]`.
  func signedLabels<Scalar: TensorScalar>(_: Scalar.Type = Float.self) -> Tensor<Scalar> {
    Tensor(shape: [count, 1], scalars: classes.map { $0 == 1 ? 1 : -1 })
  }

  /// The fraction of points whose score has the sign of their class (score > 0 means class 1).
  func accuracy(scores: [Double]) -> Double {
    let correct = zip(scores, classes).filter { score, label in (score > 0) == (label == 1) }.count
    return Double(correct) / Double(max(count, 1))
  }
}
