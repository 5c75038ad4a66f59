/// Levenshtein distance: the fewest single-character insertions, deletions and substitutions
/// that turn one string into another. Used to suggest the accelerator id a user meant.
public enum EditDistance {
  /// The Levenshtein distance between `a` and `b`, counted in `Character`s.
  public static func between(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
