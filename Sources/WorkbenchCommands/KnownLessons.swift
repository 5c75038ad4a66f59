import Foundation
import GlossarySite
import Lessons

/// The lesson ids the glossary may name and the site lists, until the lesson catalogue exists.
///
/// The one place to swap for the real catalogue (`Lessons.Catalog`) once it lands.
enum KnownLessons {
  /// Every lesson id, in teaching order (CONTRACTS.md).
  static let ids = ["training-loop", "backprop", "parameters", "pretrain-finetune", "scaling", "preference-tuning"]

  /// Runs one lesson so that `output/<id>/` exists, or `nil` while no lesson runner exists
  /// (then `workbench site` lists the lessons to run instead).
  static func runner() -> ((String) throws -> Void)? {
    { id in try run(id, outputRoot: URL(fileURLWithPath: "output")) }
  }

  /// Runs lesson `id` in full mode with seed 1 into `outputRoot`, printing its progress.
  static func run(_ id: String, outputRoot: URL) throws {
    let lesson = try LessonCatalog.lesson(id)
    print("Running lesson \(id) for the site…")
    let result = try LessonRunner(outputRoot: outputRoot).run(
      lesson, seed: 1, quick: false, command: "workbench run \(id) --seed 1", progress: TerminalProgress())
    if !result.allClaimsHold { print("  warning: a claim of lesson \(id) did not hold; see output/\(id)/metrics.json.") }
  }

  /// The cost estimator's page for the site; its chart is written to `imageFolder`.
  static func costPage(imageFolder: URL) throws -> CostPage? { try CostSitePage.make(imageFolder: imageFolder) }
}
