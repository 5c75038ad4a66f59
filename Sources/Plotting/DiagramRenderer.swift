/// Measures, lays out and draws a ``Diagram``.
struct DiagramRenderer {
  let diagram: Diagram
  let typesetter: Typesetter

  private func fieldSize(_ text: String, theme: Theme, bold: Bool) -> (width: Double, height: Double) {
    let extent = typesetter.measure(text, size: theme.fontSize, weight: bold ? .bold : .regular)
    return (extent.width + 2 * theme.pt(5), extent.height + 2 * theme.pt(4))
  }

  /// The width of each field and the node's total (width, height).
  private func measure(_ node: Diagram.Node, theme: Theme) -> (fields: [Double], width: Double, height: Double) {
    switch node.shape {
    case .record:
      let sizes = node.fields.enumerated().map { fieldSize($1, theme: theme, bold: $0 == 0 && node.fields.count > 1) }
      return (sizes.map(\.width), sizes.map(\.width).reduce(0, +), sizes.map(\.height).max() ?? 0)
    case .box:
      let s = fieldSize(node.fields.joined(separator: "\n"), theme: theme, bold: false)
      return ([s.width], s.width, s.height)
    case .circle:
      let d = circleDiameter(theme: theme)
      return ([d], d, d)
    }
  }

  /// One diameter for all circles of the diagram, so that operations look alike.
  private func circleDiameter(theme: Theme) -> Double {
    var d = theme.fontSize * 2.2
    for node in diagram.nodes where node.shape == .circle {
      let s = fieldSize(node.fields.joined(separator: "\n"), theme: theme, bold: true)
      d = max(d, s.width, s.height)
    }
    return d
  }

  /// The pixel size at which the diagram is drawn without shrinking, margins and title included.
  func naturalSize(theme: Theme) throws -> (width: Double, height: Double) {
    let placed = try layout(theme: theme).layout
    var width = placed.size.width + theme.figurePad * 4
    var height = placed.size.height + theme.figurePad * 4
    if let title = diagram.title {
      let extent = typesetter.measure(title, size: theme.titleSize)
      width = max(width, extent.width + theme.figurePad * 4)
      height += extent.height + theme.titlePad * 2
    }
    return (width, height)
  }

  func draw(in frame: Rect, theme baseTheme: Theme, canvas: inout Canvas) throws {
    var theme = baseTheme
    var area = frame.insetBy(baseTheme.figurePad * 2)
    if let title = diagram.title {
      let size = baseTheme.titleSize
      typesetter.draw(
        title, at: Point(frame.midX, frame.minY + baseTheme.figurePad * 2), size: size, color: baseTheme.ink,
        horizontal: .center, vertical: .top, into: &canvas)
      let used = typesetter.measure(title, size: size).height + baseTheme.titlePad * 2
      area = Rect(x: area.minX, y: area.minY + used, width: area.width, height: area.height - used)
    }
    guard !diagram.nodes.isEmpty, area.width > 0, area.height > 0 else { return }
    // Lay out at full size; if too big, shrink everything (text included) to fit.
    var result = try layout(theme: theme)
    let fit = min(area.width / max(1, result.layout.size.width), area.height / max(1, result.layout.size.height))
    if fit < 1 {
      theme = Theme(scale: baseTheme.scale * fit * 0.98)
      result = try layout(theme: theme)
    }
    let (placed, measures) = result
    let origin = Point(
      area.midX - placed.size.width / 2, area.minY + max(0, (area.height - placed.size.height) / 2))
    func shifted(_ p: Point) -> Point { Point(p.x + origin.x, p.y + origin.y) }
    let centers = placed.centers.map(shifted)

    // Edges below nodes.
    let edgeColor = Color(hex: 0x555555)
    for (index, edge) in diagram.edges.enumerated() {
      let path = placed.paths[index].map(shifted)
      let from = edge.from.index
      let to = edge.to.index
      var points = path
      points[0] = Point(centers[from].x + measures[from].width / 2, centers[from].y)
      points[points.count - 1] = Point(centers[to].x - measures[to].width / 2, centers[to].y)
      if diagram.nodes[to].shape == .circle {
        points[points.count - 1] = circleEntry(center: centers[to], radius: measures[to].width / 2, from: points[points.count - 2])
      }
      drawEdge(points, label: edge.label, color: edgeColor, theme: theme, canvas: &canvas)
    }
    for (index, node) in diagram.nodes.enumerated() {
      drawNode(node, center: centers[index], measure: measures[index], theme: theme, canvas: &canvas)
    }
  }

  private func layout(theme: Theme) throws -> (layout: LayeredLayout, measures: [(fields: [Double], width: Double, height: Double)]) {
    let measures = diagram.nodes.map { measure($0, theme: theme) }
    let placed = try LayeredLayout.compute(
      sizes: measures.map { ($0.width, $0.height) }, edges: diagram.edges.map { ($0.from.index, $0.to.index) },
      columnGap: theme.fontSize * 2.2, rowGap: theme.fontSize * 1.1)
    return (placed, measures)
  }

