import Foundation

/// Markdown turned into plain text blocks for the terminal: paragraphs, list items, code
/// and headings, with inline marks (`**`, `_`, backticks, links) removed.
enum PlainTextMarkdown {
  /// One block of text to lay out.
  enum Block: Equatable {
    /// Text to wrap.
    case paragraph(String)
    /// A list item: its marker (`•` or `1.`), nesting depth and text.
    case item(marker: String, depth: Int, text: String)
    /// Lines shown as they are (code, tables).
    case verbatim([String])
    /// A sub-heading.
    case heading(String)
  }

  /// The blocks of `markdown`, in order.
  static func blocks(_ markdown: String) -> [Block] {
    var blocks: [Block] = []
    var paragraph: [String] = []
    var item: (marker: String, depth: Int, text: [String])?
    var verbatim: [String] = []
    var fence: String?

    func flush() {
      if !paragraph.isEmpty { blocks.append(.paragraph(inline(paragraph.joined(separator: " ")))) }
      if let open = item { blocks.append(.item(marker: open.marker, depth: open.depth, text: inline(open.text.joined(separator: " ")))) }
      if !verbatim.isEmpty { blocks.append(.verbatim(verbatim)) }
      paragraph = []
      item = nil
      verbatim = []
    }

    for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let marker = fence {
        if trimmed.hasPrefix(marker) { fence = nil; flush() } else { verbatim.append(line) }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        flush()
        fence = String(trimmed.prefix(3))
        continue
      }
      if trimmed.isEmpty { flush(); continue }
      if trimmed.hasPrefix("|") {
        if verbatim.isEmpty { flush() }
        if !trimmed.allSatisfy({ "|-: ".contains($0) }) { verbatim.append(inline(trimmed)) }
        continue
      }
      if let level = BodySections.headingLevel(Substring(trimmed)) {
        flush()
        blocks.append(.heading(inline(BodySections.headingText(Substring(trimmed), level: level))))
        continue
      }
      let indentation = line.prefix { $0 == " " }.count
      if let (marker, text) = listItem(trimmed) {
        flush()
        item = (marker, indentation / 2, [text])
        continue
      }
      var text = trimmed
      if text.hasPrefix(">") { text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
      if item != nil { item?.text.append(text) } else { paragraph.append(text) }
    }
    flush()
    return blocks
  }

  /// The marker and text of a list item line (`- x`, `* x`, `+ x`, `3. x`), or `nil`.
  private static func listItem(_ line: String) -> (String, String)? {
    for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) {
      return ("•", String(line.dropFirst(2)))
    }
    let digits = line.prefix { $0.isNumber }
    if !digits.isEmpty, digits.count <= 3 {
      let rest = line.dropFirst(digits.count)
      if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return ("\(digits).", String(rest.dropFirst(2))) }
    }
    return nil
  }

  /// Text with inline Markdown removed: `**b**` → `b`, `` `c` `` → `c`, `[t](u)` → `t`, `![a](u)` → `a`,
  /// `\*` → `*`, and the entities `&amp; &lt; &gt; &quot;` decoded.
  static func inline(_ text: String) -> String {
    var output = ""
    let characters = Array(text)
    var index = 0
    var inCode = false
    while index < characters.count {
      let character = characters[index]
      if character == "`" { inCode.toggle(); index += 1; continue }
      if inCode { output.append(character); index += 1; continue }
      switch character {
      case "\\" where index + 1 < characters.count:
        output.append(characters[index + 1])
        index += 2
        continue
      case "*", "~":
        index += 1
        continue
      case "_":
        // Emphasis only at a word edge; snake_case keeps its underscore.
        let before = index > 0 ? characters[index - 1] : " "
        let after = index + 1 < characters.count ? characters[index + 1] : " "
        if before.isLetter || before.isNumber, after.isLetter || after.isNumber { output.append("_") }
        index += 1
        continue
      case "!" where index + 1 < characters.count && characters[index + 1] == "[":
        index += 1
        continue
      case "[":
        if let close = characters[index...].firstIndex(of: "]"), close + 1 < characters.count, characters[close + 1] == "(",
          let end = characters[(close + 1)...].firstIndex(of: ")")
        {
          output += inline(String(characters[(index + 1)..<close]))
          index = end + 1
          continue
        }
      default:
        break
      }
      output.append(character)
      index += 1
    }
    return output
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
  }
}
