/// Which training steps a film records.
enum FilmSchedule {
  /// About `count` steps from 0 to `total` (both included), spaced quadratically: training changes most
  /// at the start, so early steps are close together and late ones far apart. Strictly increasing.
  static func steps(total: Int, count: Int) -> [Int] {
    guard total > 0, count > 1 else { return [0, max(total, 0)].uniqued() }
    var result: [Int] = []
    for index in 0..<count {
      let fraction = Double(index) / Double(count - 1)
      let step = Int((Double(total) * fraction * fraction).rounded())
      if step > (result.last ?? -1) { result.append(step) }
    }
    if result.last != total { result.append(total) }
    return result
  }
}

extension Array where Element == Int {
  fileprivate func uniqued() -> [Int] { reduce(into: []) { if $0.last != $1 { $0.append($1) } } }
}
