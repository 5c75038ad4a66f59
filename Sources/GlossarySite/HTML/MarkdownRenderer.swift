import Ink

/// Markdown to safe HTML: Ink does the parsing; raw HTML in the Markdown is shown as text
/// (Ink would pass it through), and the result goes through ``HTMLSanitizer``.
struct MarkdownRenderer {
  /// The sanitizer's settings (heading shift, link rewriting).
  var sanitizer = HTMLSanitizer()

  /// The HTML for `markdown`.
  func render(_ markdown: String) -> SanitizedHTML {
    let parser = MarkdownParser(modifiers: [
      // Ink hands raw HTML (block or inline) to `.html` modifiers; show its source as text.
      Modifier(target: .html) { input in HTMLEscaping.text(String(input.markdown)) }
    ])
    return sanitizer.sanitize(parser.html(from: markdown))
  }
}
