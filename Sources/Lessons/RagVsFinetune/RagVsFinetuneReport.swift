import Foundation
import TrainingCost
import WorkbenchFiles

/// The lesson's metrics, claims, tables, plots and samples, built from the experiment's outcome.
struct RagVsFinetuneReport {
  let lesson: RagVsFinetuneLesson
  let context: LessonContext
  let settings: RagVsFinetuneSettings
  let outcome: RagVsFinetuneExperiment.Outcome

  /// Example questions printed in the terminal (all facts go to `samples.txt`).
  static let noteSamples = 6

  func arm(_ arm: KnowledgeArm) -> RagVsFinetuneExperiment.ArmOutcome { outcome.arms.first { $0.arm == arm }! }

  /// The business-scale scenario: the cost model's defaults with this run's top-k and changed share.
  var scenario: KnowledgeUpdateScenario {
    Self.scenario(topK: outcome.topK, changed: outcome.changed.count, facts: outcome.facts.facts.count)
  }

  /// The cost model's defaults with `topK` retrieved documents and `changed` of `facts` facts changing monthly
  /// (`workbench cost knowledge --top-k topK --fact-updates` share × 10,000 documents prices the same).
  static func scenario(topK: Int, changed: Int, facts: Int) -> KnowledgeUpdateScenario {
    var scenario = KnowledgeUpdateScenario()
    scenario.topK = Double(topK)
    scenario.changedShare = Double(changed) / Double(max(1, facts))
    return scenario
  }

  /// The scenario priced on the catalogue's default accelerator at the default utilisation.
  func pricing() throws -> [KnowledgeUpdateRow] { try Self.pricing(scenario) }

  /// `scenario` priced on the catalogue's default accelerator at the default utilisation.
  static func pricing(_ scenario: KnowledgeUpdateScenario) throws -> [KnowledgeUpdateRow] {
    let accelerator = try AcceleratorCatalogue.builtIn.accelerator(named: AcceleratorCatalogue.defaultAcceleratorID)
    return KnowledgeUpdateCost.rows(scenario, hardware: HardwareSetting(accelerator: accelerator))
  }

