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
    return sanitizer.sanitize(parser.html(from: Self.limitingBracketNesting(Self.withoutInkMetadata(markdown))))
  }

  /// The deepest nesting of unclosed `[` that reaches Ink: each `[` starts a link that Ink parses
  /// by reading the rest of the paragraph, recursively at every inner `[`, and rewinds when no link
  /// closes, so a run of n unclosed brackets costs about 2ⁿ steps (40 took minutes, 20 a second; found by the
  /// `glossary-entry` fuzz target). Real links nest at most twice (an image inside a link).
  static let maximumBracketNesting = 4

  /// `markdown` with every `[` that would open deeper than ``maximumBracketNesting`` unclosed
  /// brackets written as the entity `&#91;`, which Ink passes through as text and a browser shows
  /// as `[`. Nesting is counted within a paragraph (it restarts at a blank line).
  static func limitingBracketNesting(_ markdown: String) -> String {
    guard markdown.utf8.lazy.filter({ $0 == UInt8(ascii: "[") }).count > maximumBracketNesting else { return markdown }
    var result = ""
    result.reserveCapacity(markdown.utf8.count)
    var depth = 0
    var previous: Character = "\n"
    for character in markdown {
      switch character {
      case "[":
        if depth >= maximumBracketNesting {
          result += "&#91;"
        } else {
          depth += 1
          result.append(character)
        }
      case "]":
        depth = max(0, depth - 1)
        result.append(character)
      case "\n":
        if previous == "\n" { depth = 0 }
        result.append(character)
      default:
        result.append(character)
      }
      if !(character == " " || character == "\t") { previous = character }
    }
    return result
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
