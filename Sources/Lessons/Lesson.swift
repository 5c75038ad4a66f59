import WorkbenchFiles

/// One lesson: a training concept demonstrated by a real experiment whose numbers are
/// measured at run time and whose key claims are checked, never typed in.
public protocol Lesson: Sendable {
  /// Stable id used on the command line and in `output/<id>/` (e.g. "backprop"); its title,
  /// summary and the rest of its card are in ``LessonCatalog/cards``.
  var id: String { get }
  /// Checks the options given against this lesson's own limits (a maximum number of steps, one
  /// option bounded by another), before anything runs; the option table's ranges are checked by
  /// ``LessonParameters/check(for:)``, which calls this.
  func checkLimits(_ parameters: LessonParameters) throws
  /// Runs the experiment, writing plots into `context.directory`, and returns its results.
  func run(_ context: LessonContext) throws -> RunResult
}

extension Lesson {
  /// The lesson's row of ``LessonCatalog/cards``.
  public var card: LessonCard { LessonCatalog.card(id) }
  /// Human title.
  public var title: String { card.title }
  /// The concept in a few words, for the lesson table.
  public var concept: String { card.concept }
  /// One sentence: what the learner will see.
  public var summary: String { card.summary }
  /// Glossary slugs this lesson illustrates.
  public var glossaryTerms: [String] { card.glossaryTerms }
  /// Rough run time in seconds of a release build on two cores (full mode).
  public var estimatedSeconds: Double { card.estimatedSeconds }

  /// The options this lesson takes: those whose table entry lists it (others are refused as usage errors).
  public var acceptedParameters: Set<LessonParameter> { Set(LessonParameter.all.filter { $0.lessons.contains(id) }) }

  /// No limits beyond the option table's ranges.
  public func checkLimits(_ parameters: LessonParameters) throws {}
}
