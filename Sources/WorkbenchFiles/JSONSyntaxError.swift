/// Why a text is not JSON: one phrase, and where the reader stopped (1-based line, 0-based byte offset).
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, as a phrase that fits after "line N: " or before " at byte N".
  public var reason: String
  /// The 1-based line on which the problem was found.
  public var line: Int
  /// The byte offset from the start of the text at which the problem was found.
  public var offset: Int

  public init(reason: String, line: Int, offset: Int) { (self.reason, self.line, self.offset) = (reason, line, offset) }

  public var description: String { "line \(line): \(reason)" }
}