  func result() throws -> RunResult {
    var result = RunResult(lesson: lesson, context: context)
    recordMetrics(into: &result)
    checkClaims(into: &result)
    result.tables.append(accuracyTable())
    result.tables.append(retrievalTable())
    let prices = try pricing()
    result.tables.append(pricingTable(prices))
    for row in prices {
      let key = "business." + row.name.replacingOccurrences(of: " ", with: "_")
      result.metric("\(key).up_front_dollars", row.upFrontDollars, unit: "dollars")
      result.metric("\(key).per_update_dollars", row.perUpdateDollars, unit: "dollars")
      result.metric("\(key).monthly_dollars", row.monthlyDollars, unit: "dollars")
      result.metric("\(key).flops_per_question", row.flopsPerQuestion, unit: "FLOPs")
      result.metric("\(key).first_year_dollars", row.upFrontDollars + 12 * row.monthlyDollars, unit: "dollars")
    }
    if let rag = prices.first(where: { $0.name == "RAG" }), let lora = prices.first(where: { $0.name == "LoRA" }) {
      let breakEven = KnowledgeUpdateCost.breakEvenQuestionsPerMonth(rag: rag, fineTuned: lora, scenario: scenario)
      result.metric("business.lora_break_even_questions_per_month", breakEven ?? .infinity, unit: "questions")
      result.notes.append(breakEvenNote(rag: rag, lora: lora, breakEven: breakEven))
    }

    let samples = sampleLines(count: outcome.facts.facts.count)
    try OutputFolder.write(Data((samples.joined(separator: "\n") + "\n").utf8), to: context.file("samples.txt"))
    result.notes.append(sampleLines(count: Self.noteSamples).joined(separator: "\n") + "\n(every question is in samples.txt)")
    // A hallucination to quote: the first question the base model answers, alone, with a wrong value.
    let nothing = arm(.nothing)
    if let index = outcome.facts.facts.indices.first(where: { !nothing.answers[$0].isEmpty && nothing.answers[$0] != outcome.facts.facts[$0].value }) {
      result.sample("nothing.wrong_question", outcome.facts.facts[index].testQuestion)
      result.sample("nothing.wrong_answer", nothing.answers[index])
      result.sample("nothing.wrong_right_answer", outcome.facts.facts[index].value)
    }
    result.history = history()

    let plots = RagVsFinetunePlots(outcome: outcome, pricing: prices)
    let k = outcome.topK
    result.plots.append(try context.savePlot(
      plots.accuracy(), file: "accuracy-by-arm.png", title: "Which arm answers questions about new facts",
      caption: "Exact-match accuracy of each arm on the same \(outcome.facts.facts.count) held-out questions (a phrasing no fine-tuning run trained on), with 95% Wilson intervals. (a) the base model alone; (b) BM25 puts the top-\(k) documents before the question; (c) full fine-tune on the documents as text; (d) the same plus question–answer pairs in three other phrasings; (e) LoRA on the data of (d). The dashed line is the retriever's recall@\(k).",
      alt: "Bar chart of accuracy by arm with interval whiskers: retrieval is far above doing nothing and above every fine-tuning arm; fine-tuning on documents alone is near zero.",
      width: 1400, height: 800))
    result.plots.append(try context.savePlot(
      plots.afterChange(), file: "after-change.png", title: "After the facts change: new values and stale answers",
      caption: "After \(outcome.changed.count) facts got new values: the share of their questions answered with the new value and with the old (stale) one. RAG's documents were edited and re-indexed; the fine-tuned models were left as they were, then (d) was retrained on the changed fact base for \(settings.retrainSteps) steps. 95% Wilson intervals.",
      alt: "Grouped bar chart of new-value and old-value shares per arm after the change; RAG gives new values, the unchanged fine-tuned models give few new values.",
      width: 1500, height: 800))
    result.plots.append(try context.savePlot(
      plots.cost(), file: "accuracy-vs-cost.png", title: "Accuracy against what it cost",
      caption: "Left: accuracy against the FLOPs the engine counted for this run (training, plus answering the \(outcome.facts.facts.count) test questions; RAG's prompts are longer). Right: the same accuracy against the first-year price of the arm at business scale (a 7B model, 10,000 documents, 1M questions a month, monthly updates; cost model in TrainingCost, H100 prices from its catalogue). (c) has no business-scale row: it is (d) without the question–answer pairs.",
      alt: "Two scatter plots with logarithmic x axes: accuracy of each arm against the FLOPs measured in this run and against the priced first-year dollars at business scale. \(costSentence(prices))",
      width: 1600, height: 800))
    result.plots.append(try context.savePlot(
      plots.businessCost(), file: "business-cost.png", title: "Cumulative cost at business scale",
      caption: "Up-front plus monthly cost of each option after each month of a year (facts updated monthly): serving 1M questions a month (2·N FLOPs per token, RAG reading \(k) extra documents per question) plus one update of \(Int((100 * scenario.changedShare).rounded()))% of the facts a month (re-indexing for RAG, a full retraining for the fine-tuned models). Prices: KnowledgeUpdateCost in TrainingCost; assumptions in the table.",
      alt: "Line chart of cumulative dollars over twelve months on a log scale for nothing, RAG, full fine-tuning and LoRA. \(costSentence(prices))",
      width: 1400, height: 800))

    result.timings = [Timing(phase: "reader pre-training", seconds: outcome.readerSeconds)]
      + outcome.arms.filter { $0.arm.trains }.map { Timing(phase: $0.arm.name, seconds: $0.trainingSeconds) }
      + [Timing(phase: "(d) retrained", seconds: outcome.retrained.trainingSeconds)]
    return result
  }

