/// A figure of text: a bold title, an optional grey subtitle, and a body wrapped to the width
/// (for film frames of generated text, such as a language model's samples while it trains).
///
///     TextPanel(title: "Samples after 400 steps", subtitle: "validation loss 2.12 nats", body: "The …")
public struct TextPanel: Figure, FrameDrawable {
  public var title: String
  public var subtitle: String?
  /// The text; its line breaks are kept and long lines wrap at spaces (or anywhere in a long word).
  public var body: String

  public init(title: String, subtitle: String? = nil, body: String) {
    (self.title, self.subtitle, self.body) = (title, subtitle, body)
  }

  /// Renders `width × height` device pixels at `scale` device pixels per logical pixel (see ``Figure``).
  public func render(width: Int, height: Int, scale: Double) throws -> RGBAImage {
    try renderAlone(width: width, height: height, scale: scale)
  }

  func draw(in frame: Rect, canvas: inout Canvas, typesetter: Typesetter, theme: Theme) throws {
    let pad = theme.figurePad * 2
    let width = frame.width - 2 * pad
    var y = frame.minY + pad
    let heading = TextFitting.fit(title, size: theme.pt(13), weight: .bold, width: width, typesetter: typesetter)
    typesetter.draw(
      heading.text, at: Point(frame.minX + pad, y), size: heading.size, weight: .bold, color: theme.ink, vertical: .top,
      into: &canvas)
    y += typesetter.measure(heading.text, size: heading.size, weight: .bold).height + theme.pt(4)
    if let subtitle {
      let fitted = TextFitting.fit(subtitle, size: theme.fontSize, width: width, typesetter: typesetter)
      typesetter.draw(
        fitted.text, at: Point(frame.minX + pad, y), size: fitted.size, color: Color(grey: 0.35), vertical: .top, into: &canvas)
      y += typesetter.measure(fitted.text, size: fitted.size).height + theme.pt(8)
    }
    let size = theme.pt(11)
    let spacing = typesetter.lineSpacing(size: size)
    for line in wrap(body, width: width, size: size, typesetter: typesetter) {
      // Lines that would leave the canvas are dropped (``TextFit/dropped``), never drawn half outside.
      guard y + spacing <= frame.maxY - pad else {
        if !line.isEmpty { TextFitLog.note(line, .dropped) }
        break
      }
      if !line.isEmpty {
        typesetter.draw(line, at: Point(frame.minX + pad, y), size: size, color: theme.ink, vertical: .top, into: &canvas)
      }
      y += spacing
    }
  }

  /// `text` broken into lines no wider than `width`: at its own line breaks, then at spaces, then anywhere.
  private func wrap(_ text: String, width: Double, size: Double, typesetter: Typesetter) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var current = ""
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
        let candidate = current.isEmpty ? String(word) : current + " " + word
        if typesetter.measure(candidate, size: size).width <= width {
          current = candidate
          continue
        }
        if !current.isEmpty { lines.append(current) }
        current = ""
        for character in word {
          let longer = current + String(character)
          if typesetter.measure(longer, size: size).width > width, !current.isEmpty {
            lines.append(current)
            current = String(character)
          } else {
            current = longer
          }
        }
      }
      lines.append(current)
    }
    return lines
  }
}
