/// One lesson: a training concept demonstrated by a real experiment whose numbers are
/// measured at run time and whose key claims are checked, never typed in.
public protocol Lesson: Sendable {
  /// Stable id used on the command line and in `output/<id>/` (e.g. "backprop").
  var id: String { get }
  /// Human title.
  var title: String { get }
  /// The concept in a few words, for the lesson table.
  var concept: String { get }
  /// One sentence: what the learner will see.
  var summary: String { get }
  /// Glossary slugs this lesson illustrates.
  var glossaryTerms: [String] { get }
  /// Rough run time in seconds of a release build on two cores (full mode).
  var estimatedSeconds: Double { get }
  /// The lesson-specific settings it accepts (others are refused as usage errors).
  var acceptedParameters: Set<LessonParameter> { get }
  /// Runs the experiment, writing plots into `context.directory`, and returns its results.
  func run(_ context: LessonContext) throws -> LessonResult
}
