/// Sums, means and maxima over axes. A reduction over one axis views the tensor as
/// `[outer, axis, inner]`; several axes are reduced one after another.
extension Tensor {
  /// The sum of all elements, shape `[]`.
  public func sum() -> Tensor {
    let n = count
    return Tensor(shape: [], scalars: [Kernels.sum(scalars)], op: "sum", parents: [self], forwardCost: n, backwardCost: [0]) { g, _ in
      [[Scalar](repeating: g[0], count: n)]  // ∂(Σx)/∂xᵢ = 1
    }
  }

  /// The mean of all elements, shape `[]`.
  public func mean() -> Tensor { sum() / Scalar(Swift.max(count, 1)) }

  /// The sum over `axes` (negative counts from the end); `keepingDimensions` leaves them as size 1.
  public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) throws -> Tensor {
    try reduce("sum", axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The mean over `axes`.
  public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) throws -> Tensor {
    let resolved = try resolve(axes, op: "mean")
    let n = resolved.map { shape[$0] }.product
    return try reduce("sum", axes: axes, keepingDimensions: keepingDimensions) / Scalar(Swift.max(n, 1))
  }

  /// The maximum over `axes`; the gradient flows to the first maximal element.
  public func max(alongAxes axes: [Int], keepingDimensions: Bool = false) throws -> Tensor {
    try reduce("max", axes: axes, keepingDimensions: keepingDimensions)
  }

  func resolve(_ axes: [Int], op: String) throws -> [Int] {
    let resolved = axes.map { $0 < 0 ? rank + $0 : $0 }
    guard resolved.allSatisfy({ (0..<rank).contains($0) }), Set(resolved).count == resolved.count else {
      throw TensorError.invalidArgument(op: op, reason: "axes \(axes) are invalid for shape \(shape)")
    }
    return resolved.sorted()
  }

  func reduce(_ op: String, axes: [Int], keepingDimensions: Bool) throws -> Tensor {
    let resolved = try resolve(axes, op: op)
    var result = self
    for axis in resolved.reversed() { result = result.reduceOne(op, axis: axis) }
    guard !keepingDimensions else { return result }
    let squeezed = shape.enumerated().filter { !resolved.contains($0.offset) }.map(\.element)
    return try result.reshaped(squeezed)
  }

  /// Reduces one axis, keeping it as size 1.
  func reduceOne(_ op: String, axis: Int) -> Tensor {
    let outer = shape[..<axis].product, length = shape[axis], inner = shape[(axis + 1)...].product
    var outShape = shape
    outShape[axis] = 1
    let x = scalars
    let isMax = op == "max"
    var out = [Scalar](repeating: isMax ? -.infinity : 0, count: outer * inner)
    var argmax = [Int](repeating: 0, count: isMax ? outer * inner : 0)
    if count > 0 {
      x.withUnsafeBufferPointer { xs in
        out.withUnsafeMutableBufferPointer { os in
          let (xp, result) = (xs.baseAddress!, os.baseAddress!)
          for o in 0..<outer {
            for a in 0..<length {
              let base = (o * length + a) * inner
              if isMax {
                for i in 0..<inner {
                  let v = xp[base + i]
                  if v > result[o * inner + i] || a == 0 { result[o * inner + i] = v; argmax[o * inner + i] = a }
                }
              } else {
                Kernels.binaryRow(.add, UnsafePointer(result + o * inner), 1, xp + base, 1, result + o * inner, inner)
              }
            }
          }
        }
      }
    }
    let n = count
    return Tensor(shape: outShape, scalars: out, op: op, parents: [self], forwardCost: n, backwardCost: [0]) { g, _ in
      var gx = [Scalar](repeating: 0, count: n)
      guard n > 0 else { return [gx] }
      gx.withUnsafeMutableBufferPointer { gxs in
        g.withUnsafeBufferPointer { gs in
          let (gxp, gp) = (gxs.baseAddress!, gs.baseAddress!)
          for o in 0..<outer {
            if isMax {
              for i in 0..<inner {
                gxp[(o * length + argmax[o * inner + i]) * inner + i] = gp[o * inner + i]  // only the maximum moved the output
              }
            } else {
              for a in 0..<length { (gxp + (o * length + a) * inner).update(from: gp + o * inner, count: inner) }
            }
          }
        }
      }
      return [gx]
    }
  }
}
