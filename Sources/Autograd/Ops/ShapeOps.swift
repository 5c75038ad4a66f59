/// Operations that move values without computing new ones: reshape, permute, transpose.
extension Tensor {
  /// The same values viewed with a new shape of equal count; one dimension may be -1 (inferred).
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    var resolved = newShape
    if let hole = newShape.firstIndex(of: -1) {
      let known = newShape.enumerated().filter { $0.offset != hole }.map(\.element).product
      guard known > 0, count % known == 0 else {
        throw TensorError.shapeMismatch(op: "reshape", shapes: [shape, newShape], reason: "\(count) values do not divide into the known dimensions")
      }
      resolved[hole] = count / known
    }
    guard resolved.allSatisfy({ $0 >= 0 }), resolved.product == count else {
      throw TensorError.shapeMismatch(op: "reshape", shapes: [shape, newShape], reason: "the counts \(count) and \(resolved.product) differ")
    }
    return Tensor(shape: resolved, scalars: scalars, op: "reshape", parents: [self], forwardCost: 0, backwardCost: [0]) { g, _ in
      [g]  // the gradient is the same values in the input's shape
    }
  }

  /// The dimensions reordered: result dimension i is input dimension `axes[i]`.
  public func permuted(_ axes: [Int]) throws -> Tensor {
    guard axes.count == rank, Set(axes) == Set(0..<rank) else {
      throw TensorError.invalidArgument(op: "permute", reason: "axes \(axes) are not a permutation of 0..<\(rank) for shape \(shape)")
    }
    let inputShape = shape
    let outShape = axes.map { shape[$0] }
    let out = Self.permute(scalars, shape: inputShape, axes: axes)
    var inverse = [Int](repeating: 0, count: rank)
    for (i, axis) in axes.enumerated() { inverse[axis] = i }
    return Tensor(shape: outShape, scalars: out, op: "permute", parents: [self], forwardCost: 0, backwardCost: [0]) { g, _ in
      [Self.permute(g, shape: outShape, axes: inverse)]  // undo the permutation
    }
  }

  /// Dimensions `i` and `j` swapped (negative indices count from the end).
  public func transposed(_ i: Int = -2, _ j: Int = -1) throws -> Tensor {
    let a = i < 0 ? rank + i : i, b = j < 0 ? rank + j : j
    guard (0..<rank).contains(a), (0..<rank).contains(b) else {
      throw TensorError.invalidArgument(op: "transpose", reason: "axes \(i), \(j) are out of range for shape \(shape)")
    }
    var axes = Array(0..<rank)
    axes.swapAt(a, b)
    return try permuted(axes)
  }

  /// Copies `x` of `shape` into the order given by `axes`.
  static func permute(_ x: [Scalar], shape: [Int], axes: [Int]) -> [Scalar] {
    let outShape = axes.map { shape[$0] }
    let inStrides = Broadcasting.contiguousStrides(shape)
    let gathered = axes.map { inStrides[$0] }
    if axes == Array(0..<shape.count) { return x }
    // Swapping only the last two dimensions is a batch of matrix transposes.
    if shape.count >= 2, axes == Array(0..<(shape.count - 2)) + [shape.count - 1, shape.count - 2] {
      return transposeLastTwo(x, batches: shape.dropLast(2).product, rows: shape[shape.count - 2], cols: shape[shape.count - 1])
    }
    guard !x.isEmpty else { return x }
    let zero = [Int](repeating: 0, count: shape.count)
    let width = outShape.last!, step = gathered.last!
    return [Scalar](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        Kernels.forEachRow(outShape, gathered, zero) { start, source, _ in
          Kernels.stridedCopy(xs.baseAddress! + source, step: step, into: out.baseAddress! + start, count: width)
        }
      }
      initialized = x.count
    }
  }
}
