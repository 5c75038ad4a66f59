/// A chart with numeric x and y axes holding lines, scatters, bands, histograms and heatmaps,
/// with reference lines and annotations; rendered in matplotlib's default look.
///
/// ```swift
/// var chart = Chart(title: "Loss vs step", xLabel: "step", yLabel: "loss", yScale: .log10)
/// chart.add(LineSeries(x: steps, y: losses, label: "lr 0.1"))
/// chart.annotate("diverged", at: Point(120, 3.2))
/// let image = try chart.render()   // 1200×800 RGBA
/// ```
public struct Chart: Figure, FrameDrawable {
  /// Text above the plot.
  public var title: String?
  /// Text under the x axis.
  public var xLabel: String?
  /// Text beside the y axis (rotated).
  public var yLabel: String?
  /// Scale of the x axis.
  public var xScale: AxisScale
  /// Scale of the y axis.
  public var yScale: AxisScale
  /// Explicit x limits; nil fits the data with a 5 % margin.
  public var xLimits: AxisLimits?
  /// Explicit y limits; nil fits the data with a 5 % margin.
  public var yLimits: AxisLimits?
  /// Where the legend goes (drawn when at least one series has a label).
  public var legend: LegendPlacement = .best
  /// Whether light grid lines mark the major ticks.
  public var showsGrid = true
  /// Colours for series without their own.
  public var palette: Palette = .default

  var layers: [any PlotLayer] = []
  var annotations: [Annotation] = []
  var referenceLines: [ReferenceLine] = []

  /// An empty chart.
  public init(
    title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, xScale: AxisScale = .linear,
    yScale: AxisScale = .linear, xLimits: AxisLimits? = nil, yLimits: AxisLimits? = nil
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xScale = xScale
    self.yScale = yScale
    self.xLimits = xLimits
    self.yLimits = yLimits
  }

  /// Adds a line; drawn above earlier series.
  public mutating func add(_ series: LineSeries) { layers.append(series) }
  /// Adds a scatter of markers.
  public mutating func add(_ series: ScatterSeries) { layers.append(series) }
  /// Adds a shaded band.
  public mutating func add(_ series: BandSeries) { layers.append(series) }
  /// Adds a histogram.
  public mutating func add(_ histogram: Histogram) { layers.append(histogram) }
  /// Adds a heatmap (add it first so that lines and points are drawn over it).
  public mutating func add(_ heatmap: Heatmap) { layers.append(heatmap) }
  /// Adds an annotation.
  public mutating func add(_ annotation: Annotation) { annotations.append(annotation) }
  /// Adds a reference line.
  public mutating func add(_ line: ReferenceLine) { referenceLines.append(line) }

  /// Writes `text` near the data point `point` with an arrow to it; the text goes at `textAt` (data
  /// coordinates) when given, otherwise where it hides the least data.
  public mutating func annotate(_ text: String, at point: Point, textAt: Point? = nil) {
    annotations.append(Annotation(text, at: point, placement: textAt.map { .data($0) } ?? .automatic))
  }

  /// Writes `text` offset from `point` by (`dx`, `dy`) points (y upwards), with an arrow to the point.
  public mutating func annotate(_ text: String, at point: Point, offset dx: Double, _ dy: Double) {
    annotations.append(Annotation(text, at: point, placement: .offset(dx: dx, dy: dy)))
  }

  /// Adds a dashed vertical line at `x`, optionally labelled (e.g. "fine-tuning starts").
  public mutating func addVerticalLine(at x: Double, label: String? = nil, color: Color = Color(hex: 0x555555)) {
    referenceLines.append(ReferenceLine(.vertical, at: x, label: label, color: color))
  }

  /// Adds a dashed horizontal line at `y`, optionally labelled (e.g. "chance").
  public mutating func addHorizontalLine(at y: Double, label: String? = nil, color: Color = Color(hex: 0x555555)) {
    referenceLines.append(ReferenceLine(.horizontal, at: y, label: label, color: color))
  }

  var spec: AxesSpec {
    AxesSpec(
      title: title, xLabel: xLabel, yLabel: yLabel, xScale: xScale, yScale: yScale, xLimits: xLimits,
      yLimits: yLimits, categories: nil, layers: layers, annotations: annotations, referenceLines: referenceLines,
      legend: legend, grid: showsGrid, palette: palette)
  }

  /// Renders `width × height` device pixels at `scale` device pixels per logical pixel (see ``Figure``).
  public func render(width: Int, height: Int, scale: Double) throws -> RGBAImage {
    try renderAlone(width: width, height: height, scale: scale)
  }

  func draw(in frame: Rect, canvas: inout Canvas, typesetter: Typesetter, theme: Theme) throws {
    try AxesRenderer(spec: spec, theme: theme, typesetter: typesetter).draw(in: frame, canvas: &canvas)
  }
}
