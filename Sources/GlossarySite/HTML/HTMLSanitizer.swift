import Foundation

/// HTML that passed ``HTMLSanitizer``: only the elements and attributes Markdown produces,
/// with attribute values re-escaped and links limited to safe targets.
struct SanitizedHTML: Sendable, Hashable {
  /// The markup.
  let html: String
  fileprivate init(html: String) { self.html = html }
}

/// Rewrites the HTML that Ink produced so that a glossary or lesson file can never inject
/// markup: tags outside a small allow-list (the ones Markdown makes) are shown as text,
/// attributes outside the allow-list are dropped, `href` may only be relative, an in-page
/// anchor, `http(s):` or `mailto:`, and `src` may only be relative (the site is offline).
///
/// Attributes are parsed as a browser would, so a value that broke out of its quotes
/// (Ink does not escape `"` in URLs or alt text) becomes a separate, dropped attribute.
struct HTMLSanitizer {
  /// Added to every heading level (capped at 6), so that a fragment fits under the page's headings.
  var headingShift = 0
  /// Rewrites a relative link or image address, or returns `nil` to drop it.
  var rewriteRelativeURL: @Sendable (String) -> String? = { $0 }

  private static let allowedTags: Set<String> = [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
  ]
  private static let voidTags: Set<String> = ["br", "hr", "img"]

  /// The sanitised form of `html`.
  func sanitize(_ html: String) -> SanitizedHTML {
    var output = ""
    output.reserveCapacity(html.utf8.count)
    var index = html.startIndex
    while index < html.endIndex {
      guard let open = html[index...].firstIndex(of: "<") else {
        output += Self.escapeStray(html[index...])
        break
      }
      output += Self.escapeStray(html[index..<open])
      guard let tag = Self.parseTag(html, at: open) else {
        output += "&lt;"
        index = html.index(after: open)
        continue
      }
      output += render(tag) ?? HTMLEscaping.text(String(html[open..<tag.end]))
      index = tag.end
    }
    return SanitizedHTML(html: output)
  }

  private struct Tag {
    var name: String
    var isClosing: Bool
    var attributes: [(name: String, value: String)]
    var end: String.Index
  }

  /// The tag as it will be written, or `nil` when it is not allowed (the caller shows it as text).
  private func render(_ tag: Tag) -> String? {
    var name = tag.name
    guard Self.allowedTags.contains(name) else { return nil }
    if name.count == 2, name.first == "h", let level = Int(name.dropFirst()) {
      name = "h\(min(6, level + headingShift))"
    }
    if tag.isClosing {
      if name == "table" { return "</table></div>" }
      return Self.voidTags.contains(name) ? "" : "</\(name)>"
    }
    if name == "table" { return "<div class=\"table-scroll\"><table>" }
    var kept: [(String, String)] = []
    for (attribute, raw) in tag.attributes {
      let value = HTMLEscaping.decode(raw)
      switch (name, attribute) {
      case ("a", "href"):
        if let url = safeURL(value, allowWeb: true) { kept.append((attribute, url)) }
      case ("img", "src"):
        if let url = safeURL(value, allowWeb: false) { kept.append((attribute, url)) }
      case ("img", "alt"):
        kept.append((attribute, value))
      case ("ol", "start") where !value.isEmpty && value.allSatisfy(\.isNumber):
        kept.append((attribute, value))
      case ("code", "class") where value.hasPrefix("language-") && value.allSatisfy({ $0.isLetter || $0.isNumber || "-_+".contains($0) }):
        kept.append((attribute, value))
      case ("th", "align"), ("td", "align"):
        if ["left", "center", "right"].contains(value) { kept.append((attribute, value)) }
      default:
        break
      }
    }
    if name == "img" {
      guard kept.contains(where: { $0.0 == "src" }) else {
        // No safe source: show the description instead of a broken image.
        return HTMLEscaping.text(kept.first { $0.0 == "alt" }?.1 ?? "")
      }
      if !kept.contains(where: { $0.0 == "alt" }) { kept.append(("alt", "")) }
    }
    return "<" + name + kept.map { " \($0.0)=\"\(HTMLEscaping.attribute($0.1))\"" }.joined() + ">"
  }

  /// A link or image address that is safe to keep, or `nil`.
  private func safeURL(_ url: String, allowWeb: Bool) -> String? {
    let url = url.trimmingCharacters(in: .whitespaces)
    guard !url.isEmpty, !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
      return nil
    }
    if url.hasPrefix("#") { return url }
    if let colon = url.firstIndex(of: ":"), !url[..<colon].contains(where: { "/?#".contains($0) }) {
      let scheme = url[..<colon].lowercased()
      return allowWeb && ["http", "https", "mailto"].contains(scheme) ? url : nil
    }
    if url.hasPrefix("//") { return nil }  // protocol-relative: a network address
    return rewriteRelativeURL(url)
  }

  /// Text between tags is already escaped by Ink; escape any stray `>` for good measure.
  private static func escapeStray(_ text: Substring) -> String {
    text.contains(">") ? text.replacingOccurrences(of: ">", with: "&gt;") : String(text)
  }

  /// Parses the tag starting at `start` (a `<`) the way a browser tokenizer does, or `nil`
  /// when it is not a tag (then the `<` is text).
  private static func parseTag(_ html: String, at start: String.Index) -> Tag? {
    var index = html.index(after: start)
    var isClosing = false
    if index < html.endIndex, html[index] == "/" {
      isClosing = true
      index = html.index(after: index)
    }
    let nameStart = index
    while index < html.endIndex, html[index].isASCII, html[index].isLetter || html[index].isNumber {
      index = html.index(after: index)
    }
    guard index > nameStart, html[nameStart].isLetter else { return nil }
    let name = html[nameStart..<index].lowercased()
    var attributes: [(String, String)] = []
    while index < html.endIndex {
      let character = html[index]
      if character == ">" {
        return Tag(name: name, isClosing: isClosing, attributes: attributes, end: html.index(after: index))
      }
      if character.isWhitespace || character == "/" {
        index = html.index(after: index)
        continue
      }
      let attributeStart = index
      while index < html.endIndex, !html[index].isWhitespace, !"/>=".contains(html[index]) {
        index = html.index(after: index)
      }
      let attribute = html[attributeStart..<index].lowercased()
      var value = ""
      if index < html.endIndex, html[index] == "=" {
        index = html.index(after: index)
        if index < html.endIndex, html[index] == "\"" || html[index] == "'" {
          let quote = html[index]
          let valueStart = html.index(after: index)
          guard let valueEnd = html[valueStart...].firstIndex(of: quote) else { return nil }
          value = String(html[valueStart..<valueEnd])
          index = html.index(after: valueEnd)
        } else {
          let valueStart = index
          while index < html.endIndex, !html[index].isWhitespace, html[index] != ">" {
            index = html.index(after: index)
          }
          value = String(html[valueStart..<index])
        }
      }
      if attribute.isEmpty {
        index = html.index(after: index)
      } else {
        attributes.append((attribute, value))
      }
    }
    return nil
  }
}
