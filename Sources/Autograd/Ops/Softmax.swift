/// Softmax and log-softmax over the last axis, computed stably by subtracting each row's maximum.
extension Tensor {
  /// softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ along the last axis; backward: dx = y ⊙ (g − Σ g⊙y).
  public func softmax() -> Tensor {
    let width = shape.last ?? 1
    let y = Kernels.rowSoftmax(scalars, width: width, logarithmic: false)
    return Tensor(shape: shape, scalars: y, op: "softmax", parents: [self], forwardCost: 4 * count, backwardCost: [4 * count]) { g, _ in
      [Kernels.softmaxBackward(y, g, width: width, logarithmic: false)]
    }
  }

  /// log softmax(x) along the last axis; backward: dx = g − softmax(x)·Σ g.
  public func logSoftmax() -> Tensor {
    let width = shape.last ?? 1
    let y = Kernels.rowSoftmax(scalars, width: width, logarithmic: true)
    return Tensor(shape: shape, scalars: y, op: "log_softmax", parents: [self], forwardCost: 4 * count, backwardCost: [4 * count]) { g, _ in
      [Kernels.softmaxBackward(y, g, width: width, logarithmic: true)]
    }
  }

  /// Mean cross-entropy of `logits` `[…, classes]` against class indices `targets`
  /// (one per row, `targets.count` = number of rows): mean(−log softmax(logits)[target]).
  ///
  /// Fused and numerically stable; backward: (softmax − onehot(target)) / rows.
  public func crossEntropy(targets: [Int]) throws -> Tensor {
    guard rank >= 1, let classes = shape.last, classes > 0 else {
      throw TensorError.shapeMismatch(op: "cross_entropy", shapes: [shape], reason: "logits need a class dimension")
    }
    let rows = count / classes
    guard targets.count == rows else {
      throw TensorError.shapeMismatch(op: "cross_entropy", shapes: [shape, [targets.count]], reason: "one target is needed per row of logits (\(rows) rows)")
    }
    if let bad = targets.first(where: { !(0..<classes).contains($0) }) {
      throw TensorError.indexOutOfRange(op: "cross_entropy", index: bad, bound: classes)
    }
    // Softmax probabilities, kept for backward; the loss needs only the log of the target's.
    let probabilities = Kernels.rowSoftmax(scalars, width: classes, logarithmic: false)
    let logProbabilities = Kernels.rowSoftmax(scalars, width: classes, logarithmic: true)
    var total: Double = 0
    for (row, target) in targets.enumerated() { total -= Double(logProbabilities[row * classes + target]) }
    let loss = Scalar(total / Double(rows))
    return Tensor(shape: [], scalars: [loss], op: "cross_entropy", parents: [self], forwardCost: 5 * count, backwardCost: [2 * count]) { g, _ in
      let scale = g[0] / Scalar(rows)
      var gx = Kernels.withConstant(.multiply, probabilities, scale)
      for (row, target) in targets.enumerated() { gx[row * classes + target] -= scale }
      return [gx]
    }
  }
}
