/// Greedy word wrapping for terminal text, measured in characters.
enum TextWrapping {
  /// `text` broken into lines of at most `width` characters (a longer single word gets its own line),
  /// the first line prefixed with `firstIndent` and the rest with `indent`.
  static func wrap(_ text: String, width: Int, firstIndent: String = "", indent: String = "") -> [String] {
    var lines: [String] = []
    var line = firstIndent
    var lineHasWord = false
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      if lineHasWord, line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
        lineHasWord = false
      }
      if lineHasWord { line += " " }
      line += word
      lineHasWord = true
    }
    if lineHasWord || lines.isEmpty { lines.append(line) }
    return lines
  }
}
