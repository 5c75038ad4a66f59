/// A parsed JSON value and the 1-based line each part of it starts on, for readers whose messages
/// name lines ("gpus.json line 3: …").
public struct JSONLocatedValue: Sendable {
  /// The value, with everything inside it.
  public let value: JSONValue
  /// The line the value starts on; for an object member, the line of its key.
  public let line: Int
  /// The located elements of an array, or the located member values of an object, in order; empty otherwise.
  public let parts: [JSONLocatedValue]

  public init(value: JSONValue, line: Int, parts: [JSONLocatedValue]) {
    self.value = value
    self.line = line
    self.parts = parts
  }
}
