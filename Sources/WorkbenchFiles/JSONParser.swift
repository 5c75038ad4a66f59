/// The one strict RFC 8259 JSON reader of the project, over UTF-8 bytes.
///
/// It exists (rather than `JSONSerialization` or `Codable`) because readers must see duplicate keys
/// (a safetensors header's tensor names, a hardware file's fields), which a dictionary merges, and
/// because messages name the line and byte where a text stops being JSON. Nesting is limited to
/// ``maximumDepth`` levels so that hostile input cannot exhaust the stack; numbers must be finite
/// as a `Double`. Callers limit the size of what they read before handing it over.
public struct JSONParser {
  /// Deepest nesting accepted; deeper input is rejected rather than recursing without bound.
  public static let maximumDepth = 64

  private let bytes: [UInt8]
  private let recordsLines: Bool
  private var position = 0
  private var line = 1

  private init(bytes: [UInt8], recordsLines: Bool) {
    self.bytes = bytes
    self.recordsLines = recordsLines
  }

  /// Parses one JSON value that must span the whole input (surrounding whitespace allowed).
  public static func parse<Bytes: Collection>(_ input: Bytes) throws(JSONSyntaxError) -> JSONValue
  where Bytes.Element == UInt8 {
    var parser = JSONParser(bytes: Array(input), recordsLines: false)
    return try parser.document().value
  }

  /// The same, keeping the line each array element and object member starts on.
  public static func parseLocated<Bytes: Collection>(_ input: Bytes) throws(JSONSyntaxError) -> JSONLocatedValue
  where Bytes.Element == UInt8 {
    var parser = JSONParser(bytes: Array(input), recordsLines: true)
    return try parser.document()
  }

  private mutating func document() throws(JSONSyntaxError) -> JSONLocatedValue {
    skipWhitespace()
    let located = try value(depth: 0)
    skipWhitespace()
    guard current == nil else { throw fail("unexpected \(describeCurrent()) after the end of the JSON value") }
    return located
  }

  private func fail(_ reason: String, line: Int? = nil) -> JSONSyntaxError {
    JSONSyntaxError(reason: reason, line: line ?? self.line, offset: position)
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONLocatedValue {
    guard depth < Self.maximumDepth else { throw fail("values are nested more than \(Self.maximumDepth) levels deep") }
    guard let byte = current else { throw fail("the text ends where a value was expected") }
    let start = line
    func leaf(_ value: JSONValue) -> JSONLocatedValue { JSONLocatedValue(value: value, line: start, parts: []) }
    switch byte {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return leaf(.string(try string()))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return leaf(.number(try number()))
    case UInt8(ascii: "t"): try literal("true"); return leaf(.bool(true))
    case UInt8(ascii: "f"): try literal("false"); return leaf(.bool(false))
    case UInt8(ascii: "n"): try literal("null"); return leaf(.null)
    default: throw fail("expected a value, found \(describeCurrent())")
    }
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONLocatedValue {
    let start = line
    position += 1  // {
    var members: [(key: String, value: JSONValue)] = []
    var parts: [JSONLocatedValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      position += 1
      return JSONLocatedValue(value: .object(members), line: start, parts: parts)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw fail("expected a quoted key, found \(describeCurrent())") }
      let keyLine = line
      let key = try string()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else {
        throw fail("expected ':' after the key \(JSONWriter.quoted(key)), found \(describeCurrent())")
      }
      position += 1
      skipWhitespace()
      let member = try value(depth: depth + 1)
      members.append((key, member.value))
      if recordsLines { parts.append(JSONLocatedValue(value: member.value, line: keyLine, parts: member.parts)) }
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return JSONLocatedValue(value: .object(members), line: start, parts: parts)
      default: throw fail("expected ',' or '}' in an object, found \(describeCurrent())")
      }
    }
  }

  private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONLocatedValue {
    let start = line
    position += 1  // [
    var elements: [JSONValue] = []
    var parts: [JSONLocatedValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      position += 1
      return JSONLocatedValue(value: .array(elements), line: start, parts: parts)
    }
    while true {
      skipWhitespace()
      let element = try value(depth: depth + 1)
      elements.append(element.value)
      if recordsLines { parts.append(element) }
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return JSONLocatedValue(value: .array(elements), line: start, parts: parts)
      default: throw fail("expected ',' or ']' in an array, found \(describeCurrent())")
      }
    }
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    let start = line
    position += 1  // opening quote
    var utf8: [UInt8] = []
    while true {
      guard let byte = current else { throw fail("a string is not closed with '\"'", line: start) }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let text = String(validating: utf8, as: UTF8.self) else {
          throw fail("a string is not valid UTF-8", line: start)
        }
        return text
      case UInt8(ascii: "\\"):
        position += 1
        utf8.append(contentsOf: String(Character(try escape())).utf8)
      case 0..<0x20:
        throw fail("a string contains a raw control character (a line break?); write it as an escape")
      default:
        utf8.append(byte)
        position += 1
      }
    }
  }

  private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
    guard let byte = current else { throw fail("the text ends inside an escape") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{8}"
    case UInt8(ascii: "f"): return "\u{c}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try hexQuad()
      if (0xD800..<0xDC00).contains(high) {
        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
          throw fail("a \\u escape starts a surrogate pair that is not completed")
        }
        position += 2
        let low = try hexQuad()
        guard (0xDC00..<0xE000).contains(low) else { throw fail("a \\u surrogate pair is invalid") }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
      }
      guard let scalar = Unicode.Scalar(high) else { throw fail("a \\u escape names a lone surrogate") }
      return scalar
    default:
      position -= 1
      throw fail("unknown escape '\\\(describeCurrent(quoted: false))' in a string")
    }
  }

  private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current, let digit = Self.hexValue(byte) else {
        throw fail("a \\u escape needs four hexadecimal digits")
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> String {
    let start = position
    func digits() -> Int {
      var count = 0
      while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1; count += 1 }
      return count
    }
    if current == UInt8(ascii: "-") { position += 1 }
    if current == UInt8(ascii: "0") {
      position += 1
    } else if digits() == 0 {
      throw fail("a number has no digits")
    }
    if current == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw fail("a number has no digits after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard digits() > 0 else { throw fail("a number has no digits in its exponent") }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let value = Double(text), value.isFinite else { throw fail("the number \(text) is too large") }
    return text
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    let expected = word.utf8
    guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
      throw fail("expected a value, found \(describeCurrent())")
    }
    position += expected.count
  }

  private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while let byte = current {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
      case UInt8(ascii: "\n"): position += 1; line += 1
      default: return
      }
    }
  }

  /// The next character for messages: quoted printable ASCII, a byte in hexadecimal, or "the end of the text".
  private func describeCurrent(quoted: Bool = true) -> String {
    guard let byte = current else { return "the end of the text" }
    if byte < 0x80, byte >= 0x20 {
      let character = String(Character(Unicode.Scalar(byte)))
      return quoted ? "'" + character + "'" : character
    }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }
}
