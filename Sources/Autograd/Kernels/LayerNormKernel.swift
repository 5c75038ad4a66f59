/// Layer normalisation of rows: forward keeps x̂ and 1/σ; backward gives dx, dweight, dbias.
extension Kernels {
  /// `rows` rows of `width`: y = (x − mean) / √(var + eps) · weight + bias, keeping
  /// x̂ = (x − mean)/σ in `normalised` and 1/σ (one per row) in `reciprocalStd`.
  struct LayerNormForward: KernelEntryPoint {
    let x: UnsafeRawPointer, weight: UnsafeRawPointer, bias: UnsafeRawPointer, eps: Double, rows: Int, width: Int
    let normalised: UnsafeMutableRawPointer, reciprocalStd: UnsafeMutableRawPointer, out: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, w, b) = (x.scalars(T.self), weight.scalars(T.self), bias.scalars(T.self))
      let (xhat, rstd, y) = (normalised.scalars(T.self), reciprocalStd.scalars(T.self), out.scalars(T.self))
      let d = width
      for r in 0..<rows {
        var mean: T = 0
        for j in 0..<d { mean += x[r * d + j] }
        mean /= T(d)
        var variance: T = 0
        for j in 0..<d { variance += (x[r * d + j] - mean) * (x[r * d + j] - mean) }
        variance /= T(d)
        rstd[r] = 1 / (variance + T(eps)).squareRoot()
        for j in 0..<d {
          xhat[r * d + j] = (x[r * d + j] - mean) * rstd[r]
          y[r * d + j] = xhat[r * d + j] * w[j] + b[j]
        }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      layerNormForwardLoop(
        x.scalars(T.self), weight.scalars(T.self), bias.scalars(T.self), eps: T(eps), rows: rows, width: width,
        normalised: normalised.scalars(T.self), reciprocalStd: reciprocalStd.scalars(T.self), out: out.scalars(T.self))
    }
  }

  /// Backward of ``LayerNormForward`` from the output gradient `g`, x̂ and 1/σ: with ĝ = g ⊙ weight,
  /// dx = (1/σ)(ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) (skipped when `dx` is nil), and
  /// dweight += Σ g ⊙ x̂, dbias += Σ g over the rows.
  struct LayerNormBackward: KernelEntryPoint {
    let g: UnsafeRawPointer, normalised: UnsafeRawPointer, reciprocalStd: UnsafeRawPointer, weight: UnsafeRawPointer
    let rows: Int, width: Int
    let dx: UnsafeMutableRawPointer?, dweight: UnsafeMutableRawPointer, dbias: UnsafeMutableRawPointer

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (g, xhat, rstd, w) = (g.scalars(T.self), normalised.scalars(T.self), reciprocalStd.scalars(T.self), weight.scalars(T.self))
      let (dw, db) = (dweight.scalars(T.self), dbias.scalars(T.self))
      let d = width
      for r in 0..<rows {
        var meanG: T = 0, meanGX: T = 0
        for j in 0..<d {
          dw[j] += g[r * d + j] * xhat[r * d + j]
          db[j] += g[r * d + j]
          meanG += g[r * d + j] * w[j]
          meanGX += g[r * d + j] * w[j] * xhat[r * d + j]
        }
        meanG /= T(d)
        meanGX /= T(d)
        guard let dx = dx?.scalars(T.self) else { continue }
        for j in 0..<d { dx[r * d + j] = rstd[r] * (g[r * d + j] * w[j] - meanG - xhat[r * d + j] * meanGX) }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_: T.Type) {
      layerNormBackwardLoop(
        g.scalars(T.self), normalised: normalised.scalars(T.self), reciprocalStd: reciprocalStd.scalars(T.self),
        weight: weight.scalars(T.self), rows: rows, width: width, dx: dx?.scalars(T.self),
        dweight: dweight.scalars(T.self), dbias: dbias.scalars(T.self))
    }
  }

  static func layerNormForwardLoop<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width d: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    parallelRanges(rows, granule: 1, cost: 8 * d) { range in
      let start = range.lowerBound
      if nativeLayerNormForward(
        x + start * d, w, b, eps: eps, rows: range.count, width: d, normalised: normalised + start * d,
        reciprocalStd: reciprocalStd + start, out: out + start * d)
      {
        return
      }
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
        let first = chunk * layerNormChunkRows, count = Swift.min(rows, first + layerNormChunkRows) - first
        if nativeLayerNormBackward(
          g + first * d, normalised: normalised + first * d, reciprocalStd: reciprocalStd + first, weight: w, rows: count,
          width: d, dx: dx.map { $0 + first * d }, dweight: dw, dbias: db)
        {
          continue
        }
        for r in (chunk * layerNormChunkRows)..<Swift.min(rows, (chunk + 1) * layerNormChunkRows) {
          layerNormBackwardRow(g, normalised: normalised, reciprocalStd: reciprocalStd, weight: w, r, width: d, dx: dx, dweight: dw, dbias: db)
        }
      }
    }
    for chunk in 0..<chunks {
      if nativeBinary(.add, UnsafePointer(dweight), 1, partial + 2 * chunk * d, 1, dweight, d),
        nativeBinary(.add, UnsafePointer(dbias), 1, partial + (2 * chunk + 1) * d, 1, dbias, d)
      {
        continue
      }
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
