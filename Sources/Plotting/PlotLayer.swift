/// The extent of a layer's drawable data along both axes (only values drawable on each axis' scale).
struct DataBounds: Sendable {
  var xMin = Double.infinity
  var xMax = -Double.infinity
  var yMin = Double.infinity
  var yMax = -Double.infinity
  /// Values that margins must not cross (e.g. 0 at the foot of bars), per axis.
  var stickyX: [Double] = []
  var stickyY: [Double] = []

  var hasX: Bool { xMin <= xMax }
  var hasY: Bool { yMin <= yMax }

  mutating func includeX(_ v: Double, scale: AxisScale) {
    guard v.isFinite, scale == .linear || v > 0 else { return }
    xMin = min(xMin, v)
    xMax = max(xMax, v)
  }

  mutating func includeY(_ v: Double, scale: AxisScale) {
    guard v.isFinite, scale == .linear || v > 0 else { return }
    yMin = min(yMin, v)
    yMax = max(yMax, v)
  }

  /// The bounds of the points (x[i], y[i]) whose coordinates are both finite.
  static func of(points x: [Double], _ y: [Double], xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    var b = DataBounds()
    for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
      b.includeX(x[i], scale: xScale)
      b.includeY(y[i], scale: yScale)
    }
    return b
  }

  /// A length-mismatch error for a series of paired x and y values, or nil when they pair up.
  static func mismatch(x: [Double], y: [Double], series: String) -> PlotError? {
    x.count == y.count ? nil : .mismatchedLengths(series: series, reason: "x has \(x.count) values but y has \(y.count)")
  }

  mutating func merge(_ o: DataBounds) {
    xMin = min(xMin, o.xMin)
    xMax = max(xMax, o.xMax)
    yMin = min(yMin, o.yMin)
    yMax = max(yMax, o.yMax)
    stickyX += o.stickyX
    stickyY += o.stickyY
  }
}

/// Everything a layer needs to draw itself inside the plot area.
struct PlotContext {
  let x: AxisMap
  let y: AxisMap
  /// The plot area in device pixels.
  let plot: Rect
  let theme: Theme
  let typesetter: Typesetter

  @inline(__always)
  func pixel(_ dx: Double, _ dy: Double) -> Point { Point(x.pixel(dx), y.pixel(dy)) }
}

/// How a series appears in the legend.
enum LegendSwatch: Sendable {
  case line(color: Color, width: Double, dash: LineDash, marker: Marker?)
  case marker(Marker, color: Color, edge: Color?)
  case patch(color: Color)
}

/// One drawable series inside an axes (line, scatter, band, bars, histogram, heatmap).
protocol PlotLayer: Sendable {
  /// The legend text, or nil to leave the layer out of the legend.
  var legendLabel: String? { get }
  /// Whether the layer takes the next palette colour when it has none of its own.
  var usesPaletteColor: Bool { get }
  /// The colour set by the caller, if any.
  var explicitColor: Color? { get }
  /// Drawing order as matplotlib's zorder: images 0, filled patches 1, lines and markers 2.
  var zOrder: Int { get }
  /// Throws if the data cannot be drawn (e.g. mismatched lengths).
  func validate() throws
  /// The drawable extent of the data on the given scales.
  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds
  /// Draws the layer clipped to the plot area.
  func draw(in context: PlotContext, color: Color, canvas: inout Canvas)
  /// The legend swatch in the resolved colour.
  func swatch(color: Color) -> LegendSwatch
  /// Device-pixel sample points of where the layer puts ink, for legend placement.
  func occupancy(in context: PlotContext) -> [Point]
}

extension PlotLayer {
  var usesPaletteColor: Bool { true }
  var zOrder: Int { 2 }
}

/// At most `limit` evenly spaced samples of `points` (legend placement needs density, not every point).
func thinned(_ points: [Point], limit: Int = 4000) -> [Point] {
  guard points.count > limit else { return points }
  let step = Double(points.count) / Double(limit)
  return (0..<limit).map { points[Int(Double($0) * step)] }
}

/// Splits parallel coordinate arrays into runs of consecutive drawable pixel points
/// (a NaN, an infinity or a non-positive value on a log axis ends a run).
func drawableRuns(_ xs: [Double], _ ys: [Double], _ context: PlotContext) -> [[Point]] {
  var runs: [[Point]] = []
  var current: [Point] = []
  let n = min(xs.count, ys.count)
  current.reserveCapacity(n)
  for i in 0..<n {
    let p = context.pixel(xs[i], ys[i])
    if p.isFinite && xs[i].isFinite && ys[i].isFinite {
      current.append(p)
    } else if !current.isEmpty {
      runs.append(current)
      current = []
    }
  }
  if !current.isEmpty { runs.append(current) }
  return runs
}
