/// Replacing masked positions with a constant, e.g. −∞ above the diagonal for causal attention.
extension Tensor {
  /// This tensor with `value` wherever `mask` is true. `mask` covers the trailing dimensions
  /// (`maskShape` is a suffix of `shape`) and repeats over the leading ones. Masked positions
  /// receive no gradient.
  public func maskedFill(_ mask: [Bool], maskShape: [Int], value: Scalar) throws -> Tensor {
    guard mask.count == maskShape.product, Broadcasting.isSuffix(maskShape, of: shape) else {
      throw TensorError.shapeMismatch(op: "masked_fill", shapes: [shape, maskShape], reason: "the mask must match the trailing dimensions")
    }
    let inner = mask.count
    var out = scalars
    for start in stride(from: 0, to: out.count, by: Swift.max(inner, 1)) {
      for j in 0..<inner where mask[j] { out[start + j] = value }
    }
    return Tensor(shape: shape, scalars: out, op: "masked_fill", parents: [self], forwardCost: 0, backwardCost: [0]) { g, _ in
      var gx = g
      for start in stride(from: 0, to: gx.count, by: Swift.max(inner, 1)) {
        for j in 0..<inner where mask[j] { gx[start + j] = 0 }
      }
      return [gx]
    }
  }

  /// The causal mask of a sequence of `length`: true where column > row (a token may not see the future).
  public static func causalMask(length: Int) -> [Bool] {
    (0..<(length * length)).map { $0 % length > $0 / length }
  }
}
