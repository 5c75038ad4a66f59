/// One `##` section of a glossary entry's body.
public struct GlossarySection: Sendable, Hashable {
  /// The heading text, for example `In depth`.
  public let title: String
  /// The section's Markdown, without its heading line.
  public let markdown: String
  /// 1-based line of the `##` heading in the entry's file.
  public let line: Int

  /// Creates a section.
  public init(title: String, markdown: String, line: Int) { (self.title, self.markdown, self.line) = (title, markdown, line) }

  /// The four sections every entry has, in the order they must appear.
  public static let requiredTitles = [
    "In depth", "Why it matters for a business", "Example", "Common questions",
  ]
}
