/// Why a site could not be built. The previous site, if any, is left as it was.
public enum SiteError: Error, Sendable, CustomStringConvertible {
  /// The glossary has errors (the list is in the loaded ``Glossary``).
  case glossaryHasErrors(count: Int)
  /// A lesson's `metrics.json` is not valid per CONTRACTS.md.
  case malformedLessonOutput(path: String, reason: String)
  /// A plot named in a lesson's `metrics.json` (or the cost page's image) is missing or not a PNG.
  case badImage(path: String, reason: String)
  /// A measured figure an entry lists (`figures`), or the record beside it, is missing or unreadable.
  case badFigure(path: String, entry: String, reason: String)
  /// The output folder or a file in it cannot be created.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .glossaryHasErrors(let count):
      return "The glossary has \(count) error\(count == 1 ? "" : "s"); fix them (see `workbench glossary check`) before building the site."
    case .malformedLessonOutput(let path, let reason):
      return "'\(path)' is not a valid lesson output (\(reason)); rerun the lesson to regenerate it."
    case .badImage(let path, let reason):
      return "Image '\(path)' \(reason); rerun the lesson that makes it."
    case .badFigure(let path, let entry, let reason):
      return "Figure '\(path)' (listed in \(entry)) \(reason); run the command that draws it, or remove it from 'figures'."
    case .cannotWrite(let path, let reason):
      return "Cannot write '\(path)' (\(reason)); check that the folder is writable."
    }
  }
}
