/// Several charts in one image, laid out in a grid row by row (small multiples).
///
/// ```swift
/// var grid = PanelGrid(columns: 2, title: "Learning rate sweep")
/// for chart in charts { grid.add(chart) }
/// let image = try grid.render(width: 1600, height: 1000)
/// ```
public struct PanelGrid: Figure {
  /// Text above all panels.
  public var title: String?
  /// Number of panels per row.
  public var columns: Int

  var panels: [any FrameDrawable] = []

  /// An empty grid with `columns` panels per row.
  public init(columns: Int = 2, title: String? = nil) {
    self.columns = columns
    self.title = title
  }

  /// Adds a chart as the next panel.
  public mutating func add(_ chart: Chart) { panels.append(chart) }
  /// Adds a bar chart as the next panel.
  public mutating func add(_ chart: BarChart) { panels.append(chart) }
  /// Adds a diagram as the next panel.
  public mutating func add(_ diagram: Diagram) { panels.append(diagram) }

  /// The number of panels added.
  public var count: Int { panels.count }

  /// Renders `width × height` device pixels at `scale` device pixels per logical pixel (see ``Figure``).
  public func render(width: Int, height: Int, scale: Double) throws -> RGBAImage {
    guard columns >= 1 else {
      throw PlotError.invalidData(reason: "a panel grid needs at least 1 column, not \(columns)")
    }
    return try renderFigure(width: width, height: height, scale: scale) { frame, canvas, typesetter, theme in
      var area = frame
      if let title {
        let fitted = TextFitting.fit(
          title, size: theme.pt(13), weight: .bold, width: frame.width - 2 * theme.figurePad, typesetter: typesetter)
        let (text, size) = (fitted.text, fitted.size)
        let height = typesetter.measure(text, size: size, weight: .bold).height
        typesetter.draw(
          text, at: Point(frame.midX, frame.minY + theme.figurePad), size: size, weight: .bold, color: theme.ink,
          horizontal: .center, vertical: .top, into: &canvas)
        let used = theme.figurePad + height + theme.pt(2)
        area = Rect(x: frame.minX, y: frame.minY + used, width: frame.width, height: frame.height - used)
      }
      guard !panels.isEmpty else { return }
      let cols = min(columns, panels.count)
      let rows = (panels.count + cols - 1) / cols
      let cellWidth = area.width / Double(cols)
      let cellHeight = area.height / Double(rows)
      for (index, panel) in panels.enumerated() {
        let cell = Rect(
          x: (area.minX + Double(index % cols) * cellWidth).rounded(),
          y: (area.minY + Double(index / cols) * cellHeight).rounded(), width: cellWidth.rounded(.down),
          height: cellHeight.rounded(.down))
        try canvas.withClip(cell) { canvas in
          try panel.draw(in: cell, canvas: &canvas, typesetter: typesetter, theme: theme)
        }
      }
    }
  }
}
