/// Writes JSON text: string literals, numbers, sorted keys, and whole documents laid out in lines.
public enum JSONWriter {
  /// How a control character other than `\n`, `\r` and `\t` is escaped in a string literal.
  public enum ControlEscapes: Sendable {
    /// `\b` and `\f` for backspace and form feed, `\u00XX` for the rest: serde_json's compact
    /// writer (the safetensors reference), so that checkpoint headers are byte-for-byte predictable.
    case short
    /// `\u00XX` for every one of them, as the cost reports have always written.
    case unicode
  }

  /// `text` as a JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, …
  /// or `\u00XX`, everything else (including non-ASCII) as raw UTF-8.
  public static func quoted(_ text: String, controlEscapes: ControlEscapes = .short) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}" where controlEscapes == .short: result += "\\b"
      case "\u{0C}" where controlEscapes == .short: result += "\\f"
      case let control where control.value < 0x20:
        let hex = String(control.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// Keys sorted by their UTF-8 bytes, the order in which writers here emit object members.
  public static func sortedKeys<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
    keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// A finite number as JSON text: integers below 10¹⁵ without a fractional part, other values in
  /// Swift's shortest round-tripping form; NaN and infinities as `null`.
  public static func number(_ value: Double) -> String {
    if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return value.isFinite ? "\(value)" : "null"
  }

  /// `value` as a document: containers at depth < `inlineDepth` take one member per line, indented
  /// by two spaces per level; deeper ones are written on one line as `{"a": 1, "b": 2}`. Strings use
  /// ``ControlEscapes/unicode``; numbers are written as their literal text.
  public static func document(_ value: JSONValue, inlineDepth: Int = .max) -> String {
    var out = ""
    write(value, into: &out, depth: 0, inlineDepth: inlineDepth)
    return out
  }

  private static func write(_ value: JSONValue, into out: inout String, depth: Int, inlineDepth: Int) {
    switch value {
    case .null: out += "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .number(let text): out += text
    case .string(let text): out += quoted(text, controlEscapes: .unicode)
    case .array(let items):
      container(into: &out, open: "[", close: "]", count: items.count, depth: depth, inlineDepth: inlineDepth) {
        out, index in write(items[index], into: &out, depth: depth + 1, inlineDepth: inlineDepth)
      }
    case .object(let members):
      container(into: &out, open: "{", close: "}", count: members.count, depth: depth, inlineDepth: inlineDepth) {
        out, index in
        out += quoted(members[index].key, controlEscapes: .unicode) + ": "
        write(members[index].value, into: &out, depth: depth + 1, inlineDepth: inlineDepth)
      }
    }
  }

  private static func container(
    into out: inout String, open: String, close: String, count: Int, depth: Int, inlineDepth: Int,
    member: (inout String, Int) -> Void
  ) {
    out += open
    guard count > 0 else { return out += close }
    let multiLine = depth < inlineDepth
    let indent = String(repeating: "  ", count: depth + 1)
    for index in 0..<count {
      if index > 0 { out += multiLine ? "," : ", " }
      if multiLine { out += "\n" + indent }
      member(&out, index)
    }
    if multiLine { out += "\n" + String(repeating: "  ", count: depth) }
    out += close
  }
}
