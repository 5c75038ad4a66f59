/// How a piece of chart text was made to fit, in the order tried: shrink, wrap, rotate, stagger, drop.
public enum TextFit: String, Sendable, Hashable, Codable {
  /// Drawn as given.
  case asGiven = "as given"
  /// Drawn smaller (down to ``TextFitting/smallestScale`` of its size).
  case shrunk
  /// Broken into lines at spaces (after shrinking).
  case wrapped
  /// Placed at alternating heights so neighbours do not overlap.
  case staggered
  /// Left out: it could not be placed without overlapping or leaving the canvas.
  case dropped
}

/// Fits text into a width: shrink first, then wrap at spaces.
enum TextFitting {
  /// The smallest size a text is shrunk to, as a fraction of its nominal size, before it wraps.
  static let smallestScale = 0.8

  /// `text` at `size` if it is at most `width` pixels wide; else shrunk (to no less than
  /// `smallestScale × size`); else wrapped into as few lines as needed at that smaller size.
  static func fit(
    _ text: String, size: Double, weight: FontWeight = .regular, width: Double, typesetter: Typesetter
  ) -> (text: String, size: Double, fit: TextFit) {
    let fitted = shrinkOrWrap(text, size: size, weight: weight, width: width, typesetter: typesetter)
    TextFitLog.note(text, fitted.fit)
    return fitted
  }

  private static func shrinkOrWrap(
    _ text: String, size: Double, weight: FontWeight, width: Double, typesetter: Typesetter
  ) -> (text: String, size: Double, fit: TextFit) {
    let natural = typesetter.measure(text, size: size, weight: weight).width
    guard natural > width, width > 0 else { return (text, size, .asGiven) }
    let shrunk = max(size * smallestScale, size * width / natural)
    if typesetter.measure(text, size: shrunk, weight: weight).width <= width { return (text, shrunk, .shrunk) }
    let small = size * smallestScale
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if current.isEmpty || typesetter.measure(candidate, size: small, weight: weight).width <= width {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return (lines.joined(separator: "\n"), small, .wrapped)
  }
}
