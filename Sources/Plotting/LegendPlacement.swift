/// Where the legend goes inside the plot area.
public enum LegendPlacement: Sendable, Hashable {
  /// The corner (or edge middle) that hides the least data, preferring the upper right.
  case best
  /// The upper right corner of the plot.
  case upperRight
  /// The upper left corner of the plot.
  case upperLeft
  /// The lower left corner of the plot.
  case lowerLeft
  /// The lower right corner of the plot.
  case lowerRight
  /// No legend.
  case hidden
}

/// One row of a legend.
struct LegendEntry {
  var label: String
  var swatch: LegendSwatch
}

/// Sizes and draws the legend box.
struct LegendBox {
  let entries: [LegendEntry]
  let theme: Theme
  let typesetter: Typesetter

  var fontSize: Double { theme.fontSize }
  var handleLength: Double { fontSize * 2 }
  var handleGap: Double { fontSize * 0.8 }
  var rowGap: Double { fontSize * 0.5 }
  var padding: Double { fontSize * 0.4 }
  var margin: Double { fontSize * 0.5 }
  var rowHeight: Double { typesetter.lineSpacing(size: fontSize) }

  var size: (width: Double, height: Double) {
    let textWidth = entries.map { typesetter.measure($0.label, size: fontSize).width }.max() ?? 0
    let lines = entries.map { Double($0.label.split(separator: "\n", omittingEmptySubsequences: false).count) }
    let height = lines.map { $0 * rowHeight }.reduce(0, +) + Double(max(0, entries.count - 1)) * rowGap
    return (2 * padding + handleLength + handleGap + textWidth + padding * 0.5, 2 * padding + height)
  }

  /// Candidate boxes in matplotlib's "best" preference order.
  func candidates(in plot: Rect) -> [(LegendPlacement, Rect)] {
    let (w, h) = size
    let left = plot.minX + margin
    let right = plot.maxX - margin - w
    let top = plot.minY + margin
    let bottom = plot.maxY - margin - h
    let middleY = plot.midY - h / 2
    let middleX = plot.midX - w / 2
    return [
      (.upperRight, Rect(x: right, y: top, width: w, height: h)),
      (.upperLeft, Rect(x: left, y: top, width: w, height: h)),
      (.lowerLeft, Rect(x: left, y: bottom, width: w, height: h)),
      (.lowerRight, Rect(x: right, y: bottom, width: w, height: h)),
      (.best, Rect(x: right, y: middleY, width: w, height: h)),  // centre right
      (.best, Rect(x: left, y: middleY, width: w, height: h)),  // centre left
      (.best, Rect(x: middleX, y: bottom, width: w, height: h)),  // lower centre
      (.best, Rect(x: middleX, y: top, width: w, height: h)),  // upper centre
    ]
  }

  /// The box for `placement`; `.best` picks the candidate covering the fewest `samples`
  /// (ties go to the earlier candidate).
  func frame(for placement: LegendPlacement, in plot: Rect, samples: [Point], avoiding: [Rect]) -> Rect {
    let options = candidates(in: plot)
    if placement != .best, let fixed = options.first(where: { $0.0 == placement }) { return fixed.1 }
    var best = options[0].1
    var bestScore = Double.infinity
    for (_, rect) in options {
      var score = 0.0
      for p in samples where rect.contains(p) { score += 1 }
      for r in avoiding { score += r.overlapArea(rect) / max(1, fontSize * fontSize) * 4 }
      if score < bestScore {
        bestScore = score
        best = rect
      }
    }
    return best
  }

  func draw(in frame: Rect, canvas: inout Canvas) {
    canvas.roundedRect(
      frame, radius: fontSize * 0.2, fill: Color.white.withAlpha(0.8), stroke: Color(hex: 0xCCCCCC),
      lineWidth: theme.pt(0.8))
    var y = frame.minY + padding
    for entry in entries {
      let lines = Double(entry.label.split(separator: "\n", omittingEmptySubsequences: false).count)
      let centerY = y + rowHeight / 2
      let handle = Rect(x: frame.minX + padding, y: centerY - fontSize * 0.35, width: handleLength, height: fontSize * 0.7)
      drawSwatch(entry.swatch, in: handle, canvas: &canvas)
      typesetter.draw(
        entry.label, at: Point(handle.maxX + handleGap, centerY), size: fontSize, color: theme.ink,
        horizontal: .left, vertical: .center, into: &canvas)
      y += lines * rowHeight + rowGap
    }
  }

  func drawSwatch(_ swatch: LegendSwatch, in rect: Rect, canvas: inout Canvas) {
    switch swatch {
    case let .line(color, width, dash, marker):
      let w = theme.pt(width)
      if width > 0 {
        canvas.strokePolyline(
          [Point(rect.minX, rect.midY), Point(rect.maxX, rect.midY)], width: w, color: color,
          dash: dash.pattern(lineWidth: w, theme: theme))
      }
      if let marker {
        canvas.drawMarker(marker, at: Point(rect.midX, rect.midY), size: theme.markerSize, fill: color, edge: nil, edgeWidth: 0)
      }
    case let .marker(marker, color, edge):
      canvas.drawMarker(
        marker, at: Point(rect.midX, rect.midY), size: theme.markerSize, fill: color, edge: edge,
        edgeWidth: theme.pt(0.6))
    case let .patch(color):
      canvas.fillRect(Rect(x: rect.minX, y: rect.minY, width: rect.width, height: rect.height), color: color)
    }
  }
}
