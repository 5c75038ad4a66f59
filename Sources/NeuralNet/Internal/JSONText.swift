/// A JSON value as parsed from text, keeping object members in file order (and duplicates),
/// so that callers can reject a repeated key instead of silently keeping one of them.
///
/// Numbers keep their literal text; callers convert only what they expect.
enum JSONValue: Equatable, Sendable {
  case object([(key: String, value: JSONValue)])
  case array([JSONValue])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case let (.object(a), .object(b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case let (.array(a), .array(b)): return a == b
    case let (.string(a), .string(b)): return a == b
    case let (.number(a), .number(b)): return a == b
    case let (.bool(a), .bool(b)): return a == b
    case (.null, .null): return true
    default: return false
    }
  }

  /// A short name of the value's kind for error messages ("an object", "a string", …).
  var kindDescription: String {
    switch self {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .null: return "null"
    }
  }

  /// The value as a non-negative integer that fits in `Int`, or `nil` (fractions, exponents,
  /// signs and out-of-range literals are all `nil`).
  var nonNegativeInteger: Int? {
    guard case let .number(text) = self, !text.isEmpty,
      text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    return Int(text)
  }
}

/// Why a JSON text could not be parsed: a short phrase and the byte offset where it happened.
struct JSONSyntaxError: Error, Equatable, Sendable {
  var reason: String
  var offset: Int
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes, small enough to read in one sitting.
///
/// It exists (rather than `JSONSerialization`) because a safetensors header must be checked
/// for duplicate tensor names, which a dictionary-producing parser silently merges.
/// Nesting is limited to `maximumDepth` levels so that hostile input cannot exhaust the stack.
struct JSONParser {
  static let maximumDepth = 64

  private let bytes: [UInt8]
  private var position = 0

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// Parses one JSON value that must span the whole input (surrounding whitespace allowed).
  static func parse<Bytes: Collection>(_ input: Bytes) throws -> JSONValue
  where Bytes.Element == UInt8 {
    var parser = JSONParser(bytes: Array(input))
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.position == parser.bytes.count else {
      throw JSONSyntaxError(reason: "unexpected text after the end of the value", offset: parser.position)
    }
    return value
  }

  private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(reason: reason, offset: position) }

  private mutating func skipWhitespace() {
    while position < bytes.count,
      [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position])
    {
      position += 1
    }
  }

  private mutating func expect(_ literal: String) throws {
    for byte in literal.utf8 {
      guard position < bytes.count, bytes[position] == byte else { throw fail("expected '\(literal)'") }
      position += 1
    }
  }

  private mutating func parseValue(depth: Int) throws -> JSONValue {
    guard depth < Self.maximumDepth else { throw fail("values are nested more than \(Self.maximumDepth) levels deep") }
    guard position < bytes.count else { throw fail("unexpected end of text") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw fail("unexpected character")
    }
  }

  private mutating func parseObject(depth: Int) throws -> JSONValue {
    position += 1  // {
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
      let key = try parseString()
      skipWhitespace()
      try expect(":")
      skipWhitespace()
      let value = try parseValue(depth: depth + 1)
      members.append((key, value))
      skipWhitespace()
      guard position < bytes.count else { throw fail("unexpected end of text inside an object") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
      } else if bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      } else {
        throw fail("expected ',' or '}'")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws -> JSONValue {
    position += 1  // [
    var elements: [JSONValue] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard position < bytes.count else { throw fail("unexpected end of text inside an array") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
      } else if bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      } else {
        throw fail("expected ',' or ']'")
      }
    }
  }

  private mutating func parseNumber() throws -> String {
    let start = position
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected a digit") }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected a digit after '.'") }
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected a digit in the exponent") }
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  private mutating func parseHexQuad() throws -> UInt16 {
    guard position + 4 <= bytes.count else { throw fail("unexpected end of text in a \\u escape") }
    var value: UInt16 = 0
    for byte in bytes[position..<position + 4] {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw fail("invalid hexadecimal digit in a \\u escape")
      }
      value = value << 4 | UInt16(digit)
    }
    position += 4
    return value
  }

  private mutating func parseString() throws -> String {
    position += 1  // opening quote
    var utf8: [UInt8] = []
    while true {
      guard position < bytes.count else { throw fail("unterminated string") }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let string = String(validating: utf8, as: UTF8.self) else {
          throw fail("string is not valid UTF-8")
        }
        return string
      case UInt8(ascii: "\\"):
        position += 1
        guard position < bytes.count else { throw fail("unterminated escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): utf8.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): utf8.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
          let high = try parseHexQuad()
          var scalarValue = UInt32(high)
          if (0xD800..<0xDC00).contains(high) {
            guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u")
            else { throw fail("unpaired surrogate in a \\u escape") }
            position += 2
            let low = try parseHexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate in a \\u escape") }
            scalarValue = 0x10000 + (UInt32(high) - 0xD800) << 10 + (UInt32(low) - 0xDC00)
          } else if (0xDC00..<0xE000).contains(high) {
            throw fail("unpaired surrogate in a \\u escape")
          }
          guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("invalid \\u escape") }
          utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
          throw fail("invalid escape sequence")
        }
      case 0x00..<0x20:
        throw fail("unescaped control character in a string")
      default:
        utf8.append(byte)
        position += 1
      }
    }
  }
}

/// Writes JSON text the way serde_json's compact writer does (the safetensors reference),
/// so that headers are byte-for-byte predictable.
enum JSONWriter {
  /// `text` as a JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, …
  /// or `\u00XX`, everything else (including non-ASCII) as raw UTF-8.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
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
  static func sortedKeys<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
    keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
