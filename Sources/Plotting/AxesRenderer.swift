import Foundation

/// Lays out and draws one set of axes (spines, ticks, labels, grid, layers, legend, notes) in a frame.
struct AxesRenderer {
  let spec: AxesSpec
  let theme: Theme
  let typesetter: Typesetter

  // MARK: Ranges

  /// The x and y ranges: explicit limits when given, otherwise the data with a 5 % margin.
  func resolveRanges() throws -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    for layer in spec.layers { try layer.validate() }
    var bounds = DataBounds()
    for layer in spec.layers { bounds.merge(layer.bounds(xScale: spec.xScale, yScale: spec.yScale)) }
    for line in spec.referenceLines {
      switch line.orientation {
      case .vertical: bounds.includeX(line.value, scale: spec.xScale)
      case .horizontal: bounds.includeY(line.value, scale: spec.yScale)
      }
    }
    let x: ClosedRange<Double>
    if let limits = spec.xLimits {
      x = try limits.validated(axis: "x", scale: spec.xScale)
    } else if let categories = spec.categories {
      x = -0.5...(Double(max(1, categories.count)) - 0.5)
    } else {
      x = automatic(bounds.xMin, bounds.xMax, hasData: bounds.hasX, sticky: bounds.stickyX, scale: spec.xScale)
    }
    let y: ClosedRange<Double>
    if let limits = spec.yLimits {
      y = try limits.validated(axis: "y", scale: spec.yScale)
    } else {
      y = automatic(bounds.yMin, bounds.yMax, hasData: bounds.hasY, sticky: bounds.stickyY, scale: spec.yScale)
    }
    return (x, y)
  }

  private func automatic(_ lo: Double, _ hi: Double, hasData: Bool, sticky: [Double], scale: AxisScale)
    -> ClosedRange<Double>
  {
    guard hasData else { return scale == .log10 ? 1...10 : 0...1 }
    let padded = Ticks.autoRange(dataMin: lo, dataMax: hi, scale: scale)
    var lower = padded.lowerBound
    var upper = padded.upperBound
    if lo < hi {
      for s in sticky where s.isFinite && (scale == .linear || s > 0) {
        if lo >= s && lower < s { lower = s }
        if hi <= s && upper > s { upper = s }
      }
    }
    return lower < upper ? lower...upper : padded
  }

  // MARK: Layout

  private var tickLabelHeight: Double {
    typesetter.ascent(size: theme.fontSize) + typesetter.descent(size: theme.fontSize)
  }

  private func textHeight(_ text: String, size: Double) -> Double { typesetter.measure(text, size: size).height }

  /// The title shrunk or wrapped to the width of `frame` (minus the figure padding).
  private func fittedTitle(_ title: String, in frame: Rect) -> (text: String, size: Double, fit: TextFit) {
    TextFitting.fit(title, size: theme.titleSize, width: frame.width - 2 * theme.figurePad, typesetter: typesetter)
  }

  /// Category labels as given when each fits its slot of the axis (`length / count` pixels); otherwise
  /// staggered (``TextFit/staggered``): every other label moves down below its neighbours' lines.
  private func staggeredIfCrowded(_ labels: [String], length: Double) -> [String] {
    guard labels.count > 1 else { return labels }
    let slot = length / Double(labels.count)
    let widest = labels.map { typesetter.measure($0, size: theme.fontSize).width }.max() ?? 0
    guard widest > slot * 0.95 else { return labels }
    let lines = labels.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }.max() ?? 1
    return labels.enumerated().map { index, label in
      guard index % 2 == 1 else { return label }
      TextFitLog.note(label, .staggered)
      return String(repeating: "\n", count: lines) + label
    }
  }

  /// Ticks for the x axis of a plot `length` pixels wide, thinned until the labels do not overlap.
  private func xTicks(_ range: ClosedRange<Double>, length: Double) -> AxisTicks {
    if let categories = spec.categories {
      return AxisTicks(
        range: range, major: categories.indices.map(Double.init), labels: staggeredIfCrowded(categories, length: length),
        minor: [])
    }
    let gap = theme.fontSize * 0.8
    // As matplotlib's MaxNLocator: at most one interval per 3 font sizes along x (2 along y).
    var maxCount = max(2, min(10, Int(length / (theme.fontSize * 3)) + 1))
    while true {
      let ticks = Ticks.make(for: range, scale: spec.xScale, maxCount: maxCount)
      let map = AxisMap(range: ticks.range, scale: spec.xScale, start: 0, end: length)
      let positions = ticks.major.map(map.pixel)
      let widths = ticks.labels.map { typesetter.measure($0, size: theme.fontSize).width }
      var overlaps = false
      for i in 1..<max(1, positions.count) where positions[i] - positions[i - 1] < (widths[i] + widths[i - 1]) / 2 + gap {
        overlaps = true
      }
      if !overlaps || maxCount <= 2 { return ticks }
      maxCount -= 1
    }
  }

  private func yTicks(_ range: ClosedRange<Double>, length: Double, scale: AxisScale) -> AxisTicks {
    let maxCount = max(2, min(10, Int(length / (theme.fontSize * 2)) + 1))
    return Ticks.make(for: range, scale: scale, maxCount: maxCount)
  }

  /// Places the plot area inside `frame` so that every label fits.
  func layout(in frame: Rect, ranges: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> AxesLayout {
    let area = frame.insetBy(theme.figurePad)
    let tickSpace = theme.majorTickLength + theme.tickPad
    let top = spec.title.map { title -> Double in
      let fitted = fittedTitle(title, in: frame)
      return textHeight(fitted.text, size: fitted.size) + theme.titlePad
    } ?? tickLabelHeight * 0.5
    let xLabelSpace = spec.xLabel.map { theme.labelPad + textHeight($0, size: theme.fontSize) } ?? 0
    let yLabelSpace = spec.yLabel.map { theme.labelPad + textHeight($0, size: theme.fontSize) } ?? 0
    let heatmap = spec.layers.compactMap { $0 as? Heatmap }.first { $0.showsColorbar }

    var plot = area
    var result: AxesLayout?
    for _ in 0..<3 {
      let xt = xTicks(ranges.x, length: plot.width)
      let yt = yTicks(ranges.y, length: plot.height, scale: spec.yScale)
      let yLabelWidth = yt.labels.map { typesetter.measure($0, size: theme.fontSize).width }.max() ?? 0
      let xLabelLines = xt.labels.map { Double($0.split(separator: "\n", omittingEmptySubsequences: false).count) }.max() ?? 1
      let xTickHeight = tickLabelHeight + (xLabelLines - 1) * typesetter.lineSpacing(size: theme.fontSize)
      let left = yLabelSpace + yLabelWidth + tickSpace
      let bottom = xLabelSpace + xTickHeight + tickSpace
      // The last x tick label may stick out past the right end of the axis.
      let lastHalf = xt.labels.last.map { typesetter.measure($0, size: theme.fontSize).width / 2 } ?? 0
      var right = max(0, lastHalf - theme.figurePad * 0.5)
      var colorbarTicks: AxisTicks?
      if let heatmap {
        let values = heatmap.resolvedValueRange
        let cbTicks = yTicks(values, length: plot.height, scale: .linear)
        let cbLabelWidth = cbTicks.labels.map { typesetter.measure($0, size: theme.fontSize).width }.max() ?? 0
        let cbTitle = heatmap.colorbarLabel.map { theme.labelPad + textHeight($0, size: theme.fontSize) } ?? 0
        right = theme.pt(10) + theme.pt(12) + tickSpace + cbLabelWidth + cbTitle
        colorbarTicks = cbTicks
      }
      let x0 = (area.minX + left).rounded()
      let y0 = (area.minY + top).rounded()
      let x1 = (area.maxX - right).rounded()
      let y1 = (area.maxY - bottom).rounded()
      plot = Rect(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
      let xMap = AxisMap(range: xt.range, scale: spec.xScale, start: plot.minX, end: plot.maxX)
      let yMap = AxisMap(range: yt.range, scale: spec.yScale, start: plot.maxY, end: plot.minY)
      var colorbar: (Rect, AxisTicks, Heatmap)?
      if let heatmap, let colorbarTicks {
        colorbar = (
          Rect(x: (plot.maxX + theme.pt(10)).rounded(), y: plot.minY, width: theme.pt(12).rounded(), height: plot.height),
          colorbarTicks, heatmap
        )
      }
      result = AxesLayout(plot: plot, xTicks: xt, yTicks: yt, xMap: xMap, yMap: yMap, colorbar: colorbar)
    }
    return result!
  }

  // MARK: Drawing

  /// Draws the axes in `frame`.
  func draw(in frame: Rect, canvas: inout Canvas) throws {
    let ranges = try resolveRanges()
    let layout = layout(in: frame, ranges: ranges)
    let plot = layout.plot
    let context = PlotContext(x: layout.xMap, y: layout.yMap, plot: plot, theme: theme, typesetter: typesetter)

    if spec.grid { drawGrid(layout, canvas: &canvas) }

    // Layers, each with its resolved colour.
    var paletteIndex = 0
    var entries: [LegendEntry] = []
    var samples: [Point] = []
    // Colours follow the order of addition; drawing follows zorder (stable), as in matplotlib.
    var colored: [(layer: any PlotLayer, color: Color)] = []
    for layer in spec.layers {
      var color = layer.explicitColor ?? spec.palette[paletteIndex]
      if layer.usesPaletteColor && layer.explicitColor == nil { paletteIndex += 1 }
      if !layer.usesPaletteColor { color = .black }
      colored.append((layer, color))
      if let label = layer.legendLabel, !label.isEmpty {
        entries.append(LegendEntry(label: label, swatch: layer.swatch(color: color)))
      }
    }
    let ordered = colored.enumerated().sorted { ($0.element.layer.zOrder, $0.offset) < ($1.element.layer.zOrder, $1.offset) }
    var avoid: [Rect] = []
    // What a reference line's label must not cover: the data (bars with their value labels, lines,
    // markers) and the labels of the lines drawn before it.
    let dataSamples = spec.referenceLines.contains { $0.label != nil }
      ? spec.layers.flatMap { $0.occupancy(in: context) } : []
    canvas.withClip(plot) { canvas in
      for (_, item) in ordered { item.layer.draw(in: context, color: item.color, canvas: &canvas) }
      for line in spec.referenceLines {
        if let box = drawReferenceLine(line, context: context, avoiding: dataSamples, labels: avoid, canvas: &canvas) {
          avoid.append(box)
        }
      }
    }
    if spec.legend != .hidden && !entries.isEmpty || spec.annotations.contains(where: { $0.placement == .automatic }) {
      for layer in spec.layers { samples += thinned(layer.occupancy(in: context)) }
      for line in spec.referenceLines { samples += referenceLineSamples(line, context: context) }
    }

    drawSpinesAndTicks(layout, canvas: &canvas)
    drawLabels(layout, frame: frame, canvas: &canvas)
    if let colorbar = layout.colorbar { drawColorbar(colorbar.rect, ticks: colorbar.ticks, heatmap: colorbar.heatmap, canvas: &canvas) }

    // Notes and legend on top of the data.
    var noteBoxes: [Rect] = avoid
    for note in spec.annotations {
      if let box = drawAnnotation(note, context: context, samples: samples, canvas: &canvas) { noteBoxes.append(box) }
    }
    if spec.legend != .hidden && !entries.isEmpty {
      let legend = LegendBox(entries: entries, theme: theme, typesetter: typesetter)
      let box = legend.frame(for: spec.legend, in: plot, samples: samples, avoiding: noteBoxes)
      legend.draw(in: box, canvas: &canvas)
    }
  }

  /// A line width rounded to whole device pixels (at least 1) and a centre that makes it crisp.
  private func crisp(_ v: Double, width: Double) -> (center: Double, width: Double) {
    guard v.isFinite else { return (.nan, 1) }
    let w = max(1, width.rounded())
    let odd = Int(w) % 2 == 1
    return (odd ? v.rounded(.down) + 0.5 : v.rounded(), w)
  }

  private func verticalLine(x: Double, from y0: Double, to y1: Double, width: Double, color: Color, canvas: inout Canvas) {
    let (c, w) = crisp(x, width: width)
    canvas.fillRect(Rect(x: c - w / 2, y: min(y0, y1), width: w, height: abs(y1 - y0)), color: color)
  }

  private func horizontalLine(y: Double, from x0: Double, to x1: Double, width: Double, color: Color, canvas: inout Canvas) {
    let (c, w) = crisp(y, width: width)
    canvas.fillRect(Rect(x: min(x0, x1), y: c - w / 2, width: abs(x1 - x0), height: w), color: color)
  }

  private func drawGrid(_ layout: AxesLayout, canvas: inout Canvas) {
    let plot = layout.plot
    if spec.categories == nil {
      if spec.xScale == .log10 {
        for v in layout.xTicks.minor {
          verticalLine(x: layout.xMap.pixel(v), from: plot.minY, to: plot.maxY, width: theme.gridWidth * 0.75, color: theme.minorGrid, canvas: &canvas)
        }
      }
      for v in layout.xTicks.major {
        verticalLine(x: layout.xMap.pixel(v), from: plot.minY, to: plot.maxY, width: theme.gridWidth, color: theme.grid, canvas: &canvas)
      }
    }
    if spec.yScale == .log10 {
      for v in layout.yTicks.minor {
        horizontalLine(y: layout.yMap.pixel(v), from: plot.minX, to: plot.maxX, width: theme.gridWidth * 0.75, color: theme.minorGrid, canvas: &canvas)
      }
    }
    for v in layout.yTicks.major {
      horizontalLine(y: layout.yMap.pixel(v), from: plot.minX, to: plot.maxX, width: theme.gridWidth, color: theme.grid, canvas: &canvas)
    }
  }

  private func drawSpinesAndTicks(_ layout: AxesLayout, canvas: inout Canvas) {
    let plot = layout.plot
    // Ticks (outward, as matplotlib).
    for v in layout.xTicks.major {
      let x = layout.xMap.pixel(v)
      verticalLine(x: x, from: plot.maxY, to: plot.maxY + theme.majorTickLength, width: theme.majorTickWidth, color: theme.spine, canvas: &canvas)
    }
    if spec.xScale == .log10 && spec.categories == nil {
      for v in layout.xTicks.minor {
        verticalLine(x: layout.xMap.pixel(v), from: plot.maxY, to: plot.maxY + theme.minorTickLength, width: theme.minorTickWidth, color: theme.spine, canvas: &canvas)
      }
    }
    for v in layout.yTicks.major {
      let y = layout.yMap.pixel(v)
      horizontalLine(y: y, from: plot.minX - theme.majorTickLength, to: plot.minX, width: theme.majorTickWidth, color: theme.spine, canvas: &canvas)
    }
    if spec.yScale == .log10 {
      for v in layout.yTicks.minor {
        horizontalLine(y: layout.yMap.pixel(v), from: plot.minX - theme.minorTickLength, to: plot.minX, width: theme.minorTickWidth, color: theme.spine, canvas: &canvas)
      }
    }
    // Spines: the four sides of the plot area, drawn over the data's edge, crisp on the pixel grid.
    drawFrame(plot, canvas: &canvas)
  }

  /// A crisp rectangle outline in the spine style.
  private func drawFrame(_ rect: Rect, canvas: inout Canvas) {
    let (left, w) = crisp(rect.minX, width: theme.spineWidth)
    let (right, _) = crisp(rect.maxX, width: theme.spineWidth)
    let (top, _) = crisp(rect.minY, width: theme.spineWidth)
    let (bottom, _) = crisp(rect.maxY, width: theme.spineWidth)
    canvas.fillRect(Rect(x: left - w / 2, y: top - w / 2, width: right - left + w, height: w), color: theme.spine)
    canvas.fillRect(Rect(x: left - w / 2, y: bottom - w / 2, width: right - left + w, height: w), color: theme.spine)
    canvas.fillRect(Rect(x: left - w / 2, y: top + w / 2, width: w, height: bottom - top - w), color: theme.spine)
    canvas.fillRect(Rect(x: right - w / 2, y: top + w / 2, width: w, height: bottom - top - w), color: theme.spine)
  }

  private func drawLabels(_ layout: AxesLayout, frame: Rect, canvas: inout Canvas) {
    let plot = layout.plot
    let tickSpace = theme.majorTickLength + theme.tickPad
    var xLabelsBottom = plot.maxY + tickSpace
    for (v, label) in zip(layout.xTicks.major, layout.xTicks.labels) {
      let x = layout.xMap.pixel(v)
      typesetter.draw(
        label, at: Point(x, plot.maxY + tickSpace), size: theme.fontSize, color: theme.ink, horizontal: .center,
        vertical: .top, into: &canvas)
      xLabelsBottom = max(xLabelsBottom, plot.maxY + tickSpace + textHeight(label, size: theme.fontSize))
    }
    var yLabelsLeft = plot.minX - tickSpace
    for (v, label) in zip(layout.yTicks.major, layout.yTicks.labels) {
      let y = layout.yMap.pixel(v)
      typesetter.draw(
        label, at: Point(plot.minX - tickSpace, y), size: theme.fontSize, color: theme.ink, horizontal: .right,
        vertical: .center, into: &canvas)
      yLabelsLeft = min(yLabelsLeft, plot.minX - tickSpace - typesetter.measure(label, size: theme.fontSize).width)
    }
    if let xLabel = spec.xLabel {
      typesetter.draw(
        xLabel, at: Point(plot.midX, xLabelsBottom + theme.labelPad), size: theme.fontSize, color: theme.ink,
        horizontal: .center, vertical: .top, into: &canvas)
    }
    if let yLabel = spec.yLabel {
      let height = textHeight(yLabel, size: theme.fontSize)
      typesetter.drawRotated(
        yLabel, center: Point(yLabelsLeft - theme.labelPad - height / 2, plot.midY), size: theme.fontSize,
        color: theme.ink, into: &canvas)
    }
    if let title = spec.title {
      // Centred over the plot, but kept inside the frame when the plot is off-centre.
      let fitted = fittedTitle(title, in: frame)
      let width = typesetter.measure(fitted.text, size: fitted.size).width
      let half = width / 2
      let centre = min(max(plot.midX, frame.minX + theme.figurePad + half), frame.maxX - theme.figurePad - half)
      typesetter.draw(
        fitted.text, at: Point(centre, plot.minY - theme.titlePad), size: fitted.size, color: theme.ink,
        horizontal: .center, vertical: .bottom, into: &canvas)
    }
  }

  private func drawColorbar(_ rect: Rect, ticks: AxisTicks, heatmap: Heatmap, canvas: inout Canvas) {
    let range = ticks.range
    let rows = Int(rect.height)
    let hr = heatmap.resolvedValueRange
    for i in 0..<rows {
      let t = 1 - (Double(i) + 0.5) / Double(rows)
      let value = range.lowerBound + t * (range.upperBound - range.lowerBound)
      let u = (value - hr.lowerBound) / (hr.upperBound - hr.lowerBound)
      canvas.fillRect(Rect(x: rect.minX, y: rect.minY + Double(i), width: rect.width, height: 1), color: heatmap.colormap.color(at: u))
    }
    let map = AxisMap(range: range, scale: .linear, start: rect.maxY, end: rect.minY)
    let tickSpace = theme.majorTickLength + theme.tickPad
    var widest = 0.0
    for (v, label) in zip(ticks.major, ticks.labels) {
      let y = map.pixel(v)
      horizontalLine(y: y, from: rect.maxX, to: rect.maxX + theme.majorTickLength, width: theme.majorTickWidth, color: theme.spine, canvas: &canvas)
      typesetter.draw(
        label, at: Point(rect.maxX + tickSpace, y), size: theme.fontSize, color: theme.ink, horizontal: .left,
        vertical: .center, into: &canvas)
      widest = max(widest, typesetter.measure(label, size: theme.fontSize).width)
    }
    drawFrame(rect, canvas: &canvas)
    if let label = heatmap.colorbarLabel {
      let height = textHeight(label, size: theme.fontSize)
      typesetter.drawRotated(
        label, center: Point(rect.maxX + tickSpace + widest + theme.labelPad + height / 2, rect.midY),
        size: theme.fontSize, color: theme.ink, into: &canvas)
    }
  }

  /// Points along a reference line, for legend placement.
  private func referenceLineSamples(_ line: ReferenceLine, context: PlotContext) -> [Point] {
    let plot = context.plot
    let step = theme.fontSize * 0.5
    switch line.orientation {
    case .vertical:
      let x = context.x.pixel(line.value)
      guard x.isFinite else { return [] }
      return stride(from: plot.minY, through: plot.maxY, by: step).map { Point(x, $0) }
    case .horizontal:
      let y = context.y.pixel(line.value)
      guard y.isFinite else { return [] }
      return stride(from: plot.minX, through: plot.maxX, by: step).map { Point($0, y) }
    }
  }

  /// Draws a reference line and returns the box of its label, if any.
  @discardableResult
  private func drawReferenceLine(
    _ line: ReferenceLine, context: PlotContext, avoiding samples: [Point], labels: [Rect], canvas: inout Canvas
  ) -> Rect? {
    let plot = context.plot
    let w = theme.pt(line.width)
    let pattern = line.dash.pattern(lineWidth: w, theme: theme)
    let size = theme.smallSize
    let gap = theme.pt(3)
    // Candidate label boxes in order of preference; the first that covers no data and no other
    // label wins, else the one covering the fewest data samples.
    var candidates: [Rect] = []
    switch line.orientation {
    case .vertical:
      let x = context.x.pixel(line.value)
      guard x.isFinite else { return nil }
      canvas.strokePolyline([Point(x, plot.minY), Point(x, plot.maxY)], width: w, color: line.color, dash: pattern)
      guard let label = line.label else { return nil }
      let extent = typesetter.measure(label, size: size)
      let right = x + gap, left = x - gap - extent.width
      let top = plot.minY + gap, bottom = plot.maxY - gap - extent.height
      let fitsRight = right + extent.width <= plot.maxX - theme.pt(2)
      for (x0, y0) in fitsRight ? [(right, top), (left, top), (right, bottom), (left, bottom)] : [(left, top), (left, bottom)] {
        candidates.append(Rect(x: x0, y: y0, width: extent.width, height: extent.height))
      }
    case .horizontal:
      let y = context.y.pixel(line.value)
      guard y.isFinite else { return nil }
      canvas.strokePolyline([Point(plot.minX, y), Point(plot.maxX, y)], width: w, color: line.color, dash: pattern)
      guard let label = line.label else { return nil }
      let extent = typesetter.measure(label, size: size)
      let above = y - theme.pt(2) - extent.height, below = y + theme.pt(2)
      let fitsAbove = above >= plot.minY
      let fitsBelow = below + extent.height <= plot.maxY
      let right = plot.maxX - theme.pt(4) - extent.width, left = plot.minX + theme.pt(4)
      var rows = [fitsAbove ? above : below]
      if fitsAbove && fitsBelow { rows.append(below) }
      for x0 in [right, left] {
        for y0 in rows { candidates.append(Rect(x: x0, y: y0, width: extent.width, height: extent.height)) }
      }
    }
    guard let label = line.label, !candidates.isEmpty else { return nil }
    func covered(_ box: Rect) -> Int { samples.filter { box.contains($0) }.count }
    let best = candidates.first { covered($0) == 0 && !labels.contains(where: $0.intersects) }
      ?? candidates.min { covered($0) < covered($1) }!
    typesetter.draw(label, at: Point(best.minX, best.minY), size: size, color: line.color, horizontal: .left, vertical: .top, into: &canvas)
    return best
  }

  /// Draws a note and returns its text box.
  private func drawAnnotation(_ note: Annotation, context: PlotContext, samples: [Point], canvas: inout Canvas) -> Rect? {
    let target = context.pixel(note.point.x, note.point.y)
    let size = theme.fontSize
    let extent = typesetter.measure(note.text, size: size)
    let pad = theme.pt(2.5)
    let boxSize = (width: extent.width + 2 * pad, height: extent.height + 2 * pad)
    let plot = context.plot
    func box(center: Point) -> Rect {
      Rect(x: center.x - boxSize.width / 2, y: center.y - boxSize.height / 2, width: boxSize.width, height: boxSize.height)
    }
    func inside(_ r: Rect) -> Bool { r.minX >= plot.minX && r.maxX <= plot.maxX && r.minY >= plot.minY && r.maxY <= plot.maxY }
    var center: Point
    switch note.placement {
    case let .data(p):
      center = context.pixel(p.x, p.y)
    case let .offset(dx, dy):
      guard target.isFinite else { return nil }
      center = Point(target.x + theme.pt(dx), target.y - theme.pt(dy))
      if !inside(box(center: center)) {
        let flippedX = Point(target.x - theme.pt(dx), center.y)
        let flippedY = Point(center.x, target.y + theme.pt(dy))
        let flippedBoth = Point(target.x - theme.pt(dx), target.y + theme.pt(dy))
        center = [flippedX, flippedY, flippedBoth].first { inside(box(center: $0)) } ?? center
      }
    case .automatic:
      guard target.isFinite else { return nil }
      let dx = theme.pt(30) + boxSize.width / 2
      let dy = theme.pt(24) + boxSize.height / 2
      let options = [
        Point(target.x + dx, target.y - dy), Point(target.x - dx, target.y - dy), Point(target.x + dx, target.y + dy),
        Point(target.x - dx, target.y + dy),
      ]
      var best = options[0]
      var bestScore = Double.infinity
      for option in options {
        let r = box(center: option)
        var score = inside(r) ? 0.0 : 1e6
        for p in samples where r.contains(p) { score += 1 }
        if score < bestScore {
          bestScore = score
          best = option
        }
      }
      center = best
    }
    guard center.isFinite else { return nil }
    // Keep the box inside the plot area.
    var frame = box(center: center)
    frame.x = max(plot.minX + 1, min(frame.x, plot.maxX - frame.width - 1))
    frame.y = max(plot.minY + 1, min(frame.y, plot.maxY - frame.height - 1))
    center = Point(frame.midX, frame.midY)
    if note.showsArrow && target.isFinite && !frame.contains(target) {
      // From the edge of the text box to just short of the target.
      let dx = target.x - center.x
      let dy = target.y - center.y
      let tx = dx != 0 ? (frame.width / 2) / abs(dx) : .infinity
      let ty = dy != 0 ? (frame.height / 2) / abs(dy) : .infinity
      let t = min(tx, ty, 1)
      let start = Point(center.x + dx * t, center.y + dy * t)
      let length = ((target.x - start.x) * (target.x - start.x) + (target.y - start.y) * (target.y - start.y)).squareRoot()
      if length > theme.pt(4) {
        let shrink = theme.pt(2) / length
        let end = Point(target.x - (target.x - start.x) * shrink, target.y - (target.y - start.y) * shrink)
        canvas.withClip(plot) { canvas in
          canvas.arrow(from: start, to: end, lineWidth: theme.pt(1), headLength: theme.pt(7), color: note.color)
        }
      }
    }
    canvas.roundedRect(frame, radius: pad, fill: Color.white.withAlpha(0.85), stroke: nil, lineWidth: 0)
    typesetter.draw(
      note.text, at: Point(frame.midX, frame.minY + pad), size: size, color: note.color, horizontal: .center,
      vertical: .top, into: &canvas)
    return frame
  }
}
