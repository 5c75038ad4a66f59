/// Embedding lookup: rows of a table gathered by index, with scatter-add backward.
extension Tensor {
  /// Rows of this table `[vocabulary, width]` at `indices`, shaped `indexShape + [width]`.
  ///
  /// Backward adds each incoming row gradient into the table row it came from, so a token
  /// that appears twice receives both gradients.
  public func embedding(_ indices: [Int], shape indexShape: [Int]? = nil) throws -> Tensor {
    guard rank == 2 else {
      throw TensorError.shapeMismatch(op: "embedding", shapes: [shape], reason: "the table must be 2-D [vocabulary, width]")
    }
    let rows = shape[0], width = shape[1]
    let outerShape = indexShape ?? [indices.count]
    guard outerShape.product == indices.count else {
      throw TensorError.shapeMismatch(op: "embedding", shapes: [outerShape, [indices.count]], reason: "the index shape does not match the number of indices")
    }
    if let bad = indices.first(where: { !(0..<rows).contains($0) }) {
      throw TensorError.indexOutOfRange(op: "embedding", index: bad, bound: rows)
    }
    let table = scalars
    let n = indices.count * width
    let out = [Scalar](unsafeUninitializedCapacity: n) { buffer, initialized in
      table.withUnsafeBufferPointer { t in
        for (i, index) in indices.enumerated() {
          (buffer.baseAddress! + i * width).update(from: t.baseAddress! + index * width, count: width)
        }
      }
      initialized = n
    }
    let tableCount = count
    return Tensor(shape: outerShape + [width], scalars: out, op: "embedding", parents: [self], forwardCost: 0, backwardCost: [n]) { g, _ in
      var gt = [Scalar](repeating: 0, count: tableCount)
      guard n > 0 else { return [gt] }
      gt.withUnsafeMutableBufferPointer { gt in
        g.withUnsafeBufferPointer { g in
          for (i, index) in indices.enumerated() {
            let row = gt.baseAddress! + index * width
            Kernels.binaryRow(.add, UnsafePointer(row), 1, g.baseAddress! + i * width, 1, row, width)
          }
        }
      }
      return [gt]
    }
  }
}
