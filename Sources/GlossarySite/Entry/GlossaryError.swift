/// A glossary that cannot be loaded at all (problems inside entries are ``GlossaryIssue``s instead).
public enum GlossaryError: Error, Sendable, CustomStringConvertible {
  /// The glossary folder does not exist.
  case folderNotFound(path: String)
  /// The glossary folder exists but cannot be listed.
  case folderUnreadable(path: String, reason: String)
  /// A file in the glossary folder cannot be read.
  case fileUnreadable(path: String, reason: String)

  public var description: String {
    switch self {
    case .folderNotFound(let path):
      return "There is no glossary folder at '\(path)'; run from the project root or pass --glossary DIR."
    case .folderUnreadable(let path, let reason):
      return "Cannot list the glossary folder '\(path)' (\(reason)); check its permissions."
    case .fileUnreadable(let path, let reason):
      return "Cannot read '\(path)' (\(reason)); check its permissions."
    }
  }
}
