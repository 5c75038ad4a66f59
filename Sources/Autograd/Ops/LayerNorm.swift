/// Layer normalisation over the last axis, fused (one pass forward, one pass backward).
extension Tensor {
  /// y = (x − mean) / √(var + eps) · weight + bias over the last axis of width d;
  /// `weight` and `bias` have shape `[d]`. `eps` defaults to 1e-5 as in PyTorch.
  ///
  /// Backward with x̂ the normalised input and r = 1/√(var+eps):
  /// dx = r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) where ĝ = g ⊙ weight;
  /// dweight = Σ g ⊙ x̂, dbias = Σ g over rows.
  public func layerNorm(weight: Tensor, bias: Tensor, eps: Scalar = 1e-5) throws -> Tensor {
    guard let d = shape.last, weight.shape == [d], bias.shape == [d] else {
      throw TensorError.shapeMismatch(op: "layer_norm", shapes: [shape, weight.shape, bias.shape], reason: "weight and bias must be [last dimension]")
    }
    let rows = count / Swift.max(d, 1)
    let x = scalars, w = weight.scalars, b = bias.scalars
    // x̂ and 1/σ are kept for backward; every element of the three arrays is written by the kernel.
    var normalised: [Scalar] = [], reciprocalStd: [Scalar] = []
    let out = [Scalar](unsafeUninitializedCapacity: count) { y, initializedOut in
      normalised = [Scalar](unsafeUninitializedCapacity: count) { xhat, initializedNormalised in
        reciprocalStd = [Scalar](unsafeUninitializedCapacity: rows) { rstd, initializedStd in
          if rows * d > 0 {
            x.withUnsafeBufferPointer { x in
              w.withUnsafeBufferPointer { w in
                b.withUnsafeBufferPointer { b in
                  Kernels.layerNormForward(
                    x.baseAddress!, w.baseAddress!, b.baseAddress!, eps: eps, rows: rows, width: d,
                    normalised: xhat.baseAddress!, reciprocalStd: rstd.baseAddress!, out: y.baseAddress!)
                }
              }
            }
          }
          initializedStd = rows
        }
        initializedNormalised = count
      }
      initializedOut = count
    }
    return Tensor(shape: shape, scalars: out, op: "layer_norm", parents: [self, weight, bias], forwardCost: 8 * count, backwardCost: [8 * count, 2 * count, count]) { g, needed in
      var dx = [Scalar](repeating: 0, count: needed[0] ? g.count : 0)
      var dw = [Scalar](repeating: 0, count: d), db = [Scalar](repeating: 0, count: d)
      if rows * d > 0 {
        g.withUnsafeBufferPointer { g in
          normalised.withUnsafeBufferPointer { xhat in
            reciprocalStd.withUnsafeBufferPointer { rstd in
              w.withUnsafeBufferPointer { w in
                dx.withUnsafeMutableBufferPointer { dx in
                  dw.withUnsafeMutableBufferPointer { dw in
                    db.withUnsafeMutableBufferPointer { db in
                      Kernels.layerNormBackward(
                        g.baseAddress!, normalised: xhat.baseAddress!, reciprocalStd: rstd.baseAddress!, weight: w.baseAddress!,
                        rows: rows, width: d, dx: needed[0] ? dx.baseAddress! : nil, dweight: dw.baseAddress!, dbias: db.baseAddress!)
                    }
                  }
                }
              }
            }
          }
        }
      }
      return [needed[0] ? dx : nil, needed[1] ? dw : nil, needed[2] ? db : nil]
    }
  }
}

