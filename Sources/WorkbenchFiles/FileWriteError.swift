/// A file the workbench could not write: which one and why, as one phrase
/// ("the folder /x does not exist").
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file that was to be written.
  public var path: String
  /// Why it could not be, as a phrase.
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "Cannot write \(path): \(reason)." }
}
