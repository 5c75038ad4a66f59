/// What a lesson run left in `output/<lesson-id>/metrics.json` (the schema in CONTRACTS.md).
public struct LessonOutput: Codable, Sendable, Hashable {
  /// One measured number.
  public struct Metric: Codable, Sendable, Hashable {
    public var name: String
    public var value: Double
    /// For example `fraction`, `nats`, `seconds`.
    public var unit: String
  }

  /// One claim the lesson checked against its measurements.
  public struct Claim: Codable, Sendable, Hashable {
    public var statement: String
    public var passed: Bool
    /// The measured evidence, for example `accuracy 0.990`.
    public var detail: String
  }

  /// One PNG plot in the lesson's folder.
  public struct Plot: Codable, Sendable, Hashable {
    /// A plain file name in the lesson's folder, for example `decision-boundary.png`.
    public var file: String
    public var title: String
    public var caption: String
    /// Text that replaces the picture for people who cannot see it.
    public var alt: String
  }

  public var lesson: String
  public var title: String
  public var summary: String
  /// Slugs of glossary entries the lesson demonstrates.
  public var glossaryTerms: [String]
  public var seed: Int
  public var quick: Bool
  /// The command that reproduces the run and every plot in it.
  public var command: String
  public var metrics: [Metric]
  public var claims: [Claim]
  public var plots: [Plot]
  public var tables: [SiteTable]
}

/// A table of strings: column headings and rows (each as long as `columns`).
public struct SiteTable: Codable, Sendable, Hashable {
  public var title: String
  public var columns: [String]
  public var rows: [[String]]

  /// Creates a table.
  public init(title: String, columns: [String], rows: [[String]]) {
    self.title = title
    self.columns = columns
    self.rows = rows
  }
}
