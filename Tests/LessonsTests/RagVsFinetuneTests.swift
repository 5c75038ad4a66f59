import Autograd
import Foundation
import Testing

@testable import Lessons
import WorkbenchFiles

/// The rag-vs-finetune lesson in quick mode (one reader pre-trained per test process, shared by
/// the seeds): its claims hold for seeds 1…5, its plots decode, reruns are identical, bad options
/// are refused; and its parts (BM25, the Wilson interval, the fact base) against independent oracles.
@Suite("RagVsFinetune")
struct RagVsFinetuneTests {
  static let runs = QuickLessonRuns.make(RagVsFinetuneLesson(), seed: 1)

  /// The quick result for `seed` (seed 1 reuses the determinism runs).
  static func result(seed: UInt64) throws -> RunResult {
    if seed == 1 { return try runs.get().result }
    return try QuickLessonRuns.once(RagVsFinetuneLesson(), seed: seed)
  }

  @Test("claims hold in quick mode", arguments: [UInt64(1), 2, 3, 4, 5])
  func claimsHold(seed: UInt64) throws {
    let result = try Self.result(seed: seed)
    #expect(result.claims.count == 9)
    for claim in result.claims { #expect(claim.passed, "seed \(seed): \(claim.statement): \(claim.detail)") }
    let value = { (name: String) throws -> Double in try #require(result.value(of: name), "\(name) missing") }
    #expect(try value("facts") == Double(RagVsFinetuneLesson.defaultFacts))
    #expect(try value("facts_changed") == 24)
    // Restated from the metrics: RAG's prompts are longer, so each question costs more FLOPs.
    #expect(try value("rag.inference_flops_per_question") > value("nothing.inference_flops_per_question"))
    #expect(try value("rag.training_flops") == 0 && value("nothing.training_flops") == 0)
    #expect(try value("finetune-augmented.training_flops") > 0)
    #expect(try value("lora.trainable_parameters") < value("finetune-augmented.trainable_parameters"))
    #expect(try value("rag.general_loss") == value("base.general_loss"))
  }

  @Test("plots decode at their sizes; samples are written; the same seed gives identical files")
  func plotsAndDeterminism() throws {
    let runs = try Self.runs.get()
    try runs.expectPlotsAndDeterminism(sizes: [
      "accuracy-by-arm.png": (1400, 800), "after-change.png": (1500, 800), "accuracy-vs-cost.png": (1600, 800),
      "business-cost.png": (1400, 800),
    ])
    let samples = try String(contentsOf: runs.firstFolder.appendingPathComponent("samples.txt"), encoding: .utf8)
    #expect(samples.components(separatedBy: "right answer:").count - 1 == RagVsFinetuneLesson.defaultFacts)
    // As it runs, each approach reports its answer to the first question (shown live in the lab).
    #expect(runs.samples.count >= 4 && runs.samples.allSatisfy { $0.text.contains(" → ") }, "\(runs.samples.map(\.phase))")
  }

  @Test("bad options are refused with a sentence naming the flag", arguments: [
    (LessonParameters([.facts: 0]), "--facts must be between 1 and"),
    (LessonParameters([.topK: 0]), "--top-k must be between 1 and the 120 documents"),
    (LessonParameters([.topK: 121]), "--top-k must be between 1 and the 120 documents"),
    (LessonParameters([.facts: 10, .topK: 11]), "--top-k must be between 1 and the 10 documents"),
    (LessonParameters([.changedFraction: 1.5]), "--changed-fraction must be a share above 0 and at most 1"),
    (LessonParameters([.changedFraction: 0]), "--changed-fraction must be a share above 0 and at most 1"),
    (LessonParameters([.changedFraction: .nan]), "--changed-fraction must be a share above 0 and at most 1"),
  ])
  func refused(parameters: LessonParameters, message: String) {
    #expect {
      try RagVsFinetuneLesson.validated(parameters)
    } throws: { error in
      guard let error = error as? LessonError, case .invalidParameter = error else { return false }
      return error.description.contains(message)
    }
  }

  @Test("BM25 scores equal the formula computed by hand")
  func bm25MatchesTheFormula() {
    let documents = ["The Kidate costs $958.", "Return the Kidate within 30 days.", "Order 5123 is shipped."]
    let retriever = BM25Retriever(documents: documents)
    // Terms: d0 = [the, kidate, cost, 958] (4), d1 = [return, the, kidate, within, 30, days] (6),
    // d2 = [order, 5123, is, shipped→shipp] (4); avgdl = 14/3. Query "kidate cost": kidate in 2 docs, cost in 1.
    let (k1, b, avgdl) = (1.2, 0.75, 14.0 / 3)
    let idfKidate = log(1 + (3 - 2 + 0.5) / (2 + 0.5)), idfCost = log(1 + (3 - 1 + 0.5) / (1 + 0.5))
    func term(_ idf: Double, length: Double) -> Double { idf * (k1 + 1) / (1 + k1 * (1 - b + b * length / avgdl)) }
    let scores = retriever.scores("kidate cost")
    #expect(abs(scores[0] - (term(idfKidate, length: 4) + term(idfCost, length: 4))) < 1e-12)
    #expect(abs(scores[1] - term(idfKidate, length: 6)) < 1e-12)
    #expect(scores[2] == 0)
    #expect(retriever.topK("How much does the Kidate cost?", k: 2) == [0, 1])
    #expect(BM25Retriever.terms("Costs returned shipping days") == ["cost", "return", "shipp", "days"])
  }

  @Test("the Wilson interval matches published values", arguments: [
    (0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0), (48, 120, 0.3168, 0.4894),
  ])
  func wilson(correct: Int, total: Int, lower: Double, upper: Double) {
    let interval = AccuracyInterval(correct: correct, total: total).interval
    #expect(abs(interval.lower - lower) < 5e-4 && abs(interval.upper - upper) < 5e-4, "\(interval)")
  }

  @Test("the fact base: every kind, no entity from the pre-training text or the exercises, a change of 20%")
  func factBase() throws {
    var generator = SplitMix64(seed: 7)
    let excluded: Set<String> = ["Nakoda", "5555"]
    let base = FactBase(count: 120, excluding: excluded, using: &generator)
    #expect(base.facts.count == 120)
    #expect(Set(base.facts.map(\.kind)) == Set(FactKind.allCases))
    #expect(base.facts.allSatisfy { !excluded.contains($0.entity) && !ReadingExercises.isExerciseName($0.entity) })
    #expect(Set(base.documents).count == 120)
    let (changed, indices) = base.changing(fraction: 0.2, using: &generator)
    #expect(indices.count == 24 && Set(indices).count == 24)
    for index in base.facts.indices {
      let same = changed.facts[index].value == base.facts[index].value
      #expect(same != indices.contains(index), "fact \(index)")
      #expect(changed.facts[index].entity == base.facts[index].entity)
    }
    // Exercises never name a fact-base entity.
    var exerciseGenerator = SplitMix64(seed: 3)
    for _ in 0..<200 {
      let fact = ReadingExercises.randomFact(kind: exerciseGenerator.corpusPick(FactKind.allCases), using: &exerciseGenerator)
      #expect(ReadingExercises.isExerciseName(fact.entity))
    }
  }

  @Test("the answer is cut at the full stop, and prompts that overflow the context lose their oldest characters")
  func promptFormat() {
    #expect(QuestionPrompt.answer(in: " $958. Q: x") == "$958")
    #expect(QuestionPrompt.answer(in: " 30 days\nThe") == "30 days")
    let prompt = QuestionPrompt.prompt(question: "How much is the Kidate?", documents: ["A long document here."], maximumLength: 30)
    #expect(prompt.count == 30 && prompt.hasSuffix("Q: How much is the Kidate? A:"))
  }
}
