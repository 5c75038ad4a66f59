/// What the lesson table, the site's index and the lab show of a lesson before it runs.
public struct LessonCard: Sendable, Equatable {
  /// Stable id used on the command line and in `output/<id>/` (e.g. "backprop").
  public let id: String
  /// Human title.
  public let title: String
  /// The concept in a few words, for the lesson table.
  public let concept: String
  /// Rough run time in seconds of a release build on two cores (full mode).
  public let estimatedSeconds: Double
  /// Glossary slugs this lesson illustrates.
  public let glossaryTerms: [String]
  /// One sentence: what the learner will see.
  public let summary: String
}
