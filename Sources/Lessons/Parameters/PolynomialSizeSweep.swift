import Autograd
import Foundation

/// Under- and over-fitting: polynomial models y = Σₖ cₖ·Pₖ(x/3) (Legendre polynomials Pₖ, degree
/// 0…d, so d + 1 parameters) fitted to the same few noisy points of the training-loop curve, each to
/// the exact minimum of its training MSE (least squares), with validation MSE on fresh points.
struct PolynomialSizeSweep: Sendable {
  /// One fitted size.
  struct Point: Sendable {
    let degree: Int
    /// d + 1 coefficients.
    var parameterCount: Int { degree + 1 }
    let trainMSE: Double
    let validationMSE: Double
    /// The model's curve on the sweep's grid.
    let curve: [Double]
  }

  let train: NoisyCurve
  let validation: NoisyCurve
  /// Inputs at which the fitted curves are drawn.
  let grid: [Double]
  var points: [Point] = []

  /// Fits every degree in `degrees` to `trainCount` points and scores it on `validationCount` more.
  static func run(
    degrees: ClosedRange<Int>, trainCount: Int, validationCount: Int, noise: Double, using generator: inout SplitMix64
  ) -> PolynomialSizeSweep {
    let train = NoisyCurve(count: trainCount, noise: noise, using: &generator)
    let validation = NoisyCurve(count: validationCount, noise: noise, using: &generator)
    var sweep = PolynomialSizeSweep(train: train, validation: validation, grid: (0...240).map { -3 + 6 * Double($0) / 240 })
    for degree in degrees {
      let design = train.xs.map { legendre($0 / 3, degree: degree) }
      let coefficients = leastSquares(design, train.ys)
      func predict(_ x: Double) -> Double { zip(legendre(x / 3, degree: degree), coefficients).map(*).reduce(0, +) }
      func mse(_ data: NoisyCurve) -> Double {
        zip(data.xs, data.ys).map { x, y in (predict(x) - y) * (predict(x) - y) }.reduce(0, +) / Double(data.count)
      }
      sweep.points.append(Point(
        degree: degree, trainMSE: mse(train), validationMSE: mse(validation), curve: sweep.grid.map(predict)))
    }
    return sweep
  }

  /// The size with the lowest validation loss.
  var best: Point? { points.min { $0.validationMSE < $1.validationMSE } }

  /// P₀(t) … P_degree(t) by Bonnet's recurrence (k + 1)·Pₖ₊₁ = (2k + 1)·t·Pₖ − k·Pₖ₋₁.
  static func legendre(_ t: Double, degree: Int) -> [Double] {
    var values = [1.0]
    if degree >= 1 { values.append(t) }
    if degree >= 2 {
      for k in 1..<degree {
        let next = (Double(2 * k + 1) * t * values[k] - Double(k) * values[k - 1]) / Double(k + 1)
        values.append(next)
      }
    }
    return values
  }

  /// The c minimising ‖A·c − y‖² for A with m ≥ n rows and full column rank (Householder QR,
  /// then back substitution).
  static func leastSquares(_ a: [[Double]], _ y: [Double]) -> [Double] {
    let m = a.count
    let n = a.first?.count ?? 0
    precondition(m >= n && y.count == m, "least squares needs at least as many rows as columns")
    var r = a
    var b = y
    for k in 0..<n {
      let norm = (k..<m).map { r[$0][k] * r[$0][k] }.reduce(0, +).squareRoot()
      guard norm > 0 else { continue }
      let alpha = r[k][k] > 0 ? -norm : norm
      var v = (k..<m).map { r[$0][k] }
      v[0] -= alpha
      let vNorm = v.map { $0 * $0 }.reduce(0, +)
      guard vNorm > 0 else { continue }
      // H = I − 2vvᵀ/(vᵀv) applied to the remaining columns and to b.
      for j in k..<n {
        let dot = (k..<m).map { v[$0 - k] * r[$0][j] }.reduce(0, +) * 2 / vNorm
        for i in k..<m { r[i][j] -= dot * v[i - k] }
      }
      let dot = (k..<m).map { v[$0 - k] * b[$0] }.reduce(0, +) * 2 / vNorm
      for i in k..<m { b[i] -= dot * v[i - k] }
    }
    var c = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      let tail = ((i + 1)..<n).map { r[i][$0] * c[$0] }.reduce(0, +)
      c[i] = r[i][i] != 0 ? (b[i] - tail) / r[i][i] : 0
    }
    return c
  }
}
