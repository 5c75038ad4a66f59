/// A JSON document as a value, and the one writer the cost reports use for every JSON they print
/// (`--json` tables, `cost layout --emit deepspeed`): object keys keep their order, numbers that are
/// whole are written without a fraction, and containers below `inlineDepth` levels are written on one line.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number; non-finite values are written as `null` (JSON has no NaN or infinity).
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// Members in the order they are written.
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.written() == b.written() }

  /// The document as text: containers at depth < `inlineDepth` take one member per line, indented by
  /// two spaces per level; deeper ones are written on one line as `{"a": 1, "b": 2}`.
  public func written(inlineDepth: Int = .max) -> String {
    var out = ""
    write(into: &out, depth: 0, inlineDepth: inlineDepth)
    return out
  }

  private func write(into out: inout String, depth: Int, inlineDepth: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .number(let value): out += Self.number(value)
    case .string(let text): out += Self.quoted(text)
    case .array(let items):
      writeContainer(
        into: &out, open: "[", close: "]", count: items.count, depth: depth, inlineDepth: inlineDepth
      ) { out, index in items[index].write(into: &out, depth: depth + 1, inlineDepth: inlineDepth) }
    case .object(let members):
      writeContainer(
        into: &out, open: "{", close: "}", count: members.count, depth: depth, inlineDepth: inlineDepth
      ) { out, index in
        out += Self.quoted(members[index].0) + ": "
        members[index].1.write(into: &out, depth: depth + 1, inlineDepth: inlineDepth)
      }
    }
  }

  private func writeContainer(
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

  /// Integers below 10¹⁵ without a fractional part; other finite values in Swift's shortest
  /// round-tripping form; NaN and infinities as `null`.
  public static func number(_ value: Double) -> String {
    if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return value.isFinite ? "\(value)" : "null"
  }

  /// `text` as a JSON string literal, escaping quotes, backslashes and control characters.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
