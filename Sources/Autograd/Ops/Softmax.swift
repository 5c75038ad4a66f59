/// Softmax and log-softmax over the last axis, computed stably by subtracting each row's maximum;
/// the pullbacks are stated and composed here from kernel entry points.
extension Tensor {
  /// softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ along the last axis.
  ///
  /// Backward: ∂yᵢ/∂xₖ = yᵢ(δᵢₖ − yₖ), so dxₖ = Σᵢ gᵢ yᵢ(δᵢₖ − yₖ) = yₖ (gₖ − Σᵢ gᵢyᵢ), per row.
  public func softmax() -> Tensor {
    let width = shape.last ?? 1
    let y = Kernels.rowSoftmax(scalars, width: width, logarithmic: false)
    let rows = width == 0 ? 0 : count / width
    return Tensor(shape: shape, scalars: y, op: "softmax", parents: [self], forwardCost: 4 * count, backwardCost: [4 * count]) { g, _ in
      guard rows * width > 0 else { return [g] }
      let (matrix, column) = ([rows, width], [rows, 1])
      let dots = Kernels.rowDots(g, y, rows: rows, width: width)  // Σᵢ gᵢyᵢ
      let centred = Kernels.broadcast(.subtract, g, matrix, dots, column, to: matrix)  // gₖ − Σᵢ gᵢyᵢ
      return [Kernels.broadcast(.multiply, y, matrix, centred, matrix, to: matrix)]
    }
  }

  /// log softmax(x)ᵢ = xᵢ − log Σⱼ eˣʲ along the last axis.
  ///
  /// Backward: ∂yᵢ/∂xₖ = δᵢₖ − softmax(x)ₖ, so dxₖ = gₖ − eʸᵏ Σᵢ gᵢ, per row (eʸ = softmax(x)).
  public func logSoftmax() -> Tensor {
    let width = shape.last ?? 1
    let y = Kernels.rowSoftmax(scalars, width: width, logarithmic: true)
    let rows = width == 0 ? 0 : count / width
    return Tensor(shape: shape, scalars: y, op: "log_softmax", parents: [self], forwardCost: 4 * count, backwardCost: [4 * count]) { g, _ in
      guard rows * width > 0 else { return [g] }
      let (matrix, column) = ([rows, width], [rows, 1])
      let sums = Kernels.reduce(g, from: matrix, to: column)  // Σᵢ gᵢ
      var probabilities = y
      probabilities.withUnsafeMutableBufferPointer { p in
        for r in 0..<rows { Kernels.expRow(UnsafePointer(p.baseAddress! + r * width), p.baseAddress! + r * width, width) }  // eʸ, row by row
      }
      let scaled = Kernels.broadcast(.multiply, probabilities, matrix, sums, column, to: matrix)  // eʸᵏ Σᵢ gᵢ
      return [Kernels.broadcast(.subtract, g, matrix, scaled, matrix, to: matrix)]
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
