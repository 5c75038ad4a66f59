/// Readable loops with one closure call per element: the path for rare ops (`pow`), and the walk
/// over a broadcast index space that the reference broadcasting kernels use.
extension Kernels {
  /// `f` applied to every element.
  @inline(__always)
  static func map<S: TensorScalar>(_ x: [S], _ f: (S) -> S) -> [S] {
    [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        for i in 0..<xs.count { out[i] = f(xs[i]) }
      }
      initialized = x.count
    }
  }

  /// `f(x[i], y[i])` for two arrays of equal length.
  @inline(__always)
  static func zip<S: TensorScalar>(_ x: [S], _ y: [S], _ f: (S, S) -> S) -> [S] {
    precondition(x.count == y.count)
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        y.withUnsafeBufferPointer { ys in
          for i in 0..<xs.count { out[i] = f(xs[i], ys[i]) }
        }
      }
      initialized = x.count
    }
  }

  /// Visits every index of `shape` in row-major order with its flat position and its
  /// offsets under two stride vectors.
  @inline(__always)
  static func forEachIndex(_ shape: [Int], _ s1: [Int], _ s2: [Int], _ body: (Int, Int, Int) -> Void) {
    let n = shape.product
    guard n > 0 else { return }
    let rank = shape.count
    if rank == 0 { body(0, 0, 0); return }
    var index = [Int](repeating: 0, count: rank)
    var o1 = 0, o2 = 0
    let last = rank - 1
    let lastDim = shape[last], l1 = s1[last], l2 = s2[last]
    var flat = 0
    while flat < n {
      var p1 = o1, p2 = o2
      for _ in 0..<lastDim {
        body(flat, p1, p2)
        flat += 1; p1 += l1; p2 += l2
      }
      // carry into the outer dimensions
      var d = last - 1
      while d >= 0 {
        index[d] += 1
        o1 += s1[d]; o2 += s2[d]
        if index[d] < shape[d] { break }
        o1 -= s1[d] * shape[d]; o2 -= s2[d] * shape[d]
        index[d] = 0
        d -= 1
      }
    }
  }
}
