/// A JSON value: what the parser reads and what the writer writes.
///
/// Object members keep their order, and duplicates, so that a reader can reject a repeated key
/// instead of silently keeping one of them. Numbers keep their literal text, so that a reader
/// converts only what it expects and a writer prints exactly the digits it was given.
public enum JSONValue: Equatable, Sendable {
  case object([(key: String, value: JSONValue)])
  case array([JSONValue])
  case string(String)
  /// A number as written in JSON text (RFC 8259 grammar, finite).
  case number(String)
  case bool(Bool)
  case null

  /// `value` as a JSON number written by ``JSONWriter/number(_:)``; NaN and infinities become `null`
  /// (JSON has no such numbers).
  public init(_ value: Double) {
    self = value.isFinite ? .number(JSONWriter.number(value)) : .null
  }

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
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
  public var kindDescription: String {
    switch self {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .null: return "null"
    }
  }

  /// The value of the first member named `key` of an object (nil for other values or a missing key).
  public subscript(key: String) -> JSONValue? {
    guard case let .object(members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The string of a `.string`, else nil.
  public var stringValue: String? {
    guard case let .string(text) = self else { return nil }
    return text
  }

  /// The number of a `.number` as a `Double`, else nil.
  public var doubleValue: Double? {
    guard case let .number(text) = self else { return nil }
    return Double(text)
  }

  /// The value as a non-negative integer that fits in `Int`, or `nil` (fractions, exponents,
  /// signs and out-of-range literals are all `nil`).
  public var nonNegativeInteger: Int? {
    guard case let .number(text) = self, !text.isEmpty,
      text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    return Int(text)
  }

  /// The value as written in JSON, for messages (numbers and strings; a kind otherwise).
  public var literalDescription: String {
    switch self {
    case let .number(text): return text
    case let .string(text): return JSONWriter.quoted(text)
    default: return kindDescription
    }
  }
}
