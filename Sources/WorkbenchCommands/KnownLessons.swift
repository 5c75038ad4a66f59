import Foundation
import GlossarySite
import Lessons

/// The lessons as the glossary and the site see them: their ids, how to run one, and the cost page.
enum KnownLessons {
  /// Every lesson id, in teaching order: the ids glossary entries may name and the site lists.
  static var ids: [String] { LessonCatalog.ids }

  /// Runs lesson `id` in full mode with seed 1 into `outputRoot`, printing its progress.
  static func run(_ id: String, outputRoot: URL) throws {
    let lesson = try LessonCatalog.lesson(id)
    print("Running lesson \(id) for the site…")
    let result = try LessonRunner(outputRoot: outputRoot).run(
      lesson, seed: 1, quick: false, command: LessonOptions.reproduceCommand(id, seed: 1, quick: false), progress: TerminalProgress())
    if !result.allClaimsHold { print("  warning: a claim of lesson \(id) did not hold; see output/\(id)/metrics.json.") }
  }

  /// The cost estimator's page for the site; its chart is written to `imageFolder`.
  static func costPage(imageFolder: URL) throws -> CostPage? { try CostPageBuilder.make(imageFolder: imageFolder) }
}
