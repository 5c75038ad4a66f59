import Foundation

extension Canvas {
  /// Fills a disc of `radius` pixels centred at `center`.
  mutating func fillCircle(center: Point, radius: Double, color: Color) {
    guard center.isFinite, radius > 0 else { return }
    let region = PixelRect(
      covering: Rect(x: center.x - radius - 1, y: center.y - radius - 1, width: 2 * radius + 2, height: 2 * radius + 2)
    ).intersection(clip).intersection(fullRect)
    if region.isEmpty { return }
    let (cr, cg, cb, ca) = Canvas.components(color)
    let w = width
    // Discs smaller than a pixel fade out instead of vanishing.
    let r = max(radius, 0.5)
    let gain = Float(min(1, radius / 0.5))
    pixels.withUnsafeMutableBufferPointer { px in
      let p = px.baseAddress!
      for y in region.minY..<region.maxY {
        let dy = Double(y) + 0.5 - center.y
        for x in region.minX..<region.maxX {
          let dx = Double(x) + 0.5 - center.x
          let cov = r + 0.5 - (dx * dx + dy * dy).squareRoot()
          if cov > 0 { Canvas.blend(p, (y * w + x) * 4, cr, cg, cb, Float(min(cov, 1)) * gain * ca) }
        }
      }
    }
  }

  /// Draws a ring of `lineWidth` pixels centred on the circle of `radius` around `center`.
  mutating func strokeCircle(center: Point, radius: Double, lineWidth: Double, color: Color) {
    guard center.isFinite, radius > 0, lineWidth > 0 else { return }
    let outer = radius + lineWidth / 2
    let inner = radius - lineWidth / 2
    let region = PixelRect(
      covering: Rect(x: center.x - outer - 1, y: center.y - outer - 1, width: 2 * outer + 2, height: 2 * outer + 2)
    ).intersection(clip).intersection(fullRect)
    if region.isEmpty { return }
    let (cr, cg, cb, ca) = Canvas.components(color)
    let w = width
    pixels.withUnsafeMutableBufferPointer { px in
      let p = px.baseAddress!
      for y in region.minY..<region.maxY {
        let dy = Double(y) + 0.5 - center.y
        for x in region.minX..<region.maxX {
          let dx = Double(x) + 0.5 - center.x
          let d = (dx * dx + dy * dy).squareRoot()
          let cov = min(outer + 0.5 - d, d - inner + 0.5, 1)
          if cov > 0 { Canvas.blend(p, (y * w + x) * 4, cr, cg, cb, Float(cov) * ca) }
        }
      }
    }
  }

  /// Fills and/or outlines a rectangle with rounded corners of `radius` pixels.
  mutating func roundedRect(_ rect: Rect, radius: Double, fill: Color?, stroke: Color?, lineWidth: Double) {
    let outline = Canvas.roundedRectOutline(rect, radius: radius)
    if let fill { fillPolygon([outline], color: fill) }
    if let stroke, lineWidth > 0 { strokePolyline(outline + [outline[0]], width: lineWidth, color: stroke) }
  }

  /// The outline of a rounded rectangle as a polygon (corner arcs approximated by short chords).
  static func roundedRectOutline(_ rect: Rect, radius: Double) -> [Point] {
    let r = max(0, min(radius, rect.width / 2, rect.height / 2))
    if r < 0.5 {
      return [
        Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY), Point(rect.maxX, rect.maxY),
        Point(rect.minX, rect.maxY),
      ]
    }
    let steps = max(3, Int(r / 2))
    var points: [Point] = []
    let corners: [(Point, Double)] = [
      (Point(rect.maxX - r, rect.minY + r), -Double.pi / 2),
      (Point(rect.maxX - r, rect.maxY - r), 0),
      (Point(rect.minX + r, rect.maxY - r), Double.pi / 2),
      (Point(rect.minX + r, rect.minY + r), Double.pi),
    ]
    for (c, start) in corners {
      for s in 0...steps {
        let angle = start + Double.pi / 2 * Double(s) / Double(steps)
        points.append(Point(c.x + r * cos(angle), c.y + r * sin(angle)))
      }
    }
    return points
  }

  /// Draws a line from `from` to `to` ending in a filled triangular head at `to`.
  mutating func arrow(from: Point, to: Point, lineWidth: Double, headLength: Double, color: Color) {
    let dx = to.x - from.x
    let dy = to.y - from.y
    let length = (dx * dx + dy * dy).squareRoot()
    guard length > 0, from.isFinite, to.isFinite else { return }
    let ux = dx / length
    let uy = dy / length
    let head = min(headLength, length * 0.6)
    let halfWidth = head * 0.45
    let base = Point(to.x - ux * head, to.y - uy * head)
    strokePolyline([from, Point(base.x + ux * 1, base.y + uy * 1)], width: lineWidth, color: color)
    fillPolygon(
      [[to, Point(base.x - uy * halfWidth, base.y + ux * halfWidth), Point(base.x + uy * halfWidth, base.y - ux * halfWidth)]],
      color: color)
  }
}
