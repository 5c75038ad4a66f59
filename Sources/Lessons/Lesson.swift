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
  /// Checks the options given against this lesson's own limits (a maximum number of steps, one
  /// option bounded by another), before anything runs; the option table's ranges are checked by
  /// ``LessonParameters/check(for:)``, which calls this.
  func checkLimits(_ parameters: LessonParameters) throws
  /// Runs the experiment, writing plots into `context.directory`, and returns its results.
  func run(_ context: LessonContext) throws -> LessonResult
}

extension Lesson {
  /// The options this lesson takes: those whose table entry lists it (others are refused as usage errors).
  public var acceptedParameters: Set<LessonParameter> { Set(LessonParameter.all.filter { $0.lessons.contains(id) }) }

  /// No limits beyond the option table's ranges.
  public func checkLimits(_ parameters: LessonParameters) throws {}
}
