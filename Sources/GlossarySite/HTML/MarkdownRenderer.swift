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
    return sanitizer.sanitize(parser.html(from: Self.withoutInkMetadata(markdown)))
  }

  /// `markdown` with a leading `---` line (after blank lines and spaces) written `***`: Ink would
  /// read it as the start of a metadata block (which the workbench never uses: front matter is read
  /// by `FrontMatter`), swallowing the text up to the next `---`, and Ink 0.6 traps on such a block
  /// that is never closed and ends in white space (found by the `glossary-entry` fuzz target). Both
  /// spellings are a thematic break (`<hr>`).
  static func withoutInkMetadata(_ markdown: String) -> String {
    guard let start = markdown.firstIndex(where: { !$0.isWhitespace }), markdown[start...].hasPrefix("---\n") else {
      return markdown
    }
    return markdown[..<start] + "***" + markdown[markdown.index(start, offsetBy: 3)...]
  }
}
