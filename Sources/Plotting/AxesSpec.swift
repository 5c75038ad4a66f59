/// Everything needed to draw one set of axes; built by ``Chart`` and ``BarChart``.
struct AxesSpec: Sendable {
  var title: String?
  var xLabel: String?
  var yLabel: String?
  var xScale: AxisScale = .linear
  var yScale: AxisScale = .linear
  var xLimits: AxisLimits?
  var yLimits: AxisLimits?
  /// Category names at x = 0, 1, 2, … (a categorical x axis), or nil for a numeric one.
  var categories: [String]?
  var layers: [any PlotLayer] = []
  var annotations: [Annotation] = []
  var referenceLines: [ReferenceLine] = []
  var legend: LegendPlacement = .best
  var grid: Bool = true
  var palette: Palette = .default
}

/// The resolved layout of an axes inside its frame (device pixels).
struct AxesLayout {
  var plot: Rect
  var xTicks: AxisTicks
  var yTicks: AxisTicks
  var xMap: AxisMap
  var yMap: AxisMap
  /// Colour bar rectangle and its ticks, when a heatmap asks for one.
  var colorbar: (rect: Rect, ticks: AxisTicks, heatmap: Heatmap)?
}
