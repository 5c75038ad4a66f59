/// Readable elementwise loops with broadcasting, one closure call per element: the reference
/// that the fast kernels in `Elementwise.swift` are tested against, and the path for rare ops.
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

  /// `f(a, b)` with NumPy broadcasting to `shape` (already validated).
  static func referenceBroadcast<S: TensorScalar>(
    _ a: [S], _ aShape: [Int], _ b: [S], _ bShape: [Int], to shape: [Int], _ f: (S, S) -> S
  ) -> [S] {
    let n = shape.product
    if aShape == bShape { return zip(a, b, f) }
    if b.count == 1 { let y = b[0]; return map(a) { f($0, y) } }
    if a.count == 1 { let x = a[0]; return map(b) { f(x, $0) } }
    return [S](unsafeUninitializedCapacity: n) { out, initialized in
      a.withUnsafeBufferPointer { xs in
        b.withUnsafeBufferPointer { ys in
          if aShape == shape && Broadcasting.isSuffix(bShape, of: shape) {
            let inner = ys.count
            for start in stride(from: 0, to: n, by: inner) {
              for j in 0..<inner { out[start + j] = f(xs[start + j], ys[j]) }
            }
          } else if bShape == shape && Broadcasting.isSuffix(aShape, of: shape) {
            let inner = xs.count
            for start in stride(from: 0, to: n, by: inner) {
              for j in 0..<inner { out[start + j] = f(xs[j], ys[start + j]) }
            }
          } else {
            let sa = Broadcasting.strides(of: aShape, in: shape)
            let sb = Broadcasting.strides(of: bShape, in: shape)
            forEachIndex(shape, sa, sb) { i, ia, ib in out[i] = f(xs[ia], ys[ib]) }
          }
        }
      }
      initialized = n
    }
  }


  /// Sums a gradient of broadcast shape `shape` back to `target` (the input's shape).
  static func referenceReduce<S: TensorScalar>(_ g: [S], from shape: [Int], to target: [Int]) -> [S] {
    if shape == target { return g }
    let m = target.product
    if m == 1 { return [referenceSum(g)] }
    var out = [S](repeating: 0, count: m)
    out.withUnsafeMutableBufferPointer { os in
      g.withUnsafeBufferPointer { gs in
        if Broadcasting.isSuffix(target, of: shape) {
          for start in stride(from: 0, to: gs.count, by: m) {
            for j in 0..<m { os[j] += gs[start + j] }
          }
        } else {
          let st = Broadcasting.strides(of: target, in: shape)
          let zero = [Int](repeating: 0, count: shape.count)
          forEachIndex(shape, st, zero) { i, it, _ in os[it] += gs[i] }
        }
      }
    }
    return out
  }

  /// Sum of all elements.
  static func referenceSum<S: TensorScalar>(_ x: [S]) -> S {
    x.withUnsafeBufferPointer { xs in
      var total: S = 0
      for v in xs { total += v }
      return total
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
