/// The two escaping rules every generated page uses.
enum HTMLEscaping {
  /// Text content: `&`, `<` and `>` become entities, so text can never open a tag.
  static func text(_ string: String) -> String { escape(string, quotes: false) }

  /// A double-quoted attribute value: text escaping plus both quote characters.
  static func attribute(_ string: String) -> String { escape(string, quotes: true) }

  private static func escape(_ string: String, quotes: Bool) -> String {
    var result = ""
    result.reserveCapacity(string.utf8.count)
    for character in string {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where quotes: result += "&quot;"
      case "'" where quotes: result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// Decodes the character references Ink leaves in attribute values
  /// (`&amp; &lt; &gt; &quot; &apos; &#39; &#NN; &#xHH;`); others are kept as written.
  static func decode(_ string: String) -> String {
    guard string.contains("&") else { return string }
    var result = ""
    var index = string.startIndex
    while index < string.endIndex {
      let character = string[index]
      if character == "&", let semicolon = string[index...].prefix(12).firstIndex(of: ";") {
        let name = string[string.index(after: index)..<semicolon]
        var decoded: Character?
        switch name {
        case "amp": decoded = "&"
        case "lt": decoded = "<"
        case "gt": decoded = ">"
        case "quot": decoded = "\""
        case "apos": decoded = "'"
        default:
          if name.hasPrefix("#x") || name.hasPrefix("#X") {
            decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
          } else if name.hasPrefix("#") {
            decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map(Character.init)
          }
        }
        if let decoded {
          result.append(decoded)
          index = string.index(after: semicolon)
          continue
        }
      }
      result.append(character)
      index = string.index(after: index)
    }
    return result
  }
}
