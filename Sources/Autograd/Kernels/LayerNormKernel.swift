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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      layerNormForwardLoop(
        native,
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
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      layerNormBackwardLoop(
        native,
        g.scalars(T.self), normalised: normalised.scalars(T.self), reciprocalStd: reciprocalStd.scalars(T.self),
        weight: weight.scalars(T.self), rows: rows, width: width, dx: dx?.scalars(T.self),
        dweight: dweight.scalars(T.self), dbias: dbias.scalars(T.self))
    }
  }

  static func layerNormForwardLoop<S: TensorScalar>(
    _ native: NativeKernels<S>, _ x: UnsafePointer<S>, _ w: UnsafePointer<S>, _ b: UnsafePointer<S>, eps: S, rows: Int, width d: Int,
    normalised: UnsafeMutablePointer<S>, reciprocalStd: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    parallelRanges(rows, granule: 1, cost: 8 * d) { range in
      let start = range.lowerBound
      native.layerNormForward(
        x + start * d, w, b, eps: eps, rows: range.count, width: d, normalised: normalised + start * d,
        reciprocalStd: reciprocalStd + start, out: out + start * d)
    }
  }

  /// Rows per chunk of the weight and bias gradients: each chunk sums its rows, then the chunks are
  /// added in order, so the result does not depend on how many threads share the chunks.
  static let layerNormChunkRows = 64

  static func layerNormBackwardLoop<S: TensorScalar>(
    _ native: NativeKernels<S>, _ g: UnsafePointer<S>, normalised: UnsafePointer<S>, reciprocalStd: UnsafePointer<S>,
    weight w: UnsafePointer<S>, rows: Int, width d: Int, dx: UnsafeMutablePointer<S>?, dweight: UnsafeMutablePointer<S>,
    dbias: UnsafeMutablePointer<S>
  ) {
    let chunks = (rows + layerNormChunkRows - 1) / layerNormChunkRows
    let partial = UnsafeMutablePointer<S>.allocate(capacity: 2 * chunks * d)
    partial.initialize(repeating: 0, count: 2 * chunks * d)
    defer { partial.deallocate() }
    parallelRanges(chunks, granule: 1, cost: 8 * d * layerNormChunkRows) { range in
      for chunk in range {
        let dw = partial + 2 * chunk * d, db = dw + d
        let first = chunk * layerNormChunkRows, count = Swift.min(rows, first + layerNormChunkRows) - first
        native.layerNormBackward(
          g + first * d, normalised: normalised + first * d, reciprocalStd: reciprocalStd + first, weight: w, rows: count,
          width: d, dx: dx.map { $0 + first * d }, dweight: dw, dbias: db)
      }
    }
    for chunk in 0..<chunks {
      native.binary(.add, UnsafePointer(dweight), 1, partial + 2 * chunk * d, 1, dweight, d)
      native.binary(.add, UnsafePointer(dbias), 1, partial + (2 * chunk + 1) * d, 1, dbias, d)
    }
  }
}
