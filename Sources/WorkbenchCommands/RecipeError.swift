/// Why a recipe (`--config FILE`) was refused, before any training work: one sentence naming the
/// file, and where it helps the line and the key.
enum RecipeError: Error, Equatable, CustomStringConvertible {
  /// No file at `path`.
  case missing(path: String)
  /// The file exists but cannot be opened: a folder, no permission.
  case unreadable(path: String, reason: String)
  /// The file is not a text a recipe can be: not UTF-8, or too large.
  case notText(path: String, reason: String)
  /// The text is not YAML; `line` is where the parser stopped.
  case notYAML(path: String, line: Int, problem: String)
  /// The YAML is not a mapping of `option: value` lines (a list, or a single value).
  case notAMapping(path: String)
  /// The same key is given twice (`line` is the second).
  case repeatedKey(path: String, key: String, line: Int)
  /// `key` on `line` is not a long option of `command`; `nearest` is the closest one, if any is close.
  case unknownKey(path: String, key: String, line: Int, command: String, nearest: String?)
  /// `key` is an option of `command` that a recipe cannot set (`config`, `resume`).
  case notInRecipe(path: String, key: String, line: Int, command: String)
  /// The value of `key` on `line` is not of the option's type: `expected` says what it takes, `found` what it got.
  case wrongType(path: String, key: String, line: Int, expected: String, found: String)
  /// The output folder's kept recipe would replace the recipe the run was started from.
  case wouldReplaceItself(path: String)

  var description: String {
    switch self {
    case let .missing(path):
      "The recipe \(path) does not exist; give the path of a YAML file of options (see recipes/)."
    case let .unreadable(path, reason):
      "The recipe \(path) cannot be read: \(reason)."
    case let .notText(path, reason):
      "The recipe \(path) is not a YAML text: \(reason)."
    case let .notYAML(path, line, problem):
      "Line \(line) of the recipe \(path) is not valid YAML (\(problem)); write one 'option: value' per line."
    case let .notAMapping(path):
      "The recipe \(path) is not a list of 'option: value' lines, such as 'steps: 500'."
    case let .repeatedKey(path, key, line):
      "Line \(line) of the recipe \(path) gives '\(key)' a second time; keep one '\(key):' line."
    case let .unknownKey(path, key, line, command, nearest):
      "Line \(line) of the recipe \(path): '\(key)' is not an option of '\(command)'"
        + (nearest.map { "; did you mean '\($0)'?" } ?? "; the keys are the long options of '\(command) --help'.")
    case let .notInRecipe(path, key, line, command):
      "Line \(line) of the recipe \(path): '\(key)' cannot be set in a recipe; give it on the command line ('\(command) --\(key) …')."
    case let .wrongType(path, key, line, expected, found):
      "Line \(line) of the recipe \(path): '\(key)' takes \(expected), got \(found)."
    case let .wouldReplaceItself(path):
      "The run would keep its recipe as \(path), which is the recipe it was started from; choose another --output."
    }
  }
}
