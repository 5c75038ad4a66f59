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

extension Kernels {
  /// Softmax (or log-softmax) of each row of `width` values.
  static func rowSoftmax<S: TensorScalar>(_ x: [S], width: Int, logarithmic: Bool) -> [S] {
    guard width > 0, !x.isEmpty else { return x }
    return [S](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { xs in
        let rows = xs.count / width
        switch ScalarKind.of(S.self) {
        case .float:
          softmaxRows(cast(xs.baseAddress!, Float.self), cast(out.baseAddress!, Float.self), rows: rows, width: width, logarithmic: logarithmic)
        case .double:
          softmaxRows(cast(xs.baseAddress!, Double.self), cast(out.baseAddress!, Double.self), rows: rows, width: width, logarithmic: logarithmic)
        case .other:
          softmaxRows(xs.baseAddress!, out.baseAddress!, rows: rows, width: width, logarithmic: logarithmic)
        }
      }
      initialized = x.count
    }
  }

  /// Softmax (or log-softmax) of `rows` rows of `width` values from `x` into `out`.
  static func softmaxRows<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, logarithmic: Bool) {
    parallelRanges(rows, granule: 1, cost: 8 * width) { range in
      for r in range { softmaxRowLoop(x + r * width, out + r * width, width, logarithmic: logarithmic) }
    }
  }

  /// One row: y = e^(x − max) / Σ e^(x − max), or x − max − log Σ e^(x − max) (`out` may be `x`
  /// when not logarithmic).
  static func softmaxRow<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ width: Int, logarithmic: Bool) {
    switch ScalarKind.of(S.self) {
    case .float: softmaxRowLoop(cast(x, Float.self), cast(out, Float.self), width, logarithmic: logarithmic)
    case .double: softmaxRowLoop(cast(x, Double.self), cast(out, Double.self), width, logarithmic: logarithmic)
    case .other: softmaxRowLoop(x, out, width, logarithmic: logarithmic)
    }
  }

  @inline(__always)
  static func softmaxRowLoop<S: TensorScalar>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ width: Int, logarithmic: Bool) {
    var peak = -S.infinity
    for j in 0..<width where x[j] > peak { peak = x[j] }
    if peak == -S.infinity { peak = 0 }  // a fully masked row stays finite in log space
    withUnsafePointer(to: peak) { p in binaryRowSerial(.subtract, x, 1, p, 0, out, width) }
    expRow(UnsafePointer(out), out, width)
    let total = sum(UnsafePointer(out), width)
    if logarithmic {
      let logTotal = S.logarithm(total) + peak
      withUnsafePointer(to: logTotal) { p in binaryRowSerial(.subtract, x, 1, p, 0, out, width) }
    } else {
      let inverse = 1 / total
      withUnsafePointer(to: inverse) { p in binaryRowSerial(.multiply, UnsafePointer(out), 1, p, 0, out, width) }
    }
  }

  /// Backward of softmax rows (dx = y ⊙ (g − Σ g⊙y)) or log-softmax rows (dx = g − eʸ·Σ g).
  static func softmaxBackward<S: TensorScalar>(_ y: [S], _ g: [S], width: Int, logarithmic: Bool) -> [S] {
    guard width > 0, !g.isEmpty else { return g }
    return [S](unsafeUninitializedCapacity: g.count) { out, initialized in
      y.withUnsafeBufferPointer { ys in
        g.withUnsafeBufferPointer { gs in
          let rows = gs.count / width
          switch ScalarKind.of(S.self) {
          case .float:
            softmaxBackwardRows(cast(ys.baseAddress!, Float.self), cast(gs.baseAddress!, Float.self), cast(out.baseAddress!, Float.self), rows: rows, width: width, logarithmic: logarithmic)
          case .double:
            softmaxBackwardRows(cast(ys.baseAddress!, Double.self), cast(gs.baseAddress!, Double.self), cast(out.baseAddress!, Double.self), rows: rows, width: width, logarithmic: logarithmic)
          case .other:
            softmaxBackwardRows(ys.baseAddress!, gs.baseAddress!, out.baseAddress!, rows: rows, width: width, logarithmic: logarithmic)
          }
        }
      }
      initialized = g.count
    }
  }

  static func softmaxBackwardRows<S: TensorScalar>(
    _ y: UnsafePointer<S>, _ g: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, logarithmic: Bool
  ) {
    parallelRanges(rows, granule: 1, cost: 4 * width) { range in
      for r in range { softmaxBackwardRow(y, g, out, r, width: width, logarithmic: logarithmic) }
    }
  }

  @inline(__always)
  static func softmaxBackwardRow<S: TensorScalar>(
    _ y: UnsafePointer<S>, _ g: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ r: Int, width: Int, logarithmic: Bool
  ) {
    let (yr, gr, o) = (y + r * width, g + r * width, out + r * width)
    if logarithmic {
      let total = sum(gr, width)
      expRow(yr, o, width)
      for j in 0..<width { o[j] = gr[j] - o[j] * total }
    } else {
      let dot = Kernels.dot(gr, yr, width)
      for j in 0..<width { o[j] = yr[j] * (gr[j] - dot) }
    }
  }

  /// The readable softmax: each row's maximum, exponentials, normalisation, one element at a time.
  static func referenceRowSoftmax<S: TensorScalar>(_ x: [S], width: Int, logarithmic: Bool) -> [S] {
    guard width > 0 else { return x }
    var out = x
    for start in stride(from: 0, to: x.count, by: width) {
      var peak = -S.infinity
      for j in start..<(start + width) where x[j] > peak { peak = x[j] }
      if peak == -S.infinity { peak = 0 }
      var total: S = 0
      for j in start..<(start + width) { total += S.exponential(x[j] - peak) }
      for j in start..<(start + width) {
        out[j] = logarithmic ? x[j] - peak - S.logarithm(total) : S.exponential(x[j] - peak) / total
      }
    }
    return out
  }
}
