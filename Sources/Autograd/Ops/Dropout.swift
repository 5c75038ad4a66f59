/// Dropout: zeroes each element with probability p during training and scales the rest by 1/(1−p).
extension Tensor {
  /// Each element kept with probability 1 − p (and scaled by 1/(1−p)), using `generator`;
  /// the same mask gates the gradient. `p` must be in [0, 1).
  public func dropout(_ p: Double, using generator: inout some RandomNumberGenerator) throws -> Tensor {
    guard p >= 0, p < 1 else {
      throw TensorError.invalidArgument(op: "dropout", reason: "probability \(p) must be in [0, 1)")
    }
    if p == 0 { return self }
    let scale = Scalar(1 / (1 - p))
    let mask: [Scalar] = (0..<count).map { _ in Double(generator.next() >> 11) * 0x1.0p-53 < p ? 0 : scale }
    let shape = self.shape
    let out = Kernels.broadcast(.multiply, scalars, shape, mask, shape, to: shape)
    return Tensor(shape: shape, scalars: out, op: "dropout", parents: [self], forwardCost: count, backwardCost: [count]) { g, _ in
      [Kernels.broadcast(.multiply, g, shape, mask, shape, to: shape)]
    }
  }
}
