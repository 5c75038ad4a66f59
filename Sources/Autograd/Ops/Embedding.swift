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
    let out = [Scalar](unsafeUninitializedCapacity: indices.count * width) { buffer, initialized in
      table.withUnsafeBufferPointer { t in
        for (i, index) in indices.enumerated() {
          for j in 0..<width { buffer[i * width + j] = t[index * width + j] }
        }
      }
      initialized = indices.count * width
    }
    let tableCount = count
    return Tensor(shape: outerShape + [width], scalars: out, op: "embedding", parents: [self], forwardCost: 0, backwardCost: [indices.count * width]) { g, _ in
      var gt = [Scalar](repeating: 0, count: tableCount)
      for (i, index) in indices.enumerated() {
        for j in 0..<width { gt[index * width + j] += g[i * width + j] }
      }
      return [gt]
    }
  }
}
