import Autograd
import Foundation
import NeuralNet
import WorkbenchFiles

/// Lesson `rag-vs-finetune`: the Northwind shop has facts its model never saw (prices, return
/// windows, opening times, delivery times, order statuses). The same held-out questions are
/// answered by the base model with nothing, with BM25 retrieval (RAG), after fine-tuning on the
/// documents, after fine-tuning on documents plus question–answer pairs, and with LoRA; then a
/// share of the facts changes, and each arm's cost is counted and priced at business scale.
public struct RagVsFinetuneLesson: Lesson {
  /// The lesson (all settings come from the run's context).
  public init() {}

  public let id = "rag-vs-finetune"

  /// Facts in the fact base when `--facts` is not given.
  public static let defaultFacts = Int(LessonParameter.facts.defaultValue!)
  /// The most facts `--facts` may ask for.
  public static let maximumFacts = 2000
  /// Documents retrieved per question when `--top-k` is not given.
  public static let defaultTopK = Int(LessonParameter.topK.defaultValue!)
  /// Share of the facts changed when `--changed-fraction` is not given.
  public static let defaultChangedFraction = LessonParameter.changedFraction.defaultValue!

  /// Pre-trains (or reuses) the reader, builds the fact base, runs the five arms, changes the
  /// facts, retrains (d), and reports accuracy, staleness, cost and the business-scale prices.
  /// - Throws: `LessonError.invalidParameter` for a bad `--facts`, `--top-k` or `--changed-fraction`.
  public func run(_ context: LessonContext) throws -> RunResult {
    let (facts, topK, changedFraction) = try Self.validated(context.parameters)
    let settings = context.quick ? RagVsFinetuneSettings.quick : .full
    let reader = context.quick
      ? try RagReader.quickReader.get()
      : try RagReader.train(seed: context.seed, settings: settings, progress: context.progress)
    context.progress.finish(phase: "reader", summary: "pre-trained the reader in \(String(format: "%.1f", reader.seconds)) s")
    let experiment = RagVsFinetuneExperiment(
      reader: reader, settings: settings, factCount: facts, topK: topK, changedFraction: changedFraction,
      progress: context.progress)
    let outcome = try experiment.run(generator: context.makeGenerator())
    return try RagVsFinetuneReport(lesson: self, context: context, settings: settings, outcome: outcome).result()
  }

  /// `--top-k` at most the facts and `--facts` at most ``maximumFacts``.
  public func checkLimits(_ parameters: LessonParameters) throws { _ = try Self.validated(parameters) }

  /// `--facts`, `--top-k` and `--changed-fraction`, or their defaults, checked.
  static func validated(_ parameters: LessonParameters) throws -> (facts: Int, topK: Int, changedFraction: Double) {
    let facts = parameters.integer(.facts) ?? defaultFacts
    guard (1...maximumFacts).contains(facts) else {
      throw LessonError.invalidParameter(.facts, reason: "must be between 1 and \(maximumFacts) facts, got \(facts)")
    }
    let topK = parameters.integer(.topK) ?? defaultTopK
    guard (1...facts).contains(topK) else {
      throw LessonError.invalidParameter(.topK, reason: "must be between 1 and the \(facts) documents of the fact base, got \(topK)")
    }
    let fraction = parameters.value(.changedFraction) ?? defaultChangedFraction
    guard fraction.isFinite, fraction > 0, fraction <= 1 else {
      throw LessonError.invalidParameter(
        .changedFraction, reason: "must be a share above 0 and at most 1 (0.2 changes a fifth of the facts), got \(fraction)")
    }
    return (facts, topK, fraction)
  }
}
