import Foundation

/// The cost estimator's page: its presets and reality check as tables, and an optional plot.
/// The caller (the CLI) builds it from the cost library; the site only lays it out.
public struct CostPage: Sendable {
  /// The page heading, for example `What training costs`.
  public var title: String
  /// A paragraph of Markdown under the heading.
  public var introduction: String
  /// The tables, in order (for example presets, then published runs against the estimate).
  public var tables: [SiteTable]
  /// An optional PNG with its caption and alt text.
  public var plot: SiteImage?
  /// The command that reproduces the numbers, for example `workbench cost --presets`.
  public var command: String?
  /// Charts the estimator draws for glossary entries: shown on the cost page and beside their entry.
  public var entryFigures: [EntryFigure]

  /// Creates a cost page.
  public init(
    title: String, introduction: String, tables: [SiteTable], plot: SiteImage? = nil, command: String? = nil,
    entryFigures: [EntryFigure] = []
  ) {
    (self.title, self.introduction, self.tables, self.plot, self.command, self.entryFigures) =
      (title, introduction, tables, plot, command, entryFigures)
  }
}

/// A chart of the cost estimator that belongs beside a glossary entry.
public struct EntryFigure: Sendable {
  /// The entry's slug, e.g. `zero-sharded-optimizer`.
  public var entry: String
  /// The PNG and what the page says about it; copied to `cost/<file name>`.
  public var image: SiteImage
  /// The command that redraws it.
  public var command: String

  /// Creates an entry figure.
  public init(entry: String, image: SiteImage, command: String) {
    (self.entry, self.image, self.command) =
      (entry, image, command)
  }
}

/// A PNG file to copy into the site, with what the page says about it.
public struct SiteImage: Sendable {
  /// The PNG on disk.
  public var file: URL
  public var caption: String
  /// Text that replaces the picture for people who cannot see it.
  public var alt: String

  /// Creates an image.
  public init(file: URL, caption: String, alt: String) { (self.file, self.caption, self.alt) = (file, caption, alt) }
}
