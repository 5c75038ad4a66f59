import Foundation

/// One glossary entry, loaded from `glossary/<slug>.md`.
///
/// The front matter gives the term and its links; the body gives the four
/// required sections, in order, as Markdown.
public struct GlossaryEntry: Sendable, Hashable {
  /// The file name without `.md`: lowercase kebab-case, unique, used in URLs and `related` lists.
  public let slug: String
  /// The term as people write it, for example `Fine-tuning`.
  public let term: String
  /// Other names for the term; `glossary show` and search accept them.
  public let aliases: [String]
  /// One plain-English sentence that defines the term.
  public let summary: String
  /// One of ``GlossaryCategory``'s names (validation reports any other value).
  public let category: String
  /// Slugs of related entries.
  public let related: [String]
  /// Ids of the lessons that demonstrate the term.
  public let lessons: [String]
  /// Measured figures shown beside the entry: PNG paths relative to the entry's file, each with the
  /// ``FigureRecord`` (caption, alt text, command) its command wrote beside it.
  public let figures: [String]
  /// The body's `##` sections in file order (for a valid entry, exactly the four required ones).
  public let sections: [GlossarySection]
  /// The file the entry came from, as a path for messages (for example `glossary/lora.md`).
  public let file: String
  /// 1-based line numbers of front-matter fields and their list items, for messages.
  public let lines: GlossaryEntryLines

  /// Creates an entry; normally the loader does this.
  public init(
    slug: String, term: String, aliases: [String] = [], summary: String, category: String,
    related: [String] = [], lessons: [String] = [], figures: [String] = [], sections: [GlossarySection], file: String,
    lines: GlossaryEntryLines = GlossaryEntryLines()
  ) {
    self.slug = slug
    self.term = term
    self.aliases = aliases
    self.summary = summary
    self.category = category
    self.related = related
    self.lessons = lessons
    self.figures = figures
    self.sections = sections
    self.file = file
    self.lines = lines
  }

  /// Where the figure `path` (an item of ``figures``) is: relative to the folder of the entry's file.
  public func figureURL(_ path: String) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
  }

  /// The Markdown of the section with this title, if the entry has one.
  public func section(titled title: String) -> GlossarySection? {
    sections.first { $0.title == title }
  }
}

/// Where each front-matter field of an entry sits in its file (1-based lines).
public struct GlossaryEntryLines: Sendable, Hashable {
  /// Line of the opening `---`.
  public var start = 1
  /// Line of the closing `---` (where a missing field would be added).
  public var frontMatterEnd = 1
  /// Line of each field's key, by field name.
  public var fields: [String: Int] = [:]
  /// Line of each `aliases` item, parallel to ``GlossaryEntry/aliases``.
  public var aliases: [Int] = []
  /// Line of each `related` item, parallel to ``GlossaryEntry/related``.
  public var related: [Int] = []
  /// Line of each `lessons` item, parallel to ``GlossaryEntry/lessons``.
  public var lessons: [Int] = []
  /// Line of each `figures` item, parallel to ``GlossaryEntry/figures``.
  public var figures: [Int] = []

  /// Creates an empty table (every line 1).
  public init() {}

  /// The line of a field's key, or of the front matter's end when the field is absent.
  public func line(of field: String) -> Int { fields[field] ?? frontMatterEnd }
}
