/// NumPy broadcasting rules: shapes are aligned on their trailing dimensions, and a
/// dimension of 1 (or a missing one) stretches to match the other.
enum Broadcasting {
  /// The broadcast shape of `a` and `b`, or nil if they are incompatible.
  static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      guard x == y || x == 1 || y == 1 else { return nil }
      result[i] = x == 1 ? y : x
    }
    return result
  }

  /// Row-major strides of `shape` as seen from `target` (stride 0 along stretched dimensions).
  static func strides(of shape: [Int], in target: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: target.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      let t = i + target.count - shape.count
      strides[t] = shape[i] == 1 ? 0 : step
      step *= shape[i]
    }
    return strides
  }

  /// Row-major strides of a contiguous tensor of `shape`.
  static func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[i] = step
      step *= shape[i]
    }
    return strides
  }

  /// True when `inner` equals the trailing dimensions of `outer` (a bias added to every row).
  static func isSuffix(_ inner: [Int], of outer: [Int]) -> Bool {
    var trimmed = inner[...]
    while trimmed.first == 1 { trimmed = trimmed.dropFirst() }
    return trimmed.count <= outer.count && Array(outer.suffix(trimmed.count)) == Array(trimmed)
  }
}
