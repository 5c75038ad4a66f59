/// A shaded region between `lower[i]` and `upper[i]` over `x[i]` (e.g. min–max or mean ± std);
/// a NaN or infinite value splits the band.
public struct BandSeries: Sendable {
  /// Horizontal coordinates, data units.
  public var x: [Double]
  /// Lower edge, data units; same count as `x`.
  public var lower: [Double]
  /// Upper edge, data units; same count as `x`.
  public var upper: [Double]
  /// Legend text; nil keeps the band out of the legend.
  public var label: String?
  /// Fill colour; nil takes the next palette colour.
  public var color: Color?
  /// Fill opacity (0...1); matplotlib examples typically use 0.2–0.3.
  public var opacity: Double

  /// A band between `lower` and `upper`.
  public init(
    x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil, opacity: Double = 0.25
  ) {
    self.x = x
    self.lower = lower
    self.upper = upper
    self.label = label
    self.color = color
    self.opacity = opacity
  }

  /// A band from `mean[i] − k·std[i]` to `mean[i] + k·std[i]`.
  public init(
    x: [Double], mean: [Double], standardDeviation std: [Double], k: Double = 1, label: String? = nil,
    color: Color? = nil, opacity: Double = 0.25
  ) {
    let n = min(mean.count, std.count)
    self.init(
      x: x, lower: (0..<n).map { mean[$0] - k * std[$0] }, upper: (0..<n).map { mean[$0] + k * std[$0] }, label: label,
      color: color, opacity: opacity)
  }
}

extension BandSeries: PlotLayer {
  var legendLabel: String? { label }
  var zOrder: Int { 1 }
  var explicitColor: Color? { color }

  func validate() throws {
    guard x.count == lower.count, x.count == upper.count else {
      throw PlotError.mismatchedLengths(
        series: label ?? "band",
        reason: "x has \(x.count) values, lower \(lower.count) and upper \(upper.count); they must match")
    }
  }

  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    var b = DataBounds()
    for i in 0..<min(x.count, lower.count, upper.count) where x[i].isFinite {
      b.includeX(x[i], scale: xScale)
      b.includeY(lower[i], scale: yScale)
      b.includeY(upper[i], scale: yScale)
    }
    return b
  }

  /// Pixel outlines of the band's pieces between gaps.
  private func outlines(_ context: PlotContext) -> [[Point]] {
    var pieces: [[Point]] = []
    var top: [Point] = []
    var bottom: [Point] = []
    func flush() {
      if top.count >= 2 { pieces.append(top + bottom.reversed()) }
      top = []
      bottom = []
    }
    for i in 0..<min(x.count, lower.count, upper.count) {
      let a = context.pixel(x[i], upper[i])
      let b = context.pixel(x[i], lower[i])
      if a.isFinite && b.isFinite && x[i].isFinite && lower[i].isFinite && upper[i].isFinite {
        top.append(a)
        bottom.append(b)
      } else {
        flush()
      }
    }
    flush()
    return pieces
  }

  func draw(in context: PlotContext, color: Color, canvas: inout Canvas) {
    let pieces = outlines(context)
    let fill = color.withAlpha(color.alpha * opacity)
    // Each piece is filled on its own so that a self-crossing band is still fully shaded.
    for piece in pieces { canvas.fillPolygon([piece], color: fill) }
    // A single point still shows: a short vertical bar.
    if pieces.isEmpty, x.count == 1, let p = Optional(context.pixel(x[0], upper[0])),
      case let q = context.pixel(x[0], lower[0]), p.isFinite, q.isFinite
    {
      canvas.strokePolyline([p, q], width: context.theme.lineWidth * 2, color: fill)
    }
  }

  func swatch(color: Color) -> LegendSwatch { .patch(color: color.withAlpha(color.alpha * opacity)) }

  func occupancy(in context: PlotContext) -> [Point] {
    var samples: [Point] = []
    let step = context.theme.fontSize * 0.5
    for i in 0..<min(x.count, lower.count, upper.count) {
      let a = context.pixel(x[i], upper[i])
      let b = context.pixel(x[i], lower[i])
      guard a.isFinite, b.isFinite else { continue }
      let n = min(100, Int(abs(b.y - a.y) / step))
      for s in 0...n { samples.append(Point(a.x, a.y + (b.y - a.y) * Double(s) / Double(max(n, 1)))) }
    }
    return samples
  }
}
