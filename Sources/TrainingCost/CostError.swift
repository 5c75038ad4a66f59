/// Something a user can get wrong when asking for a cost estimate: a number that cannot be read,
/// a value outside its range, an accelerator that is not in the catalogue, or a hardware file
/// that is not valid JSON of the expected shape.
public enum CostError: Error, CustomStringConvertible, Equatable, Sendable {
  /// `text`, given for `option` (e.g. `--params`), is not a number in a form this tool reads.
  case unreadableNumber(option: String, text: String, reason: String)
  /// `text`, given for `option`, is a number but outside `allowed` (e.g. "greater than zero").
  case outOfRange(option: String, text: String, allowed: String)
  /// No accelerator has the id `name`; `suggestions` are the nearest ids in the catalogue.
  case unknownAccelerator(name: String, suggestions: [String])
  /// The hardware file `file` is malformed at `line` (1-based); `problem` says how.
  case malformedHardwareFile(file: String, line: Int, problem: String)

  public var description: String {
    switch self {
    case let .unreadableNumber(option, text, reason):
      return "\(option): '\(text)' is not a number I can read (\(reason)); "
        + "write it like 7B, 2.5T, 50M, 12k, 1.5e12 or 175_000_000_000."
    case let .outOfRange(option, text, allowed):
      return "\(option) must be \(allowed), got '\(text)'."
    case let .unknownAccelerator(name, suggestions):
      let hint = suggestions.isEmpty
        ? "run `workbench cost gpus` for the list"
        : "did you mean \(suggestions.joined(separator: ", "))? (`workbench cost gpus` lists them all)"
      return "unknown GPU '\(name)'; \(hint)."
    case let .malformedHardwareFile(file, line, problem):
      return "\(file) line \(line): \(problem)."
    }
  }
}
