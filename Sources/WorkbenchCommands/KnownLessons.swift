import Foundation
import GlossarySite

/// The lesson ids the glossary may name and the site lists, until the lesson catalogue exists.
///
/// The one place to swap for the real catalogue (`Lessons.Catalog`) once it lands.
enum KnownLessons {
  /// Every lesson id, in teaching order (CONTRACTS.md).
  static let ids = ["training-loop", "backprop", "parameters", "pretrain-finetune", "scaling", "preference-tuning"]

  /// Runs one lesson so that `output/<id>/` exists, or `nil` while no lesson runner exists
  /// (then `workbench site` lists the lessons to run instead).
  static func runner() -> ((String) throws -> Void)? { nil }

  /// The cost estimator's page for the site; its chart is written to `imageFolder`.
  static func costPage(imageFolder: URL) throws -> CostPage? { try CostSitePage.make(imageFolder: imageFolder) }
}
