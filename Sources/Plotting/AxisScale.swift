/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Hashable {
  /// Position proportional to the value.
  case linear
  /// Position proportional to log₁₀ of the value; values ≤ 0 are not drawn.
  case log10
}

/// Explicit limits for an axis, in data units (`lower < upper`; both > 0 on a log axis).
public struct AxisLimits: Sendable, Hashable {
  /// The value at the start of the axis (left or bottom).
  public var lower: Double
  /// The value at the end of the axis (right or top).
  public var upper: Double

  /// Limits from `lower` to `upper`.
  public init(_ lower: Double, _ upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Throws if these limits cannot be drawn on an axis named `axis` with `scale`.
  func validated(axis: String, scale: AxisScale) throws -> ClosedRange<Double> {
    guard lower.isFinite, upper.isFinite else {
      throw PlotError.nonFiniteAxisLimits(axis: axis, lower: lower, upper: upper)
    }
    guard lower < upper else {
      throw PlotError.invalidAxisLimits(
        axis: axis, lower: lower, upper: upper, reason: "the lower limit must be below the upper limit")
    }
    if scale == .log10 && lower <= 0 {
      throw PlotError.invalidAxisLimits(
        axis: axis, lower: lower, upper: upper, reason: "a log axis needs limits above zero")
    }
    return lower...upper
  }
}

/// The map from data values on one axis to device pixels.
struct AxisMap: Sendable {
  let lower, upper: Double
  let scale: AxisScale
  /// Pixel position of `lower` and of `upper` (for a y axis, `start` is below `end`).
  let start, end: Double
  private let a: Double
  private let b: Double

  init(range: ClosedRange<Double>, scale: AxisScale, start: Double, end: Double) {
    lower = range.lowerBound
    upper = range.upperBound
    self.scale = scale
    self.start = start
    self.end = end
    let t0 = scale == .log10 ? decimalLog(range.lowerBound) : range.lowerBound
    let t1 = scale == .log10 ? decimalLog(range.upperBound) : range.upperBound
    let span = t1 - t0
    a = span > 0 && span.isFinite ? (end - start) / span : 0
    b = start - t0 * a
  }

  /// The value in the axis' own coordinate (the value itself, or its log₁₀); NaN when not drawable.
  @inline(__always)
  func transformed(_ v: Double) -> Double {
    switch scale {
    case .linear: return v
    case .log10: return v > 0 ? decimalLog(v) : .nan
    }
  }

  /// Pixel position of the data value `v`; NaN when `v` cannot be drawn (NaN, or ≤ 0 on a log axis).
  /// Values far outside the axis are clamped to ±10⁷ pixels so that later arithmetic stays finite.
  @inline(__always)
  func pixel(_ v: Double) -> Double {
    let t = transformed(v)
    if t.isNaN { return .nan }
    let p = a * t + b
    if p.isNaN { return .nan }
    return max(-1e7, min(1e7, p))
  }

  /// The data value at pixel position `p` (inverse of ``pixel(_:)``).
  func value(atPixel p: Double) -> Double {
    let t = a != 0 ? (p - b) / a : lower
    return scale == .log10 ? pow10(t) : t
  }

  func contains(_ v: Double) -> Bool {
    let tolerance = (upper - lower) * 1e-9
    return v >= lower - tolerance && v <= upper + tolerance
  }
}
