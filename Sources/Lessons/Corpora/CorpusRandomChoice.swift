/// Uniform choices for the corpus generators, built only on `next()`.
///
/// The standard library's `random(in:using:)` and `randomElement(using:)` do not promise a fixed
/// algorithm across Swift versions, so a seed could yield a different corpus after a toolchain update.
/// These helpers fix the algorithm (Lemire's multiply-high mapping), so a seed and a generator
/// always produce the same text.
extension RandomNumberGenerator {
  /// A uniform index in `0..<count`; `count` must be positive. The bias is below `count / 2^64`.
  mutating func corpusIndex(_ count: Int) -> Int {
    precondition(count > 0, "corpusIndex needs a positive count")
    return Int(UInt64(count).multipliedFullWidth(by: next()).high)
  }

  /// One element of `items`, each equally likely; `items` must not be empty.
  mutating func corpusPick<Element>(_ items: [Element]) -> Element {
    items[corpusIndex(items.count)]
  }

  /// A uniform integer in `range`.
  mutating func corpusInteger(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + corpusIndex(range.count)
  }

  /// `true` with the given probability (a value in 0...1).
  mutating func corpusChance(_ probability: Double) -> Bool {
    Double(next() >> 11) * 0x1p-53 < probability
  }

  /// An index into `weights` chosen with probability proportional to its (non-negative) weight.
  mutating func corpusWeightedIndex(_ weights: [Int]) -> Int {
    let total = weights.reduce(0, +)
    precondition(total > 0, "corpusWeightedIndex needs a positive total weight")
    var ticket = corpusIndex(total)
    for (index, weight) in weights.enumerated() {
      if ticket < weight { return index }
      ticket -= weight
    }
    return weights.count - 1
  }
}
