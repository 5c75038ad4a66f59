import Foundation

/// One set of bars in a ``BarChart``: one value per category.
public struct BarSeries: Sendable {
  /// Legend text; nil keeps the series out of the legend.
  public var label: String?
  /// Bar heights, one per category, data units (NaN leaves the bar out).
  public var values: [Double]
  /// Bar colour; nil takes the next palette colour.
  public var color: Color?
  /// Opacity (0...1).
  public var opacity: Double
  /// An interval per bar (e.g. a 95% confidence interval), drawn as a whisker with caps; nil draws none.
  public var intervals: [ClosedRange<Double>]?

  /// Bars of `values`, one per category, with optional `intervals` (one per value).
  public init(
    label: String? = nil, values: [Double], color: Color? = nil, opacity: Double = 1, intervals: [ClosedRange<Double>]? = nil
  ) {
    self.label = label
    self.values = values
    self.color = color
    self.opacity = opacity
    self.intervals = intervals
  }
}

/// A bar chart over named categories; several ``BarSeries`` are drawn side by side (grouped).
///
/// ```swift
/// var chart = BarChart(title: "Accuracy", categories: ["SGD", "Adam"], yLabel: "accuracy")
/// chart.add(BarSeries(label: "train", values: [0.91, 0.97]))
/// chart.add(BarSeries(label: "test", values: [0.88, 0.93]))
/// ```
public struct BarChart: Figure, FrameDrawable {
  /// Text above the plot.
  public var title: String?
  /// The category names along the x axis ("\n" breaks a long name).
  public var categories: [String]
  /// Text under the x axis.
  public var xLabel: String?
  /// Text beside the y axis.
  public var yLabel: String?
  /// Scale of the value axis.
  public var yScale: AxisScale
  /// Explicit value limits; nil fits the bars (from 0) with a 5 % margin at the top.
  public var yLimits: AxisLimits?
  /// Where the legend goes (drawn when a series has a label).
  public var legend: LegendPlacement = .best
  /// Whether light horizontal grid lines mark the value ticks.
  public var showsGrid = true
  /// Whether each bar's value is written above it.
  public var showsValues = false
  /// Colours for series without their own.
  public var palette: Palette = .default
  /// Fraction of each category's width covered by its group of bars.
  public var groupWidth = 0.8

  var series: [BarSeries] = []
  var referenceLines: [ReferenceLine] = []
  var annotations: [Annotation] = []

  /// An empty bar chart over `categories`.
  public init(
    title: String? = nil, categories: [String], xLabel: String? = nil, yLabel: String? = nil,
    yScale: AxisScale = .linear, yLimits: AxisLimits? = nil
  ) {
    self.title = title
    self.categories = categories
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.yScale = yScale
    self.yLimits = yLimits
  }

  /// Adds a series of bars, placed to the right of earlier series within each group.
  public mutating func add(_ series: BarSeries) { self.series.append(series) }

  /// Adds a dashed horizontal line at `y`, optionally labelled (e.g. "chance").
  public mutating func addHorizontalLine(at y: Double, label: String? = nil, color: Color = Color(hex: 0x555555)) {
    referenceLines.append(ReferenceLine(.horizontal, at: y, label: label, color: color))
  }

  /// Adds an annotation; x is the category index (0, 1, …).
  public mutating func add(_ annotation: Annotation) { annotations.append(annotation) }