  func recordMetrics(into result: inout RunResult) {
    for (key, arm) in outcome.arms.map({ ($0.arm.rawValue, $0) }) + [("retrained", outcome.retrained)] {
      result.metric("\(key).accuracy", arm.accuracy.value, unit: "fraction")
      result.metric("\(key).accuracy_lower", arm.accuracy.interval.lower, unit: "fraction")
      result.metric("\(key).accuracy_upper", arm.accuracy.interval.upper, unit: "fraction")
      result.metric("\(key).changed_accuracy", arm.changedAccuracy.value, unit: "fraction")
      result.metric("\(key).stale_share", arm.stale.value, unit: "fraction")
      result.metric("\(key).training_flops", Double(arm.trainingFLOPs), unit: "FLOPs")
      result.metric("\(key).trainable_parameters", Double(arm.trainableParameters), unit: "parameters")
      result.metric("\(key).inference_flops_per_question", arm.inferenceFLOPsPerQuestion, unit: "FLOPs")
      result.metric("\(key).prompt_characters", arm.promptCharacters, unit: "characters")
      result.metric("\(key).general_loss", arm.generalLoss, unit: "nats")
    }
    for (index, recall) in outcome.recall.enumerated() { result.metric("retrieval.recall_at_\(index + 1)", recall, unit: "fraction") }
    result.metric("retrieval.changed_recall_at_k", outcome.changedRecall, unit: "fraction")
    let split = ragErrorSplit
    result.metric("rag.errors_retrieval_miss", Double(split.misses), unit: "questions")
    result.metric("rag.errors_reading", Double(split.reading), unit: "questions")
    result.metric("base.general_loss", outcome.baseGeneralLoss, unit: "nats")
    result.metric("reader.training_flops", Double(outcome.readerLog.totalFLOPs), unit: "FLOPs")
    result.metric("reader.parameters", Double(outcome.readerParameters), unit: "parameters")
    result.metric("facts", Double(outcome.facts.facts.count), unit: "facts")
    result.metric("facts_changed", Double(outcome.changed.count), unit: "facts")
    recordQuotedValues(into: &result)
  }

  /// The counts, differences, thresholds and settings the narrative quotes, recorded so that it can
  /// name them instead of hard-coding them.
  func recordQuotedValues(into result: inout RunResult) {
    for (key, arm) in outcome.arms.map({ ($0.arm.rawValue, $0) }) + [("retrained", outcome.retrained)] {
      result.metric("\(key).correct", Double(arm.accuracy.correct), unit: "questions")
      result.metric("\(key).changed_new", Double(arm.changedAccuracy.correct), unit: "questions")
      result.metric("\(key).changed_old", Double(arm.stale.correct), unit: "questions")
    }
    let unchanged = outcome.arms.filter { $0.arm.trains }
    result.metric("finetuned.changed_new", Double(unchanged.map(\.changedAccuracy.correct).reduce(0, +)), unit: "questions")
    result.metric("finetuned.changed_old", Double(unchanged.map(\.stale.correct).reduce(0, +)), unit: "questions")
    result.metric("finetuned.changed_answers", Double(unchanged.map(\.changedAccuracy.total).reduce(0, +)), unit: "questions")
    result.metric("finetuned.general_loss_rise_minimum", (unchanged.map(\.generalLoss).min() ?? outcome.baseGeneralLoss) - outcome.baseGeneralLoss, unit: "nats")
    result.metric("facts_changed_share", Double(outcome.changed.count) / Double(max(1, outcome.facts.facts.count)), unit: "fraction")
    let rag = arm(.rag)
    let bestUnchangedNew = unchanged.map(\.changedAccuracy.value).max() ?? 0
    result.metric("claims.rag_over_nothing_points", 100 * (rag.accuracy.value - arm(.nothing).accuracy.value), unit: "points")
    result.metric("claims.rag_over_documents_points", 100 * (rag.accuracy.value - arm(.fineTuneDocuments).accuracy.value), unit: "points")
    result.metric("claims.augmentation_gain_points", 100 * (arm(.fineTuneAugmented).accuracy.value - arm(.fineTuneDocuments).accuracy.value), unit: "points")
    result.metric("claims.rag_new_value_lead_points", 100 * (rag.changedAccuracy.value - bestUnchangedNew), unit: "points")
    result.metric("claims.rag_over_nothing_threshold_points", 100 * RagVsFinetuneClaims.ragOverNothing, unit: "points")
    result.metric("claims.rag_over_documents_threshold_points", 100 * RagVsFinetuneClaims.ragOverDocuments, unit: "points")
    result.metric("claims.augmentation_gain_threshold_points", 100 * RagVsFinetuneClaims.augmentationGain, unit: "points")
    result.metric("claims.rag_new_value_lead_threshold_points", 100 * RagVsFinetuneClaims.ragNewValueLead, unit: "points")
    result.metric("claims.rag_stale_maximum", RagVsFinetuneClaims.ragStaleMaximum, unit: "fraction")
    result.metric("claims.minimum_recall", RagVsFinetuneClaims.minimumRecall, unit: "fraction")
    result.metric("claims.minimum_forgetting", RagVsFinetuneClaims.minimumForgetting, unit: "nats")
    result.metric("settings.fine_tune_learning_rate", settings.fineTuneLearningRate, unit: "learning rate")
    result.metric("settings.lora_learning_rate", settings.loraLearningRate, unit: "learning rate")
    result.metric("settings.context_loss_weight", Double(ReadingExercises.contextWeight), unit: "weight")
    result.metric("business.indexing_dollars_per_million_tokens", scenario.indexingPricePerMillionTokens, unit: "dollars")
  }

