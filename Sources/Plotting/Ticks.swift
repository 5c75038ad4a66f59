import Foundation

/// The tick marks of one axis: the limits, major tick values with their labels, and minor tick values.
public struct AxisTicks: Sendable, Equatable {
  /// The axis limits the ticks were chosen for (padded when the requested range was a single value).
  public var range: ClosedRange<Double>
  /// Major tick positions in data units, ascending, all inside `range`.
  public var major: [Double]
  /// One label per major tick.
  public var labels: [String]
  /// Minor tick positions in data units (unlabelled), inside `range`.
  public var minor: [Double]
}

/// Choosing "nice" tick positions and labels for an axis.
public enum Ticks {
  /// Ticks for `range` on `scale`, with at most `maxCount` labelled major ticks.
  public static func make(for range: ClosedRange<Double>, scale: AxisScale, maxCount: Int = 8) -> AxisTicks {
    switch scale {
    case .linear: return linear(range, maxCount: maxCount)
    case .log10: return logarithmic(range, maxCount: maxCount)
    }
  }

  /// A range that contains the data `[dataMin, dataMax]` with a margin of `margin` × the span on each
  /// side (in log₁₀ units on a log scale). A single value v becomes v ± 10 % (±1 for 0; ×/÷ √10 on a log scale).
  public static func autoRange(dataMin: Double, dataMax: Double, scale: AxisScale, margin: Double = 0.05)
    -> ClosedRange<Double>
  {
    switch scale {
    case .linear:
      guard dataMin.isFinite, dataMax.isFinite, dataMin <= dataMax else { return 0...1 }
      let padded = padDegenerate(dataMin...dataMax)
      if padded != dataMin...dataMax { return padded }
      let span = dataMax / 2 - dataMin / 2
      let lower = dataMin - 2 * span * margin
      let upper = dataMax + 2 * span * margin
      return lower.isFinite && upper.isFinite ? lower...upper : dataMin...dataMax
    case .log10:
      guard dataMin > 0, dataMax.isFinite, dataMin <= dataMax else { return 1...10 }
      let t0 = Foundation.log10(dataMin)
      let t1 = Foundation.log10(dataMax)
      if t1 - t0 < 1e-9 {
        return max(dataMin / 10.0.squareRoot(), .leastNonzeroMagnitude)...min(dataMax * 10.0.squareRoot(), .greatestFiniteMagnitude)
      }
      let pad = (t1 - t0) * margin
      let lower = max(pow10(t0 - pad), .leastNonzeroMagnitude)
      let upper = min(pow10(t1 + pad), .greatestFiniteMagnitude)
      return lower < upper ? lower...upper : dataMin...dataMax
    }
  }

  /// `range` itself, or v ± 10 % when it is the single value v (±1 when v is 0).
  static func padDegenerate(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
    let lo = range.lowerBound
    let hi = range.upperBound
    let scale = max(abs(lo), abs(hi))
    if hi - lo > scale * 1e-12 && hi - lo > 1e-300 { return range }
    if scale == 0 { return -1...1 }
    let d = scale * 0.1
    let lower = max(lo - d, -.greatestFiniteMagnitude)
    let upper = min(hi + d, .greatestFiniteMagnitude)
    return lower < upper ? lower...upper : range
  }

  /// Linear ticks: a step of 1, 2 or 5 × 10ᵏ, the smallest giving at most `maxCount` ticks in `range`.
  public static func linear(_ range: ClosedRange<Double>, maxCount: Int = 8) -> AxisTicks {
    let r = padDegenerate(range)
    let lo = r.lowerBound
    let hi = r.upperBound
    let count = max(2, maxCount)
    let step = niceStep(lo, hi, maxCount: count)
    let first = (lo / step).rounded(.up)
    let last = (hi / step).rounded(.down)
    var major: [Double] = []
    if step.isFinite && step > 0 && last - first < 1000 {
      var k = first
      while k <= last {
        let v = k * step
        major.append(v == 0 ? 0 : v)
        k += 1
      }
    }
    if major.isEmpty { major = [lo, hi] }
    // Minor ticks: 5 per major step for 1 and 5 steps... simpler: half steps for 2×, fifths otherwise.
    let mantissa = (step / pow10(Foundation.log10(step).rounded(.down))).rounded()
    let minorStep = step / (mantissa == 2 ? 4 : 5)
    var minor: [Double] = []
    if minorStep.isFinite && minorStep > 0 && (hi - lo) / minorStep < 2000 {
      var k = (lo / minorStep).rounded(.up)
      let kEnd = (hi / minorStep).rounded(.down)
      while k <= kEnd {
        let v = k * minorStep
        if !major.contains(where: { abs($0 - v) < minorStep * 1e-6 }) { minor.append(v) }
        k += 1
      }
    }
    return AxisTicks(range: r, major: major, labels: formatLinear(major, step: step), minor: minor)
  }

