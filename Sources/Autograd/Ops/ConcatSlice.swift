/// Joining and cutting tensors along an axis. Each views the tensor as `[outer, axis, inner]`.
extension Tensor {
  /// The elements with index in `range` along `axis`; the gradient is placed back in that range.
  public func slice(axis: Int, _ range: Range<Int>) throws -> Tensor {
    let a = axis < 0 ? rank + axis : axis
    guard (0..<rank).contains(a), range.lowerBound >= 0, range.upperBound <= shape[a] else {
      throw TensorError.invalidArgument(op: "slice", reason: "range \(range) on axis \(axis) is outside shape \(shape)")
    }
    let outer = shape[..<a].product, length = shape[a], inner = shape[(a + 1)...].product
    let width = range.count * inner
    var outShape = shape
    outShape[a] = range.count
    let x = scalars
    var out = [Scalar]()
    out.reserveCapacity(outer * width)
    for o in 0..<outer {
      let start = (o * length + range.lowerBound) * inner
      out.append(contentsOf: x[start..<(start + width)])
    }
    let n = count
    return Tensor(shape: outShape, scalars: out, op: "slice", parents: [self], forwardCost: 0, backwardCost: [0]) { g, _ in
      var gx = [Scalar](repeating: 0, count: n)
      guard width > 0 else { return [gx] }
      gx.withUnsafeMutableBufferPointer { gx in
        g.withUnsafeBufferPointer { g in
          for o in 0..<outer {
            let start = (o * length + range.lowerBound) * inner
            (gx.baseAddress! + start).update(from: g.baseAddress! + o * width, count: width)
          }
        }
      }
      return [gx]
    }
  }

  /// Consecutive pieces of the given `sizes` along `axis` (they must add up to its length).
  public func split(_ sizes: [Int], axis: Int) throws -> [Tensor] {
    let a = axis < 0 ? rank + axis : axis
    guard (0..<rank).contains(a), sizes.reduce(0, +) == shape[a], sizes.allSatisfy({ $0 >= 0 }) else {
      throw TensorError.invalidArgument(op: "split", reason: "sizes \(sizes) do not add up to dimension \(axis) of shape \(shape)")
    }
    var start = 0
    return try sizes.map { size in
      defer { start += size }
      return try slice(axis: a, start..<(start + size))
    }
  }

  /// The tensors joined along `axis`; all other dimensions must agree.
  public static func concatenate(_ tensors: [Tensor], axis: Int) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "concat", reason: "there is nothing to concatenate")
    }
    let a = axis < 0 ? first.rank + axis : axis
    guard (0..<first.rank).contains(a) else {
      throw TensorError.invalidArgument(op: "concat", reason: "axis \(axis) is out of range for shape \(first.shape)")
    }
    for t in tensors where t.rank != first.rank || t.shape.enumerated().contains(where: { $0.offset != a && $0.element != first.shape[$0.offset] }) {
      throw TensorError.shapeMismatch(op: "concat", shapes: [first.shape, t.shape], reason: "all dimensions except \(axis) must agree")
    }
    let outer = first.shape[..<a].product, inner = first.shape[(a + 1)...].product
    let widths = tensors.map { $0.shape[a] * inner }
    let total = widths.reduce(0, +)
    var outShape = first.shape
    outShape[a] = tensors.map { $0.shape[a] }.reduce(0, +)
    var out = [Scalar]()
    out.reserveCapacity(outer * total)
    for o in 0..<outer {
      for (t, width) in zip(tensors, widths) { out.append(contentsOf: t.scalars[(o * width)..<((o + 1) * width)]) }
    }
    return Tensor(shape: outShape, scalars: out, op: "concat", parents: tensors, forwardCost: 0, backwardCost: tensors.map { _ in 0 }) { g, needed in
      var offset = 0
      return widths.enumerated().map { index, width in
        defer { offset += width }
        guard needed[index] else { return nil }
        var part = [Scalar]()
        part.reserveCapacity(outer * width)
        for o in 0..<outer { part.append(contentsOf: g[(o * total + offset)..<(o * total + offset + width)]) }
        return part
      }
    }
  }
}