  /// RAG's wrong answers: the fact's document was not among the top k (a retrieval miss), or it
  /// was and the model still answered wrongly (a reading error).
  var ragErrorSplit: (misses: Int, reading: Int) {
    let rag = arm(.rag)
    var misses = 0, reading = 0
    for (index, fact) in outcome.facts.facts.enumerated() where rag.answers[index] != fact.value {
      if outcome.retrieved[index] { reading += 1 } else { misses += 1 }
    }
    return (misses, reading)
  }

  func checkClaims(into result: inout RunResult) {
    let claims = RagVsFinetuneClaims.self
    let nothing = arm(.nothing), rag = arm(.rag), documents = arm(.fineTuneDocuments), augmented = arm(.fineTuneAugmented)
    let lora = arm(.lora)
    func p(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
    func points(_ x: Double) -> String { String(format: "%.1f points", 100 * x) }

    let ragLead = rag.accuracy.value - nothing.accuracy.value
    result.claim(
      "RAG answers far more new-fact questions than doing nothing (by ≥ \(points(claims.ragOverNothing)))",
      ragLead >= claims.ragOverNothing,
      detail: "RAG \(rag.accuracy.text), nothing \(nothing.accuracy.text): +\(points(ragLead)), margin \(points(ragLead - claims.ragOverNothing))")

    let documentsGap = rag.accuracy.value - documents.accuracy.value
    result.claim(
      "Fine-tuning on the documents alone answers far fewer than RAG (by ≥ \(points(claims.ragOverDocuments)))",
      documentsGap >= claims.ragOverDocuments,
      detail: "RAG \(rag.accuracy.text), (c) \(documents.accuracy.text): gap \(points(documentsGap)), margin \(points(documentsGap - claims.ragOverDocuments))")

    let narrowing = augmented.accuracy.value - documents.accuracy.value
    result.claim(
      "Adding question–answer pairs (d) narrows that gap (by ≥ \(points(claims.augmentationGain)))",
      narrowing >= claims.augmentationGain,
      detail: "(d) \(augmented.accuracy.text) against (c) \(documents.accuracy.text): +\(points(narrowing)), margin \(points(narrowing - claims.augmentationGain))")

    let unchanged = [documents, augmented, lora]
    let bestFineTunedNew = unchanged.map(\.changedAccuracy.value).max() ?? 0
    let ragNewLead = rag.changedAccuracy.value - bestFineTunedNew
    result.claim(
      "After the change, RAG gives the new value far more often than any fine-tuned model left as it was (by ≥ \(points(claims.ragNewValueLead)))",
      ragNewLead >= claims.ragNewValueLead,
      detail: "new value: RAG \(rag.changedAccuracy.text); best unchanged fine-tuned model \(p(bestFineTunedNew)); lead \(points(ragNewLead)), margin \(points(ragNewLead - claims.ragNewValueLead))")

    let staleTotal = unchanged.map(\.stale.correct).reduce(0, +), newTotal = unchanged.map(\.changedAccuracy.correct).reduce(0, +)
    result.claim(
      "The unchanged fine-tuned models give the old value at least as often as the new one; RAG gives it only by coincidence (≤ \(p(claims.ragStaleMaximum)))",
      staleTotal >= newTotal && rag.stale.value <= claims.ragStaleMaximum,
      detail: "(c)+(d)+(e) on the changed facts: \(staleTotal) old values, \(newTotal) new values; RAG \(rag.stale.text) old values, margin \(points(claims.ragStaleMaximum - rag.stale.value))")

    let retrainedLag = rag.changedAccuracy.value - outcome.retrained.changedAccuracy.value
    result.claim(
      "Even retrained on the changed facts, (d) gives the new value less often than RAG, which needed no training",
      retrainedLag > 0,
      detail: "new value: (d) retrained \(outcome.retrained.changedAccuracy.text) at \(String(format: "%.3g", Double(outcome.retrained.trainingFLOPs))) FLOPs "
        + "(before: \(augmented.changedAccuracy.text)); RAG \(rag.changedAccuracy.text) at 0 training FLOPs; margin \(points(retrainedLag))")

    let recall = outcome.recall[outcome.topK - 1]
    result.claim(
      "The retriever's recall@\(outcome.topK) is high (≥ \(p(claims.minimumRecall)))",
      recall >= claims.minimumRecall,
      detail: "recall@\(outcome.topK) \(p(recall)), margin \(points(recall - claims.minimumRecall)); recall@1 \(p(outcome.recall[0]))")

    let split = ragErrorSplit
    result.claim(
      "RAG's errors are mostly reading errors, not retrieval misses (one might expect misses; see the narrative)",
      split.reading >= split.misses,
      detail: "of \(split.misses + split.reading) wrong RAG answers: \(split.misses) retrieval misses, \(split.reading) with the right document in the context")

    let rises = unchanged.map { $0.generalLoss - outcome.baseGeneralLoss }
    let smallest = rises.min() ?? 0
    result.claim(
      "Fine-tuning raises general-text loss (forgetting) by ≥ \(String(format: "%.2f", claims.minimumForgetting)) nats for every fine-tuned arm; RAG does not change the model at all",
      smallest >= claims.minimumForgetting && outcome.baseUnchanged && rag.generalLoss == outcome.baseGeneralLoss,
      detail: String(
        format: "general loss %.3f before; (c) %+.3f, (d) %+.3f, (e) %+.3f nats; margin %.3f; base weights after all arms %@",
        outcome.baseGeneralLoss, rises[0], rises[1], rises[2], smallest - claims.minimumForgetting,
        outcome.baseUnchanged ? "identical to the reader's" : "CHANGED"))
  }

  func accuracyTable() -> ResultTable {
    func flops(_ x: Double) -> String { x == 0 ? "0" : String(format: "%.3g", x) }
    let rows = outcome.arms.map { arm in
      [arm.arm.name, arm.accuracy.text, arm.changedAccuracy.text, arm.stale.text, flops(Double(arm.trainingFLOPs)),
       flops(arm.inferenceFLOPsPerQuestion), String(format: "%.3f", arm.generalLoss)]
    }
    let retrained = outcome.retrained
    return ResultTable(
      title: "Held-out questions about \(outcome.facts.facts.count) new facts, then \(outcome.changed.count) changed (exact match, 95% Wilson interval)",
      columns: ["arm", "accuracy", "changed facts: new value", "changed facts: old value", "training FLOPs", "FLOPs per question", "general loss (nats)"],
      rows: rows + [[
        "(d) retrained on the change", retrained.accuracy.text, retrained.changedAccuracy.text, retrained.stale.text,
        flops(Double(retrained.trainingFLOPs)), flops(retrained.inferenceFLOPsPerQuestion), String(format: "%.3f", retrained.generalLoss),
      ]])
  }

  func retrievalTable() -> ResultTable {
    let split = ragErrorSplit
    var rows = outcome.recall.enumerated().map { ["recall@\($0.offset + 1)", String(format: "%.3f", $0.element)] }
    rows.append(["recall@\(outcome.topK) on the changed facts after re-indexing", String(format: "%.3f", outcome.changedRecall)])
    rows.append(["RAG wrong answers: document not retrieved", "\(split.misses)"])
    rows.append(["RAG wrong answers: document in the context", "\(split.reading)"])
    rows.append(["mean RAG prompt (characters)", String(format: "%.1f", arm(.rag).promptCharacters)])
    rows.append(["mean question-only prompt (characters)", String(format: "%.1f", arm(.nothing).promptCharacters)])
    return ResultTable(title: "BM25 retrieval over the \(outcome.facts.facts.count) documents", columns: ["measure", "value"], rows: rows)
  }

  func pricingTable(_ prices: [KnowledgeUpdateRow]) -> ResultTable { Self.pricingTable(prices, scenario: scenario) }

  /// The business table: the bill of `workbench cost knowledge` (``KnowledgeUpdateCost/report(_:scenario:months:)``),
  /// its cells as people read them, with each row's basis.
  static func pricingTable(_ prices: [KnowledgeUpdateRow], scenario: KnowledgeUpdateScenario) -> ResultTable {
    let bill = KnowledgeUpdateCost.report(prices, scenario: scenario).tables[0]
    return ResultTable(
      title: "Priced at business scale: a 7B model, 10,000 documents of 200 tokens, 1M questions a month, \(Int((100 * scenario.changedShare).rounded()))% of the facts change monthly (H100, KnowledgeUpdateCost)",
      columns: bill.columns.map(\.header) + ["basis"],
      rows: zip(bill.rows, prices).map { cells, row in cells.cells.map(\.humanText) + [row.basis] })
  }

  /// One sentence comparing RAG's and LoRA's first-year prices (for alt texts), from the prices.
  func costSentence(_ prices: [KnowledgeUpdateRow]) -> String {
    guard let rag = prices.first(where: { $0.name == "RAG" }), let lora = prices.first(where: { $0.name == "LoRA" }) else { return "" }
    let ragYear = rag.upFrontDollars + 12 * rag.monthlyDollars, loraYear = lora.upFrontDollars + 12 * lora.monthlyDollars
    return ragYear <= loraYear
      ? "RAG costs less over the year than LoRA ($\(HumanNumber.compact(ragYear)) against $\(HumanNumber.compact(loraYear)))."
      : "In compute alone LoRA costs less over the year than RAG ($\(HumanNumber.compact(loraYear)) against $\(HumanNumber.compact(ragYear))), because RAG's longer prompts are paid on every question."
  }

  func breakEvenNote(rag: KnowledgeUpdateRow, lora: KnowledgeUpdateRow, breakEven: Double?) -> String {
    guard let breakEven else {
      return "Break-even: RAG's questions are not dearer than the fine-tuned model's, so fine-tuning never pays for its retraining."
    }
    let (ragAccuracy, loraAccuracy) = (arm(.rag).accuracy, arm(.lora).accuracy)
    return "Break-even: RAG's longer prompts cost more per question, but LoRA must be retrained every month; in compute, LoRA is cheaper "
      + "per month above \(HumanNumber.compact(breakEven)) questions a month (this scenario: \(HumanNumber.compact(scenario.questionsPerMonth))). "
      + "That only matters if it answers as well: here LoRA answered \(String(format: "%.0f%%", 100 * loraAccuracy.value)) of the questions and RAG "
      + "\(String(format: "%.0f%%", 100 * ragAccuracy.value)); the price of writing question–answer pairs for every document is not in the compute."
  }

  /// Every question with each arm's answer (the first `count` facts).
  func sampleLines(count: Int) -> [String] {
    var lines = ["Questions about new facts (held-out phrasing) and each arm's answer; ✓ = exact match"]
    for (index, fact) in outcome.facts.facts.prefix(count).enumerated() {
      lines.append("")
      lines.append("Q: \(fact.testQuestion)   right answer: \(fact.value)")
      lines.append("   RAG context: \(outcome.ragPrompts[index])")
      for arm in outcome.arms {
        let answer = arm.answers[index]
        lines.append("   \(arm.arm.name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(answer.isEmpty ? "(nothing)" : answer) \(answer == fact.value ? "✓" : "✗")")
      }
    }
    return lines
  }

  /// The training loss of the reader and of each fine-tuning run, per step.
  func history() -> [HistorySeries] {
    func series(_ name: String, _ loss: [Double]) -> HistorySeries {
      HistorySeries(name: name, steps: loss.indices.map { $0 + 1 }, values: [("training_loss", loss)])
    }
    return [series("reader pre-training", outcome.readerLog.trainingLoss)]
      + outcome.arms.filter { $0.arm.trains }.map { series($0.arm.name, $0.trainingLoss) }
      + [series("(d) retrained", outcome.retrained.trainingLoss)]
  }
}

/// The thresholds of the lesson's claims, chosen from quick runs with seeds 1–5 (see the narrative).
enum RagVsFinetuneClaims {
  /// RAG accuracy minus nothing's, at least.
  static let ragOverNothing = 0.15
  /// RAG accuracy minus (c)'s, at least.
  static let ragOverDocuments = 0.15
  /// (d) accuracy minus (c)'s, at least.
  static let augmentationGain = 0.02
  /// RAG's new-value share minus the best unchanged fine-tuned model's, at least.
  static let ragNewValueLead = 0.1
  /// RAG's share of old values after the change, at most: its documents hold only the new values,
  /// so an old value can only be a coincidence (a guessed status or number of days).
  static let ragStaleMaximum = 0.1
  /// Recall@k, at least.
  static let minimumRecall = 0.9
  /// General-loss rise of every fine-tuned arm, at least (nats per character).
  static let minimumForgetting = 0.2
}
