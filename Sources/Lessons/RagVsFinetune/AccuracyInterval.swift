import Foundation

/// An accuracy measured on `total` questions, with its 95% Wilson score interval
/// (Wilson 1927; Agresti & Coull 1998): for p̂ = k/n and z = 1.96,
/// centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n).
struct AccuracyInterval: Sendable, Equatable {
  /// Right answers.
  let correct: Int
  /// Questions asked.
  let total: Int

  /// k / n (0 when no question was asked).
  var value: Double { total == 0 ? 0 : Double(correct) / Double(total) }

  /// The 95% interval, within 0…1.
  var interval: (lower: Double, upper: Double) {
    guard total > 0 else { return (0, 1) }
    let z = 1.959963984540054, n = Double(total), p = value
    let denominator = 1 + z * z / n
    let centre = (p + z * z / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
    return (max(0, centre - half), min(1, centre + half))
  }

  /// "0.93 [0.87, 0.96] (112/120)".
  var text: String {
    let (lower, upper) = interval
    return String(format: "%.2f [%.2f, %.2f] (%d/%d)", value, lower, upper, correct, total)
  }
}
