import Foundation

/// What a site build did.
public struct SiteReport: Sendable {
  /// The finished site's folder.
  public let output: URL
  /// HTML pages written.
  public let pageCount: Int
  /// PNG files copied.
  public let imageCount: Int
  /// Lessons the builder asked the caller to run because their outputs were missing.
  public let lessonsRun: [String]
  /// Lessons still without outputs; their pages tell the reader to run `workbench run <id>`.
  public let lessonsMissing: [String]
}
