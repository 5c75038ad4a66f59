/// A line through points (x[i], y[i]) in order; NaN or infinite values leave a gap.
public struct LineSeries: Sendable {
  /// Horizontal coordinates, data units.
  public var x: [Double]
  /// Vertical coordinates, data units; same count as `x`.
  public var y: [Double]
  /// Legend text; nil keeps the series out of the legend.
  public var label: String?
  /// Line colour; nil takes the next palette colour.
  public var color: Color?
  /// Line width in points (matplotlib's default 1.5).
  public var width: Double
  /// Dash pattern.
  public var dash: LineDash
  /// A marker drawn at every point, or nil for none.
  public var marker: Marker?
  /// Marker diameter in points.
  public var markerSize: Double
  /// Opacity multiplied into the colour (0...1).
  public var opacity: Double

  /// A line through (x[i], y[i]).
  public init(
    x: [Double], y: [Double], label: String? = nil, color: Color? = nil, width: Double = 1.5, dash: LineDash = .solid,
    marker: Marker? = nil, markerSize: Double = 6, opacity: Double = 1
  ) {
    self.x = x
    self.y = y
    self.label = label
    self.color = color
    self.width = width
    self.dash = dash
    self.marker = marker
    self.markerSize = markerSize
    self.opacity = opacity
  }

  /// A line through (i, y[i]) for i = 0, 1, 2, …
  public init(
    y: [Double], label: String? = nil, color: Color? = nil, width: Double = 1.5, dash: LineDash = .solid,
    marker: Marker? = nil
  ) {
    self.init(x: y.indices.map(Double.init), y: y, label: label, color: color, width: width, dash: dash, marker: marker)
  }
}

extension LineSeries: PlotLayer {
  var legendLabel: String? { label }
  var explicitColor: Color? { color }

  func validate() throws {
    if let error = DataBounds.mismatch(x: x, y: y, series: label ?? "line") { throw error }
  }

  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    DataBounds.of(points: x, y, xScale: xScale, yScale: yScale)
  }

  func draw(in context: PlotContext, color: Color, canvas: inout Canvas) {
    let c = color.withAlpha(color.alpha * opacity)
    let runs = drawableRuns(x, y, context)
    let w = context.theme.pt(width)
    if width > 0 {
      let lines = runs.filter { $0.count > 1 }
      let points = lines.reduce(0) { $0 + $1.count }
      if dash == .solid && Double(points) >= context.plot.width {
        // About a point per pixel column or more: the fast column-span stroke.
        canvas.strokeDensePolylines(lines, width: w, color: c)
      } else {
        canvas.strokePolylines(lines, width: w, color: c, dash: dash.pattern(lineWidth: w, theme: context.theme))
      }
      // A run of one point has no segment: show it as a dot unless a marker already shows it.
      if marker == nil {
        for run in runs where run.count == 1 {
          canvas.fillCircle(center: run[0], radius: max(w, context.theme.pt(4) / 2), color: c)
        }
      }
    }
    if let marker {
      for run in runs {
        for p in run { canvas.drawMarker(marker, at: p, size: context.theme.pt(markerSize), fill: c, edge: nil, edgeWidth: 0) }
      }
    }
  }

  func swatch(color: Color) -> LegendSwatch {
    .line(color: color.withAlpha(color.alpha * opacity), width: width, dash: dash, marker: marker)
  }

  func occupancy(in context: PlotContext) -> [Point] {
    var samples: [Point] = []
    for run in drawableRuns(x, y, context) {
      samples.append(run[0])
      for i in 1..<max(1, run.count) {
        let a = run[i - 1]
        let b = run[i]
        let length = abs(b.x - a.x) + abs(b.y - a.y)
        let steps = min(200, Int(length / (context.theme.fontSize * 0.5)))
        if steps > 1 {
          for s in 1..<steps {
            let t = Double(s) / Double(steps)
            samples.append(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
          }
        }
        samples.append(b)
      }
    }
    return samples
  }
}

