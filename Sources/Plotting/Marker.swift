import Foundation

/// The shape drawn at each data point of a scatter series or a line with markers.
public enum Marker: Sendable, Hashable {
  /// A filled disc.
  case circle
  /// A filled square.
  case square
  /// A filled diamond (a square standing on a corner, slightly narrow).
  case diamond
  /// A filled upward triangle.
  case triangle
  /// An "×" made of two strokes.
  case cross
  /// A "+" made of two strokes.
  case plus
}

extension Canvas {
  /// Draws `marker` centred at `center`, `size` device pixels across, filled with `fill`
  /// and outlined with `edge` (`edgeWidth` pixels) when given.
  mutating func drawMarker(
    _ marker: Marker, at center: Point, size: Double, fill: Color, edge: Color?, edgeWidth: Double
  ) {
    guard center.isFinite, size > 0 else { return }
    let r = size / 2
    switch marker {
    case .circle:
      if let edge, edgeWidth > 0 {
        fillCircle(center: center, radius: r + edgeWidth / 2, color: edge)
        fillCircle(center: center, radius: max(0, r - edgeWidth / 2), color: fill)
      } else {
        fillCircle(center: center, radius: r, color: fill)
      }
    case .square, .diamond, .triangle:
      let outline = Canvas.markerOutline(marker, center: center, radius: r)
      fillPolygon([outline], color: fill)
      if let edge, edgeWidth > 0 { strokePolyline(outline + [outline[0]], width: edgeWidth, color: edge) }
    case .cross, .plus:
      let d = marker == .cross ? r * 0.75 : r
      let lines: [[Point]] =
        marker == .cross
        ? [[Point(center.x - d, center.y - d), Point(center.x + d, center.y + d)],
          [Point(center.x - d, center.y + d), Point(center.x + d, center.y - d)]]
        : [[Point(center.x - d, center.y), Point(center.x + d, center.y)],
          [Point(center.x, center.y - d), Point(center.x, center.y + d)]]
      strokePolylines(lines, width: max(1, size / 5), color: fill)
    }
  }

  static func markerOutline(_ marker: Marker, center c: Point, radius r: Double) -> [Point] {
    switch marker {
    case .square:
      let h = r * 0.85
      return [Point(c.x - h, c.y - h), Point(c.x + h, c.y - h), Point(c.x + h, c.y + h), Point(c.x - h, c.y + h)]
    case .diamond:
      return [Point(c.x, c.y - r * 1.1), Point(c.x + r * 0.8, c.y), Point(c.x, c.y + r * 1.1), Point(c.x - r * 0.8, c.y)]
    case .triangle:
      let h = r * 1.1
      return [
        Point(c.x, c.y - h), Point(c.x + h * cos(Double.pi / 6), c.y + h / 2),
        Point(c.x - h * cos(Double.pi / 6), c.y + h / 2),
      ]
    default:
      return []
    }
  }
}
