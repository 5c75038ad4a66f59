/// Softmax and log-softmax of rows, computed stably by subtracting each row's maximum (their
/// backward is composed from other entry points in Ops/Softmax.swift).
extension Kernels {
  /// `rows` rows of `width` values: y = e^(x − max) / Σ e^(x − max), or with `logarithmic`
  /// y = x − max − log Σ e^(x − max). A row that is entirely −∞ uses max = 0.
  struct SoftmaxRows: KernelEntryPoint {
    let x: UnsafeRawPointer, out: UnsafeMutableRawPointer, rows: Int, width: Int, logarithmic: Bool

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func reference<T: TensorScalar>(_: T.Type) {
      let (x, out) = (x.scalars(T.self), out.scalars(T.self))
      for start in stride(from: 0, to: rows * width, by: width) {
        var peak = -T.infinity
        for j in start..<(start + width) where x[j] > peak { peak = x[j] }
        if peak == -T.infinity { peak = 0 }
        var total: T = 0
        for j in start..<(start + width) { total += T.exponential(x[j] - peak) }
        for j in start..<(start + width) {
          out[j] = logarithmic ? x[j] - peak - T.logarithm(total) : T.exponential(x[j] - peak) / total
        }
      }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func fast<T: TensorScalar>(_ native: NativeKernels<T>) {
      softmaxRowsParallel(native, x.scalars(T.self), out.scalars(T.self), rows: rows, width: width, logarithmic: logarithmic)
    }
  }

  /// Softmax (or log-softmax) of `rows` rows of `width` values from `x` into `out`, rows split across threads.
  static func softmaxRowsParallel<S: TensorScalar>(_ native: NativeKernels<S>, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, width: Int, logarithmic: Bool) {
    parallelRanges(rows, granule: 1, cost: 8 * width) { range in
      let start = range.lowerBound * width
      if native.softmaxRows(x + start, out + start, rows: range.count, width: width, stride: width, logarithmic: logarithmic) { return }
      for r in range { softmaxRowLoop(native, x + r * width, out + r * width, width, logarithmic: logarithmic) }
    }
  }

  /// One row: y = e^(x − max) / Σ e^(x − max), or x − max − log Σ e^(x − max) (`out` may be `x`
  /// when not logarithmic).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  @inline(__always)
  static func softmaxRowLoop<S: TensorScalar>(_ native: NativeKernels<S>, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ width: Int, logarithmic: Bool) {
    if native.softmaxRows(x, out, rows: 1, width: width, stride: width, logarithmic: logarithmic) { return }
    var peak = -S.infinity
    for j in 0..<width where x[j] > peak { peak = x[j] }
    if peak == -S.infinity { peak = 0 }  // a fully masked row stays finite in log space
    withUnsafePointer(to: peak) { p in native.binary(.subtract, x, 1, p, 0, out, width) }
    unaryLoop(native, .exp, UnsafePointer(out), out, width)
    let total = native.sum(UnsafePointer(out), width)
    if logarithmic {
      let logTotal = S.logarithm(total) + peak
      withUnsafePointer(to: logTotal) { p in native.binary(.subtract, x, 1, p, 0, out, width) }
    } else {
      let inverse = 1 / total
      withUnsafePointer(to: inverse) { p in native.binary(.multiply, UnsafePointer(out), 1, p, 0, out, width) }
    }
  }
}
