import Ink

/// Markdown to safe HTML: Ink does the parsing; raw HTML in the Markdown is shown as text
/// (Ink would pass it through), and the result goes through ``HTMLSanitizer``.
struct MarkdownRenderer {
  /// The sanitizer's settings (heading shift, link rewriting).
  var sanitizer = HTMLSanitizer()

  /// The HTML for `markdown`.
  func render(_ markdown: String) -> SanitizedHTML {
    sanitizer.sanitize(html(markdown))
  }

  /// The unsanitized HTML for `markdown`: lists that hold indented blocks (fenced code under an item)
  /// are built item by item, each item's content rendered on its own (Ink 0.6 would end the list at
  /// the first indented fence and show the rest as one code block); everything else goes to Ink.
  private func html(_ markdown: String) -> String {
    Self.blocks(markdown).map { block in
      switch block {
      case .markdown(let text): return inkHTML(text)
      case .list(let ordered, let items):
        let tag = ordered ? "ol" : "ul"
        return "<\(tag)>" + items.map { "<li>" + html($0) + "</li>" }.joined() + "</\(tag)>\n"
      }
    }.joined()
  }

  /// A run of Markdown lines: given to Ink as it is, or a list whose items hold indented blocks.
  enum Block: Equatable {
    case markdown(String)
    /// A list's items, each item's Markdown with its marker removed and its indentation taken off.
    case list(ordered: Bool, items: [String])
  }

  /// The marker of a list item that starts `line` at column 0 (`- `, `* `, `+ `, `1. `), if any.
  static func listMarker(_ line: Substring) -> (width: Int, ordered: Bool)? {
    if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " { return (2, false) }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard (1...9).contains(digits.count) else { return nil }
    let rest = line.dropFirst(digits.count)
    guard rest.first == "." || rest.first == ")", rest.dropFirst().first == " " else { return nil }
    return (digits.count + 2, true)
  }

  /// `markdown` split into blocks: every top-level list (outside fenced code) one of whose items
  /// holds an indented fenced code block becomes a ``Block/list(ordered:items:)``; the rest stays Markdown.
  static func blocks(_ markdown: String) -> [Block] {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    func isFence(_ line: Substring) -> Bool {
      let trimmed = line.drop { $0 == " " }
      return trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
    }
    var blocks: [Block] = []
    var plain: [Substring] = []
    var index = 0
    var inFence = false
    func flushPlain() {
      if !plain.isEmpty { blocks.append(.markdown(plain.joined(separator: "\n"))) }
      plain = []
    }
    while index < lines.count {
      let line = lines[index]
      if inFence || listMarker(line) == nil {
        if isFence(line) && line.prefix(while: { $0 == " " }).count < 4 { inFence.toggle() }
        plain.append(line)
        index += 1
        continue
      }
      // A top-level list: its items, and the blank or indented lines that continue them.
      let ordered = listMarker(line)!.ordered
      var items: [[Substring]] = []
      var width = 0  // the marker's width: continuation lines lose up to that many leading spaces
      var end = index
      var hasIndentedFence = false
      var itemFence = false
      while end < lines.count {
        let current = lines[end]
        let indentation = current.prefix { $0 == " " }.count
        if !itemFence, let marker = listMarker(current), marker.ordered == ordered {
          items.append([current.dropFirst(marker.width)])
          width = marker.width
        } else if !items.isEmpty, itemFence || indentation > 0 || current.allSatisfy({ $0 == " " || $0 == "\t" }) {
          items[items.count - 1].append(current.dropFirst(min(indentation, width)))
          if isFence(current) && (itemFence || indentation > 0) {
            itemFence.toggle()
            hasIndentedFence = true
          }
        } else {
          break
        }
        end += 1
      }
      // Blank lines after the last item belong to what follows.
      var trailing: [Substring] = []
      while let last = items.last?.last, last.allSatisfy({ $0 == " " || $0 == "\t" }), items[items.count - 1].count > 1 {
        trailing.insert(last, at: 0)
        items[items.count - 1].removeLast()
      }
      if hasIndentedFence {
        flushPlain()
        blocks.append(.list(ordered: ordered, items: items.map { $0.joined(separator: "\n") }))
        plain = trailing
      } else {
        plain += lines[index..<end]
      }
      index = end
    }
    flushPlain()
    return blocks
  }

  /// Ink's HTML for `markdown` (not yet sanitized), after the work-arounds below.
  private func inkHTML(_ markdown: String) -> String {
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
    return html
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