  /// Where a line from `from` towards the circle's centre meets the circle.
  private func circleEntry(center: Point, radius: Double, from: Point) -> Point {
    let dx = from.x - center.x
    let dy = from.y - center.y
    let length = (dx * dx + dy * dy).squareRoot()
    guard length > 0 else { return Point(center.x - radius, center.y) }
    return Point(center.x + dx / length * radius, center.y + dy / length * radius)
  }

  /// A smooth curve through `points` (horizontal tangents at each point), ending in an arrowhead.
  private func drawEdge(_ points: [Point], label: String?, color: Color, theme: Theme, canvas: inout Canvas) {
    var curve: [Point] = [points[0]]
    for i in 1..<points.count {
      let a = points[i - 1]
      let b = points[i]
      let handle = (b.x - a.x) * 0.5
      let c1 = Point(a.x + handle, a.y)
      let c2 = Point(b.x - handle, b.y)
      let steps = 24
      for s in 1...steps {
        let t = Double(s) / Double(steps)
        let u = 1 - t
        curve.append(
          Point(
            u * u * u * a.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.x,
            u * u * u * a.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.y))
      }
    }
    let head = theme.pt(7)
    let tip = curve[curve.count - 1]
    // Walk back along the curve to where the arrowhead starts.
    var baseIndex = curve.count - 1
    while baseIndex > 0 {
      let p = curve[baseIndex]
      if ((tip.x - p.x) * (tip.x - p.x) + (tip.y - p.y) * (tip.y - p.y)).squareRoot() >= head { break }
      baseIndex -= 1
    }
    let shaft = Array(curve[0...max(0, baseIndex)])
    canvas.strokePolyline(shaft, width: theme.pt(1), color: color)
    canvas.arrow(from: curve[max(0, baseIndex)], to: tip, lineWidth: theme.pt(1), headLength: head, color: color)
    if let label {
      let middle = curve[curve.count / 2]
      let extent = typesetter.measure(label, size: theme.smallSize)
      let pad = theme.pt(1.5)
      canvas.roundedRect(
        Rect(x: middle.x - extent.width / 2 - pad, y: middle.y - extent.height / 2 - pad, width: extent.width + 2 * pad, height: extent.height + 2 * pad),
        radius: pad, fill: Color.white.withAlpha(0.9), stroke: nil, lineWidth: 0)
      typesetter.draw(
        label, at: Point(middle.x, middle.y - extent.height / 2), size: theme.smallSize, color: theme.ink,
        horizontal: .center, vertical: .top, into: &canvas)
    }
  }

  private func drawNode(
    _ node: Diagram.Node, center: Point, measure: (fields: [Double], width: Double, height: Double), theme: Theme,
    canvas: inout Canvas
  ) {
    let border = theme.ink
    let lineWidth = theme.pt(0.9)
    let rect = Rect(x: center.x - measure.width / 2, y: center.y - measure.height / 2, width: measure.width, height: measure.height)
    switch node.shape {
    case .circle:
      let fill = node.fill ?? Color(hex: 0xE69F00).lightened(by: 0.72)
      canvas.fillCircle(center: center, radius: measure.width / 2, color: fill)
      canvas.strokeCircle(center: center, radius: measure.width / 2, lineWidth: lineWidth, color: border)
      typesetter.draw(
        node.fields.joined(separator: "\n"), at: center, size: theme.fontSize, weight: .bold, color: theme.ink,
        horizontal: .center, vertical: .center, into: &canvas)
    case .box:
      let fill = node.fill ?? Color(hex: 0x0072B2).lightened(by: 0.85)
      canvas.roundedRect(rect, radius: theme.pt(3), fill: fill, stroke: border, lineWidth: lineWidth)
      typesetter.draw(
        node.fields.joined(separator: "\n"), at: center, size: theme.fontSize, color: theme.ink, horizontal: .center,
        vertical: .center, into: &canvas)
    case .record:
      let fill = node.fill ?? Color(hex: 0x0072B2).lightened(by: 0.85)
      canvas.roundedRect(rect, radius: theme.pt(3), fill: fill, stroke: border, lineWidth: lineWidth)
      var x = rect.minX
      for (i, field) in node.fields.enumerated() {
        let width = measure.fields[i]
        if i > 0 {
          canvas.fillRect(Rect(x: x - lineWidth / 2, y: rect.minY, width: lineWidth, height: rect.height), color: border.withAlpha(0.6))
        }
        typesetter.draw(
          field, at: Point(x + width / 2, center.y), size: theme.fontSize,
          weight: i == 0 && node.fields.count > 1 ? .bold : .regular, color: theme.ink, horizontal: .center,
          vertical: .center, into: &canvas)
        x += width
      }
    }
  }
}
