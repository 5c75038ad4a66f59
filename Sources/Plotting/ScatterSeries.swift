/// Unconnected markers at points (x[i], y[i]); points with NaN or infinite coordinates are skipped.
public struct ScatterSeries: Sendable {
  /// Horizontal coordinates, data units.
  public var x: [Double]
  /// Vertical coordinates, data units; same count as `x`.
  public var y: [Double]
  /// Legend text; nil keeps the series out of the legend.
  public var label: String?
  /// Fill colour; nil takes the next palette colour.
  public var color: Color?
  /// Marker shape.
  public var marker: Marker
  /// Marker diameter in points (matplotlib's default 6).
  public var size: Double
  /// Opacity multiplied into the fill colour (0...1).
  public var opacity: Double
  /// Outline colour (e.g. white to stand out on a heatmap), or nil for none.
  public var edgeColor: Color?

  /// Markers at (x[i], y[i]).
  public init(
    x: [Double], y: [Double], label: String? = nil, color: Color? = nil, marker: Marker = .circle, size: Double = 6,
    opacity: Double = 0.9, edgeColor: Color? = nil
  ) {
    self.x = x
    self.y = y
    self.label = label
    self.color = color
    self.marker = marker
    self.size = size
    self.opacity = opacity
    self.edgeColor = edgeColor
  }
}

extension ScatterSeries: PlotLayer {
  var legendLabel: String? { label }
  var explicitColor: Color? { color }

  func validate() throws {
    if let error = DataBounds.mismatch(x: x, y: y, series: label ?? "scatter") { throw error }
  }

  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    DataBounds.of(points: x, y, xScale: xScale, yScale: yScale)
  }

  func draw(in context: PlotContext, color: Color, canvas: inout Canvas) {
    let fill = color.withAlpha(color.alpha * opacity)
    let size = context.theme.pt(self.size)
    let edgeWidth = context.theme.pt(0.6)
    for i in 0..<min(x.count, y.count) {
      let p = context.pixel(x[i], y[i])
      guard p.isFinite, x[i].isFinite, y[i].isFinite else { continue }
      canvas.drawMarker(marker, at: p, size: size, fill: fill, edge: edgeColor, edgeWidth: edgeWidth)
    }
  }

  func swatch(color: Color) -> LegendSwatch {
    .marker(marker, color: color.withAlpha(color.alpha * opacity), edge: edgeColor)
  }

  func occupancy(in context: PlotContext) -> [Point] {
    (0..<min(x.count, y.count)).map { context.pixel(x[$0], y[$0]) }.filter(\.isFinite)
  }
}
