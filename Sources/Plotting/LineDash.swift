/// The dash pattern of a line.
public enum LineDash: Sendable, Hashable {
  /// An unbroken line.
  case solid
  /// Long dashes (3.7 on, 1.6 off, in line widths, as matplotlib's "--").
  case dashed
  /// Dots (1 on, 1.65 off, in line widths, as matplotlib's ":").
  case dotted
  /// Alternating dash and dot (as matplotlib's "-.").
  case dashDot
  /// A custom pattern of alternating on/off lengths in points.
  case custom([Double])

  /// The on/off pattern in device pixels for a line `width` device pixels wide, or nil for solid.
  func pattern(lineWidth width: Double, theme: Theme) -> [Double]? {
    let w = max(width, 1)
    switch self {
    case .solid: return nil
    case .dashed: return [3.7 * w, 1.6 * w + w]
    case .dotted: return [0.1 * w, 1.65 * w + w]
    case .dashDot: return [6.4 * w, 1.6 * w + w, 0.1 * w, 1.6 * w + w]
    case .custom(let lengths):
      // Dashes shorter than half a pixel would only cost time: they are widened to half a pixel.
      let pattern = lengths.map { max(0.5, theme.pt($0)) }
      return pattern.count >= 2 && lengths.allSatisfy({ $0 > 0 && $0.isFinite }) ? pattern : nil
    }
  }
}
