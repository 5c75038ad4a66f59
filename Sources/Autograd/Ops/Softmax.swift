/// Softmax and log-softmax over the last axis, computed stably by subtracting each row's maximum.
extension Tensor {
  /// softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ along the last axis; backward: dx = y ⊙ (g − Σ g⊙y).
  public func softmax() -> Tensor {
    let width = shape.last ?? 1
    let y = Kernels.rowSoftmax(scalars, width: width, logarithmic: false)
    return Tensor(shape: shape, scalars: y, op: "softmax", parents: [self], forwardCost: 4 * count, backwardCost: [4 * count]) { g, _ in
      var gx = [Scalar](repeating: 0, count: g.count)
      for start in stride(from: 0, to: g.count, by: width) {
        var dot: Scalar = 0
        for j in start..<(start + width) { dot += g[j] * y[j] }
        for j in start..<(start + width) { gx[j] = y[j] * (g[j] - dot) }
      }
      return [gx]
    }
  }

  /// log softmax(x) along the last axis; backward: dx = g − softmax(x)·Σ g.
  public func logSoftmax() -> Tensor {
    let width = shape.last ?? 1
    let y = Kernels.rowSoftmax(scalars, width: width, logarithmic: true)
    return Tensor(shape: shape, scalars: y, op: "log_softmax", parents: [self], forwardCost: 4 * count, backwardCost: [4 * count]) { g, _ in
      var gx = [Scalar](repeating: 0, count: g.count)
      for start in stride(from: 0, to: g.count, by: width) {
        var total: Scalar = 0
        for j in start..<(start + width) { total += g[j] }
        for j in start..<(start + width) { gx[j] = g[j] - Scalar.exponential(y[j]) * total }
      }
      return [gx]
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
    let logProbabilities = Kernels.rowSoftmax(scalars, width: classes, logarithmic: true)
    var total: Double = 0
    for (row, target) in targets.enumerated() { total -= Double(logProbabilities[row * classes + target]) }
    let loss = Scalar(total / Double(rows))
    return Tensor(shape: [], scalars: [loss], op: "cross_entropy", parents: [self], forwardCost: 5 * count, backwardCost: [2 * count]) { g, _ in
      let scale = g[0] / Scalar(rows)
      var gx = [Scalar](unsafeUninitializedCapacity: logProbabilities.count) { out, initialized in
        for i in 0..<logProbabilities.count { out[i] = Scalar.exponential(logProbabilities[i]) * scale }
        initialized = logProbabilities.count
      }
      for (row, target) in targets.enumerated() { gx[row * classes + target] -= scale }
      return [gx]
    }
  }
}

extension Kernels {
  /// Softmax (or log-softmax) of each row of `width` values.
  static func rowSoftmax<S: TensorScalar>(_ x: [S], width: Int, logarithmic: Bool) -> [S] {
    guard width > 0 else { return x }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        for start in stride(from: 0, to: xs.count, by: width) {
          var peak = -S.infinity
          for j in start..<(start + width) where xs[j] > peak { peak = xs[j] }
          if peak == -S.infinity { peak = 0 }  // a fully masked row stays finite in log space
          var total: S = 0
          for j in start..<(start + width) {
            let e = S.exponential(xs[j] - peak)
            out[j] = e
            total += e
          }
          if logarithmic {
            let logTotal = S.logarithm(total) + peak
            for j in start..<(start + width) { out[j] = xs[j] - logTotal }
          } else {
            let inverse = 1 / total
            for j in start..<(start + width) { out[j] *= inverse }
          }
        }
      }
      initialized = x.count
    }
  }
}