extension Kernels {
  /// Forward layer norm of `rows` rows of `width`; keeps x̂ and 1/σ for backward.
  static func layerNormForward<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    switch ScalarKind.of(S.self) {
    case .float:
      layerNormForwardLoop(
        cast(x, Float.self), cast(w, Float.self), cast(b, Float.self), eps: cast(eps, Float.self), rows: rows, width: width,
        normalised: cast(normalised, Float.self), reciprocalStd: cast(reciprocalStd, Float.self), out: cast(out, Float.self))
    case .double:
      layerNormForwardLoop(
        cast(x, Double.self), cast(w, Double.self), cast(b, Double.self), eps: cast(eps, Double.self), rows: rows, width: width,
        normalised: cast(normalised, Double.self), reciprocalStd: cast(reciprocalStd, Double.self), out: cast(out, Double.self))
    case .other:
      layerNormForwardLoop(x, w, b, eps: eps, rows: rows, width: width, normalised: normalised, reciprocalStd: reciprocalStd, out: out)
    }
  }

  static func layerNormForwardLoop<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width d: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    parallelRanges(rows, granule: 1, cost: 8 * d) { range in
      for r in range { layerNormForwardRow(x, w, b, eps: eps, r, width: d, normalised: normalised, reciprocalStd: reciprocalStd, out: out) }
    }
  }

  @inline(__always)
  static func layerNormForwardRow<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, _ r: Int, width d: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    let xr = x + r * d, xhat = normalised + r * d, y = out + r * d
    var sums = SIMD8<S>()
    var j = 0
    while j + 8 <= d { sums += UnsafeRawPointer(xr + j).loadUnaligned(as: SIMD8<S>.self); j += 8 }
    var total = sums.sum()
    while j < d { total += xr[j]; j += 1 }
    let mean = total / S(d)
    // Σ (x − mean)², eight running sums (stdlib SIMD calls only: see `fusedMultiplyAdd` in Gemm.swift).
    var squares = SIMD8<S>()
    j = 0
    let meanVector = SIMD8<S>(repeating: mean)
    while j + 8 <= d {
      let c = UnsafeRawPointer(xr + j).loadUnaligned(as: SIMD8<S>.self) - meanVector
      squares += c * c
      j += 8
    }
    var variance = squares.sum()
    while j < d { let c = xr[j] - mean; variance += c * c; j += 1 }
    variance /= S(d)
    let rstd = 1 / (variance + eps).squareRoot()
    reciprocalStd[r] = rstd
    for j in 0..<d {
      let h = (xr[j] - mean) * rstd
      xhat[j] = h
      y[j] = h * w[j] + b[j]
    }
  }

  /// Backward layer norm: dx (when `dx` is not nil), and dweight, dbias accumulated over rows.
  static func layerNormBackward<S: TensorScalar>(
    _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>, weight: UnsafePointer<S>,
    rows: Int, width: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>, dbias: UnsafeMutablePointer<S>
  ) {
    switch ScalarKind.of(S.self) {
    case .float:
      layerNormBackwardLoop(
        cast(g, Float.self), normalised: cast(normalised, Float.self), reciprocalStd: cast(reciprocalStd, Float.self),
        weight: cast(weight, Float.self), rows: rows, width: width, dx: dx.map { cast($0, Float.self) },
        dweight: cast(dweight, Float.self), dbias: cast(dbias, Float.self))
    case .double:
      layerNormBackwardLoop(
        cast(g, Double.self), normalised: cast(normalised, Double.self), reciprocalStd: cast(reciprocalStd, Double.self),
        weight: cast(weight, Double.self), rows: rows, width: width, dx: dx.map { cast($0, Double.self) },
        dweight: cast(dweight, Double.self), dbias: cast(dbias, Double.self))
    case .other:
      layerNormBackwardLoop(
        g, normalised: normalised, reciprocalStd: reciprocalStd, weight: weight, rows: rows, width: width, dx: dx,
        dweight: dweight, dbias: dbias)
    }
  }

  /// Rows per chunk of the weight and bias gradients: each chunk sums its rows, then the chunks are
  /// added in order, so the result does not depend on how many threads share the chunks.
  static let layerNormChunkRows = 64

  static func layerNormBackwardLoop<S: TensorScalar>(
    _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>, weight w: UnsafePointer<S>,
    rows: Int, width d: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>, dbias: UnsafeMutablePointer<S>
  ) {
    let chunks = (rows + layerNormChunkRows - 1) / layerNormChunkRows
    let partial = UnsafeMutablePointer<S>.allocate(capacity: 2 * chunks * d)
    partial.initialize(repeating: 0, count: 2 * chunks * d)
    defer { partial.deallocate() }
    parallelRanges(chunks, granule: 1, cost: 8 * d * layerNormChunkRows) { range in
      for chunk in range {
        let dw = partial + 2 * chunk * d, db = dw + d
        for r in (chunk * layerNormChunkRows)..<Swift.min(rows, (chunk + 1) * layerNormChunkRows) {
          layerNormBackwardRow(g, normalised: normalised, reciprocalStd: reciprocalStd, weight: w, r, width: d, dx: dx, dweight: dw, dbias: db)
        }
      }
    }
    for chunk in 0..<chunks {
      for j in 0..<d {
        dweight[j] += partial[2 * chunk * d + j]
        dbias[j] += partial[(2 * chunk + 1) * d + j]
      }
    }
  }

  @inline(__always)
  static func layerNormBackwardRow<S: TensorScalar>(
    _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>, weight w: UnsafePointer<S>,
    _ r: Int, width d: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>, dbias: UnsafeMutablePointer<S>
  ) {
    let gr = g + r * d, xhat = normalised + r * d
    var meanG: S = 0, meanGX: S = 0
    for j in 0..<d {
      let gj = gr[j], h = xhat[j]
      dweight[j] += gj * h
      dbias[j] += gj
      let ghat = gj * w[j]
      meanG += ghat
      meanGX += ghat * h
    }
    guard let dx else { return }
    meanG /= S(d)
    meanGX /= S(d)
    let rstd = reciprocalStd[r]
    let out = dx + r * d
    for j in 0..<d { out[j] = rstd * (gr[j] * w[j] - meanG - xhat[j] * meanGX) }
  }
}
