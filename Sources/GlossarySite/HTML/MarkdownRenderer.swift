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
    let limited = Self.limitingBracketNesting(Self.withoutInkMetadata(Self.withoutTrailingLineWhitespace(markdown)))
    // A `<` that would stall Ink reaches it as a private marker and leaves it as `&lt;`, so that it
    // reads `<` wherever Ink puts it (text, code, raw HTML shown as text); `&lt;` itself if the input
    // already holds the marker.
    let usesMarker = !limited.contains(Self.lessThanMarker)
    let prepared = Self.escapingUnclosedParagraphTags(limited, as: usesMarker ? String(Self.lessThanMarker) : "&lt;")
    var html = parser.html(from: prepared)
    if usesMarker, prepared != limited {
      html = html.replacing(String(Self.lessThanMarker), with: "&lt;")
    }
    return sanitizer.sanitize(html)
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

  /// The character (the noncharacter U+FDD0, which no text uses) that stands for a `<` taken away
  /// from Ink by ``escapingUnclosedParagraphTags(_:as:)``; Ink copies it like a letter and the renderer
  /// writes `&lt;` in its place.
  static let lessThanMarker = Character(Unicode.Scalar(0xFDD0)!)

  /// `markdown` with every `<` that Ink 0.6 would stall on written as `replacement` (the entity
  /// `&lt;` unless told otherwise; ``render(_:)`` passes ``lessThanMarker``). Ink ends a paragraph's
  /// text before any `<p` or `<P` (to let a new paragraph start there) and then reads the `<p` as an
  /// HTML element. When that read fails, Ink falls back to a paragraph, whose text again ends before
  /// the same `<p` having read nothing, and the loop never ends, appending an empty paragraph each
  /// turn (the memory grows by gigabytes; found by the `glossary-entry` fuzz target). The read fails
  /// when the `<p` has no `>` anywhere after it, or when the `<` follows a `\` (Ink reads no element
  /// after a backslash). Every other `<p` is left alone: Ink reads it as raw HTML, which the renderer
  /// shows as text. Characters are compared as Ink compares them (`Character`: a `>` with a combining
  /// mark is no `>`).
  static func escapingUnclosedParagraphTags(_ markdown: String, as replacement: String = "&lt;") -> String {
    let bytes = markdown.utf8
    guard zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "<") && ($1 | 0x20) == UInt8(ascii: "p") }) else {
      return markdown
    }
    let lastClose = markdown.lastIndex(of: ">")
    var result = ""
    result.reserveCapacity(bytes.count)
    var index = markdown.startIndex
    var previous: Character? = nil
    while index < markdown.endIndex {
      let character = markdown[index]
      let next = markdown.index(after: index)
      if character == "<", next < markdown.endIndex, markdown[next].lowercased() == "p",
        previous == "\\" || lastClose.map({ $0 < index }) ?? true
      {
        result += replacement
      } else {
        result.append(character)
      }
      previous = character
      index = next
    }
    return result
  }

  /// `markdown` without the spaces, tabs and other same-line white space at its very end (a newline
  /// there stays). Ink 0.6 traps (String index out of bounds) on a list whose last line is only such
  /// white space: it reads the indentation as the start of a nested list and then reads past the end
  /// of the text (found by the `glossary-entry` fuzz target; smallest form `"- a\n "`). White space
  /// at the end of a text is invisible, so every other text renders as before (but for the trailing
  /// spaces of a last code line).
  static func withoutTrailingLineWhitespace(_ markdown: String) -> String {
    let isLineWhitespace = { (c: Character) in c.isWhitespace && !c.isNewline }
    guard let last = markdown.last, isLineWhitespace(last) else { return markdown }
    return markdown.lastIndex { !isLineWhitespace($0) }.map { String(markdown[...$0]) } ?? ""
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
