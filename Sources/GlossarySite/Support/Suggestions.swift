import TrainingCost

/// "Did you mean" suggestions: the candidates closest to a misspelt name.
enum Suggestions {
  /// The candidates within a small edit distance of `name` (case-insensitive), closest first,
  /// then alphabetically; at most `limit`.
  static func closest(to name: String, in candidates: some Sequence<String>, limit: Int = 1) -> [String] {
    let target = NameKey(name).value
    guard !target.isEmpty else { return [] }
    let allowed = max(2, target.count / 3)
    var scored: [(distance: Int, candidate: String)] = []
    for candidate in Set(candidates) {
      let key = NameKey(candidate).value
      var distance = EditDistance.between(target, key)
      // A prefix ("fine" for "fine-tuning") counts as close even when many letters are missing.
      if target.count >= 3, key.hasPrefix(target) || target.hasPrefix(key) { distance = min(distance, allowed) }
      if distance <= allowed { scored.append((distance, candidate)) }
    }
    scored.sort { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
    return scored.prefix(limit).map(\.candidate)
  }

  /// `did you mean 'x'?` for the closest candidate, or `nil` when none is close.
  static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
    closest(to: name, in: candidates).first.map { "did you mean '\($0)'?" }
  }
}