  /// The smallest step in {1, 2, 5} × 10ᵏ that puts at most `maxCount` ticks in `[lo, hi]`.
  static func niceStep(_ lo: Double, _ hi: Double, maxCount: Int) -> Double {
    let span = hi / 2 - lo / 2  // halved so that ±1e308 does not overflow
    guard span > 0, span.isFinite else { return 1 }
    let raw = 2 * span / Double(maxCount)
    var magnitude = pow10(Foundation.log10(raw).rounded(.down) - 1)
    if magnitude == 0 || !magnitude.isFinite { magnitude = raw }
    for _ in 0..<40 {
      for m in [1.0, 2.0, 5.0] {
        let step = m * magnitude
        let n = (hi / step).rounded(.down) - (lo / step).rounded(.up) + 1
        if n <= Double(maxCount) && step.isFinite { return step }
      }
      magnitude *= 10
    }
    return raw
  }

  /// Labels for linear ticks `values` spaced `step` apart: plain decimals with as many places as
  /// the step needs, or "2.5e−5"/"3e8" style when the values are very small or very large
  /// (negative signs are U+2212 MINUS SIGN, as matplotlib).
  public static func formatLinear(_ values: [Double], step: Double) -> [String] {
    let maxAbs = values.map(abs).max() ?? 0
    let scientific = maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4)
    let stepExponent = floorLog10(step)
    if !scientific {
      let decimals = max(0, -stepExponent)
      return values.map { plain($0, decimals: decimals) }
    }
    return values.map { v in
      if v == 0 { return "0" }
      let exponent = floorLog10(v)
      let mantissa = (v < 0 ? -1 : 1) * pow10(Foundation.log10(abs(v)) - Double(exponent))  // finite even for subnormals
      let digits = max(0, min(15, exponent - stepExponent))
      var text = String(format: "%.\(digits)f", mantissa)
      // A mantissa that rounds up to 10 moves to the next exponent.
      if text.hasPrefix("10") || text.hasPrefix("-10") {
        return scientificLabel(mantissa / 10, exponent + 1, digits)
      }
      text = trimZeros(text)
      return withMinusSign("\(text)e\(exponent)")
    }
  }

  private static func scientificLabel(_ mantissa: Double, _ exponent: Int, _ digits: Int) -> String {
    withMinusSign("\(trimZeros(String(format: "%.\(digits)f", mantissa)))e\(exponent)")
  }

  private static func trimZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var t = text
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t.removeLast() }
    return t
  }

  /// ⌊log₁₀ |v|⌋, or 0 when v is zero or not finite.
  static func floorLog10(_ v: Double) -> Int {
    let t = Foundation.log10(abs(v)).rounded(.down)
    return t.isFinite ? Int(max(-400, min(400, t))) : 0
  }

  /// `v` with `decimals` places, never "-0", with a typographic minus sign (U+2212) as matplotlib.
  static func plain(_ v: Double, decimals: Int) -> String {
    guard v.isFinite else { return "" }
    let text = String(format: "%.\(min(decimals, 15))f", v)
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
    return withMinusSign(text)
  }

  /// `text` with ASCII hyphen-minus signs replaced by the minus sign U+2212.
  static func withMinusSign(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\u{2212}") }

  /// Log ticks: majors at powers of ten (every k-th decade when there are too many), labelled 10ᵏ with
  /// superscript digits, minors at 2…9 × 10ᵏ. Ranges narrower than about a decade get ticks at
  /// 1, 2, 5 × 10ᵏ (or 1…9 × 10ᵏ) labelled in plain numbers.
  public static func logarithmic(_ range: ClosedRange<Double>, maxCount: Int = 8) -> AxisTicks {
    var lo = range.lowerBound
    var hi = range.upperBound
    if !(lo > 0) || !hi.isFinite || hi <= lo || Foundation.log10(hi) - Foundation.log10(lo) < 1e-9 {
      let v = lo > 0 && lo.isFinite ? lo : (hi > 0 && hi.isFinite ? hi : 1)
      lo = v / 10.0.squareRoot()
      hi = v * 10.0.squareRoot()
    }
    let r = lo...hi
    let t0 = Foundation.log10(lo)
    let t1 = Foundation.log10(hi)
    let firstDecade = Int((t0 - 1e-9).rounded(.up))
    let lastDecade = Int((t1 + 1e-9).rounded(.down))
    let decades = lastDecade - firstDecade + 1
    let count = max(2, maxCount)
    if decades >= 2 {
      var every = 1
      while (decades + every - 1) / every > count { every = every == 1 ? 2 : (every == 2 ? 5 : every * 2) }
      // Align majors to multiples of `every` so that 10⁰ is a tick when in range.
      var major: [Double] = []
      var labels: [String] = []
      var minor: [Double] = []
      for k in firstDecade...lastDecade {
        let value = pow10(Double(k))
        if k % every == 0 {
          major.append(value)
          labels.append(powerOfTenLabel(k))
        } else {
          minor.append(value)
        }
      }
      if major.count < 2 {  // alignment left too few labels: label every `every`-th decade from the first
        major = []
        labels = []
        minor = []
        for (i, k) in (firstDecade...lastDecade).enumerated() {
          if i % every == 0 {
            major.append(pow10(Double(k)))
            labels.append(powerOfTenLabel(k))
          } else {
            minor.append(pow10(Double(k)))
          }
        }
      }
      if every == 1 && decades <= 12 {
        for k in (firstDecade - 1)...lastDecade {
          for m in 2...9 {
            let v = Double(m) * pow10(Double(k))
            if v >= lo && v <= hi { minor.append(v) }
          }
        }
      }
      return AxisTicks(range: r, major: major, labels: labels, minor: minor.sorted())
    }
    // Less than two powers of ten in range: label 1-2-5 (or every integer mantissa).
    for mantissas in [[1.0, 2.0, 5.0], [1.0, 2, 3, 4, 5, 6, 7, 8, 9]] {
      var major: [Double] = []
      for k in (firstDecade - 1)...(lastDecade + 1) {
        for m in mantissas {
          let v = m * pow10(Double(k))
          if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { major.append(v) }
        }
      }
      if major.count >= 2 || mantissas.count == 9 {
        if major.count > count { major = stride(from: 0, to: major.count, by: 2).map { major[$0] } }
        let labels = major.map { formatMantissaValue($0) }
        var minor: [Double] = []
        for k in (firstDecade - 1)...(lastDecade + 1) {
          for m in 1...9 {
            let v = Double(m) * pow10(Double(k))
            if v >= lo && v <= hi && !major.contains(where: { abs($0 - v) <= v * 1e-9 }) { minor.append(v) }
          }
        }
        if major.isEmpty {
          return AxisTicks(range: r, major: [lo, hi], labels: formatLinear([lo, hi], step: hi - lo), minor: minor)
        }
        return AxisTicks(range: r, major: major, labels: labels, minor: minor)
      }
    }
    return AxisTicks(range: r, major: [lo, hi], labels: formatLinear([lo, hi], step: hi - lo), minor: [])
  }

  /// "10" followed by `k` in Unicode superscript digits, e.g. 10⁻³.
  public static func powerOfTenLabel(_ k: Int) -> String {
    let superscripts: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return "10" + String(String(k).map { superscripts[$0] ?? $0 })
  }

  /// A value of the form m × 10ᵏ (m a small integer) in plain notation, or "2e-7" style when extreme.
  static func formatMantissaValue(_ v: Double) -> String {
    guard v > 0, v.isFinite else { return plain(v.isFinite ? v : 0, decimals: 0) }
    let exponent = floorLog10(v)
    if exponent >= 6 || exponent <= -5 {
      let mantissa = pow10(Foundation.log10(v) - Double(exponent)).rounded()
      return withMinusSign("\(mantissa.isFinite ? Int(mantissa) : 1)e\(exponent)")
    }
    return plain(v, decimals: max(0, -exponent))
  }
}
