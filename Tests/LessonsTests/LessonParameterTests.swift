import Foundation
import Testing
@testable import Lessons

/// The option table is the one declaration: which lessons take an option, its range, the flags
/// that reproduce a run, all derive from it.
@Suite struct LessonParameterTests {
  @Test func everyOptionNamesLessonsThatExistAndTheLessonsAgree() {
    for option in LessonParameter.all {
      #expect(!option.lessons.isEmpty, "\(option.flag)")
      for id in option.lessons {
        #expect(LessonCatalog.ids.contains(id), "\(option.flag) names \(id)")
        #expect((try? LessonCatalog.lesson(id).acceptedParameters.contains(option)) == true, "\(id) \(option.flag)")
      }
    }
    #expect(Set(LessonParameter.all.map(\.name)).count == LessonParameter.all.count)
    #expect(BackpropLesson().acceptedParameters == [.learningRate, .steps])
    #expect(ParametersLesson().acceptedParameters == [])
  }

  @Test(arguments: [
    (LessonParameter.learningRate, 0.0, "--lr must be a positive finite number, got 0.0."),
    (.learningRate, .infinity, "--lr must be a positive finite number, got inf."),
    (.steps, 0, "--steps must be at least 1, got 0."),
    (.changedFraction, 1.5, "--changed-fraction must be a share above 0 and at most 1, got 1.5."),
  ])
  func valuesOutsideTheRangeAreRefusedWithTheFlag(option: LessonParameter, value: Double, message: String) throws {
    let lesson = try LessonCatalog.lesson(option.lessons[0])
    #expect(throws: LessonError.self) { try LessonParameters([option: value]).check(for: lesson) }
    do { try LessonParameters([option: value]).check(for: lesson) } catch { #expect("\(error)" == message) }
  }

  @Test func limitsThatOnlyTheLessonKnowsAreCheckedBeforeItRuns() throws {
    let rag = try LessonCatalog.lesson("rag-vs-finetune")
    #expect(throws: LessonError.invalidParameter(.topK, reason: "must be between 1 and the 10 documents of the fact base, got 11")) {
      try LessonParameters([.facts: 10, .topK: 11]).check(for: rag)
    }
    try LessonParameters([.facts: 10, .topK: 10, .changedFraction: 1]).check(for: rag)
  }

  @Test func flagsReproduceTheSettingsInTableOrderAndDefaultsComeFromTheTable() {
    let parameters = LessonParameters([.topK: 3, .facts: 200, .changedFraction: 0.5])
    #expect(parameters.flags == ["--facts", "200", "--top-k", "3", "--changed-fraction", "0.5"])
    #expect(LessonParameters([.learningRate: 0.05, .steps: 20]).flags == ["--lr", "0.05", "--steps", "20"])
    #expect(LessonParameters().integer(.facts) == 120 && LessonParameters().integer(.steps) == nil)
    #expect(RagVsFinetuneLesson.defaultTopK == 2 && PreferenceTuningLesson.defaultBeta == 1)
    #expect(LessonParameter.facts.helpText == "Facts in the fact base, at most 2000 (rag-vs-finetune; default: 120).")
  }
}
