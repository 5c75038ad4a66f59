/// One problem found in the glossary, located at a file and line, with a hint that says how to fix it.
public struct GlossaryIssue: Error, Sendable, Hashable, CustomStringConvertible {
  /// Whether the problem blocks `glossary check` and the site.
  public enum Severity: String, Sendable, Hashable {
    /// Blocks: `glossary check` exits 65 and the site is not built.
    case error
    /// Reported, but the glossary is still usable (for example an asymmetric `related` link).
    case warning
  }

  /// The file, as a path for messages (for example `glossary/lora.md`).
  public let file: String
  /// 1-based line in that file.
  public let line: Int
  /// What is wrong, without a trailing period.
  public let message: String
  /// How to fix it (for example `did you mean 'fine-tuning'?`), or `nil`.
  public let hint: String?
  /// Error or warning.
  public let severity: Severity

  /// Creates an issue.
  public init(file: String, line: Int, message: String, hint: String? = nil, severity: Severity = .error) {
    self.file = file
    self.line = line
    self.message = message
    self.hint = hint
    self.severity = severity
  }

  /// `file:line: message (hint)`, with `warning: ` before the message for warnings.
  public var description: String {
    let prefix = severity == .warning ? "warning: " : ""
    let suffix = hint.map { " (\($0))" } ?? ""
    return "\(file):\(line): \(prefix)\(message)\(suffix)"
  }
}
