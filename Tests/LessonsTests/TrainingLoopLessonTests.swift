import Foundation
import Testing

@testable import Lessons

/// The training-loop lesson in quick mode: its claims hold, its plots decode, reruns are identical,
/// and bad settings are refused.
@Suite("TrainingLoop")
struct TrainingLoopLessonTests {
  static let runs = QuickLessonRuns.make(TrainingLoopLesson())

  @Test("claims hold: divergence detected, good rate at the noise floor, small rate far from it")
  func claimsHold() throws {
    let runs = try Self.runs.get()
    let result = runs.result
    #expect(result.claims.count == 3)
    for claim in result.claims { #expect(claim.passed, "\(claim.statement): \(claim.detail)") }
    #expect(result.value(of: "noise_variance_sigma_squared") == 0.0625)
    // The floor of the drawn data (mean ε²) is close to σ² (within 4 standard errors √(2/N)·σ²).
    let floor = try #require(result.value(of: "noise_floor"))
    #expect(abs(floor - 0.0625) < 4 * (2.0 / 128).squareRoot() * 0.0625)
    // Independent re-statement of each claim from the metrics.
    let good = try #require(result.value(of: "good_final_train_mse"))
    #expect(good <= 1.10 * floor && good > 0.5 * floor)
    let small = try #require(result.value(of: "too_small_final_train_mse"))
    #expect(small > 1.5 * floor)
    let divergedAt = try #require(result.value(of: "too_large_diverged_at_step"))
    #expect(divergedAt >= 1)
    #expect(result.value(of: "too_large_final_train_mse") == nil)
    #expect(result.value(of: "parameter_count") == 1153)  // (1+1)·32 + (32+1)·32 + (32+1)·1
  }

  @Test("the history stops the diverged run where it diverged and keeps the others whole")
  func historyStopsAtDivergence() throws {
    let runs = try Self.runs.get()
    let csv = try String(contentsOf: runs.firstFolder.appendingPathComponent("history.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "series,step,train_mse")
    let settings = TrainingLoopSettings.quick
    let divergedAt = Int(try #require(runs.result.value(of: "too_large_diverged_at_step")))
    let steps = Int(try #require(runs.result.value(of: "good_steps_run")))
    #expect(steps == settings.steps)
    let large = "lr \(LessonText.rate(settings.largeRate)) (too large),"
    let good = "lr \(LessonText.rate(settings.goodRate)) (good),"
    #expect(lines.filter { $0.hasPrefix(large) }.count == divergedAt + 1)
    #expect(lines.filter { $0.hasPrefix(good) }.count == steps + 1)
    // The diverged loss exceeds 10× the start, and every earlier one does not.
    let losses = lines.filter { $0.hasPrefix(large) }.compactMap { Double($0.split(separator: ",")[2]) }
    let first = try #require(losses.first)
    let last = try #require(losses.last)
    #expect(last > 10 * first || !last.isFinite)
    #expect(losses.dropLast().allSatisfy { $0 <= 10 * first })
  }

  @Test("the first iteration is traced step by step")
  func fiveStepTrace() throws {
    let notes = try Self.runs.get().result.notes.joined(separator: "\n")
    for fragment in ["1. Process examples: inputs [128, 1]", "predictions [128, 1]", "2. Compare with targets [128, 1]",
                     "3. Loss: mean squared error", "4. Backpropagate", "gradient norm",
                     "5. Update (Adam, lr \(LessonText.rate(TrainingLoopSettings.quick.goodRate)))"] {
      #expect(notes.contains(fragment), "missing \(fragment)")
    }
  }

  @Test("plots decode at their sizes; the same seed gives identical files")
  func plotsAndDeterminism() throws {
    try Self.runs.get().expectPlotsAndDeterminism(sizes: [
      "loss-curves.png": (1600, 700), "fits.png": (1600, 1000),
    ])
  }

  @Test("out-of-range settings are refused with a usage error", arguments: [
    LessonParameters([.steps: 0]), LessonParameters([.steps: 1_000_000]), LessonParameters([.learningRate: -1]),
    LessonParameters([.learningRate: .nan]), LessonParameters([.learningRate: .infinity]),
  ])
  func refusesBadSettings(_ parameters: LessonParameters) throws {
    #expect {
      _ = try QuickLessonRuns.once(TrainingLoopLesson(), seed: 1, parameters: parameters)
    } throws: { error in
      guard case .invalidParameter = error as? LessonError else { return false }
      return true
    }
  }

  @Test("a setting the lesson does not take is refused before anything runs")
  func refusesUnacceptedSetting() throws {
    #expect(throws: LessonError.parameterNotAccepted(.beta, lesson: "training-loop", accepted: [.learningRate, .steps])) {
      _ = try QuickLessonRuns.once(TrainingLoopLesson(), seed: 1, parameters: LessonParameters([.beta: 0.1]))
    }
  }
}
