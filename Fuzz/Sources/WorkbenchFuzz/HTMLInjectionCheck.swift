/// An independent check of rendered HTML (written without looking at ``HTMLSanitizer``'s parser):
/// no `<script`, `<iframe`, `<object`, `<embed`, `<style`, `<svg`, `<math`, `<form` element in any
/// case, no `on…=` event-handler attribute inside a tag, and no `javascript:`, `vbscript:` or `data:`
/// URL in an attribute (entities decoded, whitespace and control characters ignored, as browsers do).
enum HTMLInjectionCheck {
  static let forbiddenElements = ["script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link"]

  /// A description of the first problem in `html`, or `nil` when it is safe.
  static func firstProblem(in html: String) -> String? {
    let scalars = Array(html.unicodeScalars)
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "<" else { index += 1; continue }
      // A tag: up to the next `>` outside quotes.
      var end = index + 1
      var quote: Unicode.Scalar? = nil
      while end < scalars.count {
        let c = scalars[end]
        if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { break }
        end += 1
      }
      let tag = String(String.UnicodeScalarView(scalars[(index + 1)..<min(end, scalars.count)]))
      if let problem = problem(inTag: tag) { return problem }
      index = end + 1
    }
    return nil
  }

  private static func problem(inTag tag: String) -> String? {
    let lower = tag.lowercased()
    let name = String(lower.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber })
    if forbiddenElements.contains(name) { return "element <\(name)>" }
    // Attribute names: a word preceded by whitespace or `/` and followed by optional spaces and `=`.
    let characters = Array(lower)
    var i = 0
    var inQuote: Character? = nil
    while i < characters.count {
      let c = characters[i]
      if let q = inQuote { if c == q { inQuote = nil }; i += 1; continue }
      if c == "\"" || c == "'" { inQuote = c; i += 1; continue }
      if (c.isWhitespace || c == "/"), i + 2 < characters.count, characters[i + 1] == "o", characters[i + 2] == "n" {
        var j = i + 3
        while j < characters.count, characters[j].isLetter { j += 1 }
        while j < characters.count, characters[j].isWhitespace { j += 1 }
        if j > i + 3, j < characters.count, characters[j] == "=" { return "event handler in <\(tag)>" }
      }
      i += 1
    }
    let decoded = decodeEntities(lower).filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
    for scheme in ["javascript:", "vbscript:", "data:"] where decoded.contains("=\"" + scheme) || decoded.contains("='" + scheme) || decoded.contains("=" + scheme) {
      return "\(scheme) URL in <\(tag)>"
    }
    return nil
  }

  /// `text` with `&#NN;`, `&#xNN;` and the few named entities a URL could hide behind decoded.
  static func decodeEntities(_ text: String) -> String {
    var output = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      output += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      if let semi = after.prefix(12).firstIndex(of: ";") {
        let body = after[..<semi]
        var value: UInt32? = nil
        if body.hasPrefix("#x") || body.hasPrefix("#X") { value = UInt32(body.dropFirst(2), radix: 16) }
        else if body.hasPrefix("#") { value = UInt32(body.dropFirst()) }
        else { value = ["colon": 58, "tab": 9, "newline": 10, "amp": 38, "quot": 34, "apos": 39, "lt": 60, "gt": 62][String(body)] }
        if let value, let scalar = Unicode.Scalar(value) {
          output.unicodeScalars.append(scalar)
          rest = after[after.index(after: semi)...]
          continue
        }
      }
      output += "&"
      rest = after
    }
    return output + rest
  }
}
