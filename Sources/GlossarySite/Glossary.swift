import Foundation

/// A loaded glossary: its entries in A–Z order and every problem found while loading them.
///
/// An entry with problems is still listed when it could be read, so `glossary show` works
/// while another entry is broken; ``errors`` says whether the glossary may be published.
public struct Glossary: Sendable {
  /// The entries, sorted by term (case-insensitive), then slug.
  public let entries: [GlossaryEntry]
  /// Every problem, sorted by file and line.
  public let issues: [GlossaryIssue]

  /// Creates a glossary from entries and issues (sorting both).
  public init(entries: [GlossaryEntry], issues: [GlossaryIssue] = []) {
    self.entries = entries.sorted { (Glossary.sortKey($0.term), $0.slug) < (Glossary.sortKey($1.term), $1.slug) }
    self.issues = issues.sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
  }

  /// The issues that block publishing.
  public var errors: [GlossaryIssue] { issues.filter { $0.severity == .error } }
  /// The issues that are reported but do not block.
  public var warnings: [GlossaryIssue] { issues.filter { $0.severity == .warning } }

  /// The entry with this slug.
  public func entry(slug: String) -> GlossaryEntry? {
    entries.first { $0.slug == slug }
  }

  /// The entry whose slug, term or alias is `name`, ignoring case, and treating spaces, hyphens
  /// and underscores alike; failing that, ignoring them altogether (`finetuning` finds `fine-tuning`).
  public func entry(named name: String) -> GlossaryEntry? {
    if let exact = entry(slug: name) { return exact }
    for key in [NameKey(name).value, NameKey(name).value.replacingOccurrences(of: " ", with: "")] {
      func same(_ other: String) -> Bool {
        let otherKey = NameKey(other).value
        return otherKey == key || otherKey.replacingOccurrences(of: " ", with: "") == key
      }
      if let found = entries.first(where: { same($0.term) })
        ?? entries.first(where: { same($0.slug) })
        ?? entries.first(where: { $0.aliases.contains(where: same) })
      {
        return found
      }
    }
    return nil
  }

  /// Up to `limit` names (terms, aliases or slugs) close to a name that matched no entry.
  public func suggestions(for name: String, limit: Int = 3) -> [String] {
    // One spelling per name, preferring terms: `Gradient` rather than also `gradient`.
    var seen: Set<NameKey> = []
    let names = (entries.map(\.term) + entries.map(\.slug) + entries.flatMap(\.aliases)).filter { seen.insert(NameKey($0)).inserted }
    return Suggestions.closest(to: name, in: names, limit: limit)
  }

  /// The key terms are sorted by: lowercase, ignoring leading punctuation.
  static func sortKey(_ term: String) -> String {
    String(term.lowercased().drop { !$0.isLetter && !$0.isNumber })
  }
}