  var spec: AxesSpec {
    let n = series.count
    let width = groupWidth / Double(max(1, n))
    let layers: [any PlotLayer] = series.enumerated().map { index, s in
      BarLayer(
        series: s, categoryCount: categories.count, offset: -groupWidth / 2 + (Double(index) + 0.5) * width,
        width: width * 0.95, showsValues: showsValues, seriesIndex: index,
        groupTops: categories.indices.map { c in series.compactMap { $0.values.indices.contains(c) && $0.values[c].isFinite ? $0.values[c] : nil }.max() ?? 0 })
    }
    return AxesSpec(
      title: title, xLabel: xLabel, yLabel: yLabel, xScale: .linear, yScale: yScale, xLimits: nil, yLimits: yLimits,
      categories: categories, layers: layers, annotations: annotations, referenceLines: referenceLines,
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

/// The bars of one series at category positions 0, 1, 2, … shifted by `offset`.
struct BarLayer: PlotLayer {
  let series: BarSeries
  let categoryCount: Int
  let offset, width: Double
  let showsValues: Bool
  /// The series' place in its group (odd series' labels go one line higher when labels are staggered).
  var seriesIndex = 0
  /// The largest value of each category over all series (a staggered label goes above the whole group).
  var groupTops: [Double] = []

  var legendLabel: String? { series.label }
  var explicitColor: Color? { series.color }
  var zOrder: Int { 1 }

  func validate() throws {
    guard series.values.count == categoryCount else {
      throw PlotError.mismatchedLengths(
        series: series.label ?? "bars",
        reason: "it has \(series.values.count) values for \(categoryCount) categories")
    }
    if let intervals = series.intervals, intervals.count != categoryCount {
      throw PlotError.mismatchedLengths(
        series: series.label ?? "bars", reason: "it has \(intervals.count) intervals for \(categoryCount) categories")
    }
  }

  func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds {
    var b = DataBounds()
    for v in series.values { b.includeY(v, scale: yScale) }
    for interval in series.intervals ?? [] { b.includeY(interval.lowerBound, scale: yScale); b.includeY(interval.upperBound, scale: yScale) }
    if yScale == .linear { b.includeY(0, scale: yScale) }
    b.stickyY = [0]
    return b
  }

  /// The bars plus, when values are shown, the space their labels take (for legend placement).
  private func barsWithLabels(_ context: PlotContext) -> [(Double, Double, Double, Double)] {
    let all = bars(context) + whiskerBoxes()
    guard showsValues else { return all }
    let span = context.y.value(atPixel: context.y.start - context.theme.smallSize * 2.6) - context.y.value(atPixel: context.y.start)
    return all + all.map { ($0.0, $0.1, $0.3, $0.3 >= 0 ? $0.3 + span : $0.3 - span) }
  }

  private func bars(_ context: PlotContext) -> [(Double, Double, Double, Double)] {
    let base = context.y.scale == .log10 ? context.y.lower : 0
    return series.values.enumerated().compactMap { i, v in
      v.isFinite ? (Double(i) + offset - width / 2, Double(i) + offset + width / 2, base, v) : nil
    }
  }

  /// The whiskers' extents as boxes (for legend placement).
  private func whiskerBoxes() -> [(Double, Double, Double, Double)] {
    (series.intervals ?? []).enumerated().map { i, r in
      (Double(i) + offset - width / 4, Double(i) + offset + width / 4, r.lowerBound, r.upperBound)
    }
  }

  func draw(in context: PlotContext, color: Color, canvas: inout Canvas) {
    let fill = color.withAlpha(color.alpha * series.opacity)
    for (i, interval) in (series.intervals ?? []).enumerated() where interval.lowerBound.isFinite && interval.upperBound.isFinite {
      let centre = Double(i) + offset
      let low = context.pixel(centre, interval.lowerBound), high = context.pixel(centre, interval.upperBound)
      let left = context.pixel(centre - width / 4, interval.lowerBound), right = context.pixel(centre + width / 4, interval.lowerBound)
      guard low.isFinite, high.isFinite, left.isFinite, right.isFinite else { continue }
      let ink = context.theme.ink, line = context.theme.pt(1.2)
      let half = abs(right.x - left.x) / 2
      canvas.strokePolyline([low, high], width: line, color: ink)
      canvas.strokePolyline([Point(low.x - half, low.y), Point(low.x + half, low.y)], width: line, color: ink)
      canvas.strokePolyline([Point(high.x - half, high.y), Point(high.x + half, high.y)], width: line, color: ink)
    }
    for (x0, x1, y0, y1) in bars(context) {
      let category = Int(((x0 + x1) / 2 - offset).rounded())
      let a = context.pixel(x0, y0)
      let b = context.pixel(x1, y1)
      guard a.isFinite, b.isFinite else { continue }
      canvas.fillRect(Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y)), color: fill)
      if showsValues {
        let text = BarLayer.format(y1)
        let top = y1 >= 0
        // The label must fit the bar's slot (the bar plus its gap): shrink, then stagger odd series one
        // line further out, then drop (see ``TextFit``).
        let slot = abs(b.x - a.x) / 0.95
        var size = context.theme.smallSize
        var lift = 0.0
        let natural = context.typesetter.measure(text, size: size).width
        if natural > slot {
          size = max(size * TextFitting.smallestScale, size * slot / natural)
          let shrunk = context.typesetter.measure(text, size: size).width
          if shrunk <= slot || seriesIndex % 2 == 0 { TextFitLog.note(text, .shrunk) }
          if shrunk > slot {
            guard shrunk <= 2 * slot else {
              TextFitLog.note(text, .dropped)
              continue
            }
            if seriesIndex % 2 == 1 {
              TextFitLog.note(text, .staggered)
              // Above the group's tallest bar, one line higher than the labels sitting on it.
              let groupTop = groupTops.indices.contains(category) ? groupTops[category] : y1
              let top = context.pixel(x0, groupTop).y
              lift = context.typesetter.lineSpacing(size: size) + max(0, b.y - top)
            }
          }
        }
        let gap = context.theme.pt(2) + lift
        // Above the whisker when there is one, so the number does not sit on its line.
        let labelY = series.intervals.map { context.pixel(x0, top ? $0[category].upperBound : $0[category].lowerBound).y } ?? b.y
        context.typesetter.draw(
          text, at: Point((a.x + b.x) / 2, top ? min(b.y, labelY) - gap : max(b.y, labelY) + gap),
          size: size, color: context.theme.ink, horizontal: .center, vertical: top ? .bottom : .top,
          into: &canvas)
      }
    }
  }

  /// A compact label for a bar value: 3 significant digits, or "2.5e-5"/"3e8" style when extreme.
  static func format(_ v: Double) -> String {
    let magnitude = abs(v)
    if v == 0 { return "0" }
    if magnitude >= 1e6 || magnitude < 1e-3 { return Ticks.formatLinear([v], step: magnitude / 100)[0] }
    return Ticks.withMinusSign(String(format: "%.3g", v))
  }

  func swatch(color: Color) -> LegendSwatch { .patch(color: color.withAlpha(color.alpha * series.opacity)) }

  func occupancy(in context: PlotContext) -> [Point] { barOccupancy(barsWithLabels(context), context) }
}
