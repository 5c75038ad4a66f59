import Foundation
import Autograd
import Testing

@testable import Lessons

/// Every claim of the lessons that have no seed sweep of their own holds in quick mode for seeds 1–5
/// (pretrain-finetune, rag-vs-finetune and preference-tuning sweep the same seeds in their own suites,
/// with more checks). CI runs every `claimsHold` test twice: under the CPU's widest kernel family and
/// under `WORKBENCH_KERNELS=baseline`, since the claims must hold on every CPU.
@Suite struct ClaimsAcrossSeedsTests {
  static let lessons = ["training-loop", "backprop", "parameters", "scaling"]

  @Test("every claim holds in quick mode", arguments: lessons, [UInt64(1), 2, 3, 4, 5])
  func claimsHold(lessonID: String, seed: UInt64) throws {
    let result = try QuickLessonRuns.once(try LessonCatalog.lesson(lessonID), seed: seed)
    #expect(!result.claims.isEmpty)
    for claim in result.claims {
      #expect(claim.passed, "\(lessonID) seed \(seed) (kernels \(KernelFamily.active.rawValue)): \(claim.statement) — \(claim.detail)")
    }
  }
}
