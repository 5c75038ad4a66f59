import Foundation

/// The lesson's metrics, claims, tables and notes, built from the experiment's outcome.
struct RagVsFinetuneReport {
  let lesson: RagVsFinetuneLesson
  let context: LessonContext
  let settings: RagVsFinetuneSettings
  let outcome: RagVsFinetuneExperiment.Outcome

  func arm(_ arm: KnowledgeArm) -> RagVsFinetuneExperiment.ArmOutcome { outcome.arms.first { $0.arm == arm }! }

  func result() throws -> LessonResult {
    var result = LessonResult(lesson: lesson, context: context)
    for arm in outcome.arms {
      let key = arm.arm.rawValue
      result.metric("\(key).accuracy", arm.accuracy.value, unit: "fraction")
      result.metric("\(key).accuracy_lower", arm.accuracy.interval.lower, unit: "fraction")
      result.metric("\(key).accuracy_upper", arm.accuracy.interval.upper, unit: "fraction")
      result.metric("\(key).changed_accuracy", arm.changedAccuracy.value, unit: "fraction")
      result.metric("\(key).stale_share", arm.stale.value, unit: "fraction")
      result.metric("\(key).training_flops", Double(arm.trainingFLOPs), unit: "FLOPs")
      result.metric("\(key).inference_flops_per_question", arm.inferenceFLOPsPerQuestion, unit: "FLOPs")
      result.metric("\(key).general_loss", arm.generalLoss, unit: "nats")
    }
    for (index, recall) in outcome.recall.enumerated() { result.metric("retrieval.recall_at_\(index + 1)", recall, unit: "fraction") }
    result.metric("retrained.changed_accuracy", outcome.retrained.changedAccuracy.value, unit: "fraction")
    result.metric("retrained.stale_share", outcome.retrained.stale.value, unit: "fraction")
    result.metric("retrained.training_flops", Double(outcome.retrained.trainingFLOPs), unit: "FLOPs")
    result.metric("reader.training_flops", Double(outcome.readerLog.totalFLOPs), unit: "FLOPs")
    result.tables.append(accuracyTable())
    result.notes.append(samples())
    result.history = history()
    result.timings = [Timing(phase: "reader", seconds: outcome.readerSeconds)]
      + outcome.arms.filter { $0.arm.trains }.map { Timing(phase: $0.arm.name, seconds: $0.trainingSeconds) }
    return result
  }

  func accuracyTable() -> ResultTable {
    ResultTable(
      title: "Held-out questions about \(outcome.facts.facts.count) new facts (exact match, 95% Wilson interval)",
      columns: ["arm", "accuracy", "after change: new value", "stale (old value)", "training FLOPs", "FLOPs per question", "general loss"],
      rows: outcome.arms.map { arm in
        [arm.arm.name, arm.accuracy.text, arm.changedAccuracy.text, arm.stale.text, String(format: "%.3g", Double(arm.trainingFLOPs)),
         String(format: "%.3g", arm.inferenceFLOPsPerQuestion), String(format: "%.3f", arm.generalLoss)]
      } + [[
        "(d) retrained", outcome.retrained.accuracy.text, outcome.retrained.changedAccuracy.text, outcome.retrained.stale.text,
        String(format: "%.3g", Double(outcome.retrained.trainingFLOPs)), "", String(format: "%.3f", outcome.retrained.generalLoss),
      ]])
  }

  /// Example questions with each arm's answer (the first facts of each kind), also `samples.txt`.
  func samples(count: Int = 10) -> String {
    var lines = ["Example questions (held-out phrasing) and each arm's answer; ✓ = exact match"]
    for (index, fact) in outcome.facts.facts.prefix(count).enumerated() {
      lines.append("")
      lines.append("Q: \(fact.testQuestion)   right answer: \(fact.value)")
      lines.append("   RAG context: \(outcome.ragPrompts[index])")
      for arm in outcome.arms {
        let answer = arm.answers[index]
        lines.append("   \(arm.arm.name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(answer.isEmpty ? "(nothing)" : answer) \(answer == fact.value ? "✓" : "✗")")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The training loss of the reader and of each fine-tuning run, per step.
  func history() -> [HistorySeries] {
    var series = [HistorySeries(
      name: "reader pre-training", steps: Array(1...max(1, outcome.readerLog.trainingLoss.count)).prefix(outcome.readerLog.trainingLoss.count).map { $0 },
      values: [("training_loss", outcome.readerLog.trainingLoss)])]
    for arm in outcome.arms where arm.arm.trains {
      series.append(HistorySeries(name: arm.arm.name, steps: Array(1...arm.trainingLoss.count), values: [("training_loss", arm.trainingLoss)]))
    }
    series.append(HistorySeries(
      name: "(d) retrained", steps: Array(1...outcome.retrained.trainingLoss.count), values: [("training_loss", outcome.retrained.trainingLoss)]))
    return series
  }
}
