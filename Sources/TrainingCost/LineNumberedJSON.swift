/// A small JSON reader that remembers the line each value starts on, so that a malformed or
/// mistyped hardware file can be reported as "file line N: problem" (RFC 8259 grammar).
struct LineNumberedJSON {
  /// A parsed JSON value and the 1-based line where it starts.
  struct Node {
    indirect enum Value {
      case object([Member])
      case array([Node])
      case string(String)
      case number(Double)
      case bool(Bool)
      case null
    }
    let value: Value
    let line: Int

    /// What kind of value this is, for messages: "a string", "an object".
    var kind: String {
      switch value {
      case .object: return "an object"
      case .array: return "an array"
      case .string: return "a string"
      case .number: return "a number"
      case .bool: return "true or false"
      case .null: return "null"
      }
    }
  }

  /// One `"key": value` pair of an object, in file order.
  struct Member {
    let key: String
    let line: Int
    let node: Node
  }

  /// Why the text is not JSON, and on which line.
  struct SyntaxError: Error {
    let line: Int
    let problem: String
  }

  /// Deepest nesting accepted; deeper input is rejected rather than recursing without bound.
  static let maximumDepth = 64

  private let bytes: [UInt8]
  private var position = 0
  private var line = 1

  /// Parses `bytes` (UTF-8) as exactly one JSON value surrounded by optional whitespace.
  static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> Node {
    var reader = LineNumberedJSON(bytes: bytes)
    reader.skipWhitespace()
    guard reader.position < bytes.count else {
      throw SyntaxError(line: reader.line, problem: "the file is empty; expected a JSON array of accelerators")
    }
    let node = try reader.value(depth: 0)
    reader.skipWhitespace()
    if reader.position < bytes.count {
      throw SyntaxError(
        line: reader.line, problem: "unexpected \(reader.describeCurrent()) after the end of the JSON value")
    }
    return node
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private mutating func value(depth: Int) throws(SyntaxError) -> Node {
    guard depth < Self.maximumDepth else {
      throw SyntaxError(line: line, problem: "values are nested more than \(Self.maximumDepth) deep")
    }
    guard let byte = current else { throw SyntaxError(line: line, problem: "the file ends where a value was expected") }
    let start = line
    switch byte {
    case UInt8(ascii: "{"): return Node(value: .object(try object(depth: depth)), line: start)
    case UInt8(ascii: "["): return Node(value: .array(try array(depth: depth)), line: start)
    case UInt8(ascii: "\""): return Node(value: .string(try string()), line: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return Node(value: .number(try number()), line: start)
    case UInt8(ascii: "t"): try literal("true"); return Node(value: .bool(true), line: start)
    case UInt8(ascii: "f"): try literal("false"); return Node(value: .bool(false), line: start)
    case UInt8(ascii: "n"): try literal("null"); return Node(value: .null, line: start)
    default: throw SyntaxError(line: line, problem: "expected a value, found \(describeCurrent())")
    }
  }

  private mutating func object(depth: Int) throws(SyntaxError) -> [Member] {
    position += 1  // {
    var members: [Member] = []
    skipWhitespace()
    if current == UInt8(ascii: "}") { position += 1; return members }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else {
        throw SyntaxError(line: line, problem: "expected a quoted key, found \(describeCurrent())")
      }
      let keyLine = line
      let key = try string()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else {
        throw SyntaxError(line: line, problem: "expected ':' after the key \"\(key)\", found \(describeCurrent())")
      }
      position += 1
      skipWhitespace()
      members.append(Member(key: key, line: keyLine, node: try value(depth: depth + 1)))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"): position += 1; return members
      default: throw SyntaxError(line: line, problem: "expected ',' or '}' in an object, found \(describeCurrent())")
      }
    }
  }

  private mutating func array(depth: Int) throws(SyntaxError) -> [Node] {
    position += 1  // [
    var elements: [Node] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") { position += 1; return elements }
    while true {
      skipWhitespace()
      elements.append(try value(depth: depth + 1))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"): position += 1; return elements
      default: throw SyntaxError(line: line, problem: "expected ',' or ']' in an array, found \(describeCurrent())")
      }
    }
  }

  private mutating func string() throws(SyntaxError) -> String {
    let start = line
    position += 1  // opening quote
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() throws(SyntaxError) {
      guard !raw.isEmpty else { return }
      guard let text = String(validating: raw, as: UTF8.self) else {
        throw SyntaxError(line: start, problem: "a string is not valid UTF-8")
      }
      scalars.append(contentsOf: text.unicodeScalars)
      raw.removeAll()
    }
    while true {
      guard let byte = current else { throw SyntaxError(line: start, problem: "a string is not closed with '\"'") }
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        try flush()
        return String(scalars)
      case UInt8(ascii: "\\"):
        try flush()
        scalars.append(try escape())
      case 0..<0x20:
        throw SyntaxError(line: line, problem: "a string contains a raw control character (a line break?); write it as an escape")
      default:
        raw.append(byte)
      }
    }
  }

  private mutating func escape() throws(SyntaxError) -> Unicode.Scalar {
    guard let byte = current else { throw SyntaxError(line: line, problem: "the file ends inside an escape") }
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
          throw SyntaxError(line: line, problem: "a \\u escape starts a surrogate pair that is not completed")
        }
        position += 2
        let low = try hexQuad()
        guard (0xDC00..<0xE000).contains(low) else {
          throw SyntaxError(line: line, problem: "a \\u surrogate pair is invalid")
        }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
      }
      guard let scalar = Unicode.Scalar(high) else {
        throw SyntaxError(line: line, problem: "a \\u escape names a lone surrogate")
      }
      return scalar
    default:
      throw SyntaxError(line: line, problem: "unknown escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
    }
  }

  private mutating func hexQuad() throws(SyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current, let digit = Self.hexValue(byte) else {
        throw SyntaxError(line: line, problem: "a \\u escape needs four hexadecimal digits")
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

  private mutating func number() throws(SyntaxError) -> Double {
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
      throw SyntaxError(line: line, problem: "a number has no digits")
    }
    if current == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw SyntaxError(line: line, problem: "a number has no digits after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard digits() > 0 else { throw SyntaxError(line: line, problem: "a number has no digits in its exponent") }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw SyntaxError(line: line, problem: "the number \(text) is too large")
    }
    return value
  }

  private mutating func literal(_ word: String) throws(SyntaxError) {
    let expected = Array(word.utf8)
    guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected else {
      throw SyntaxError(line: line, problem: "expected a value, found \(describeCurrent())")
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

  /// The next character, quoted, for messages; "the end of the file" past the end.
  private func describeCurrent() -> String {
    guard let byte = current else { return "the end of the file" }
    if byte < 0x80, byte >= 0x20 { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }
}
