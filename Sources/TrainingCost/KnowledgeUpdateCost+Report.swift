extension KnowledgeUpdateCost {
  /// The bill of each option: up-front, per monthly update, FLOPs per question, per month, and over the
  /// first `months` months (up-front + months × per month), as `workbench cost knowledge` prints it and the
  /// rag-vs-finetune lesson shows it; then, for each fine-tuned option, the questions per month above which
  /// it costs less per month than RAG (``breakEvenQuestionsPerMonth(rag:fineTuned:scenario:)``).
  public static func report(_ rows: [KnowledgeUpdateRow], scenario: KnowledgeUpdateScenario, months: Int = 12) -> CostReport {
    let horizon = months == 12 ? "first year" : "first \(months) months"
    var bill = CostTable(
      key: "knowledge",
      columns: [
        .left("option", "option"), .right("up_front_usd", "up-front"), .right("per_update_usd", "per update"),
        .right("flops_per_question", "FLOPs per question"), .right("per_month_usd", "per month"),
        .init(key: "horizon_usd", header: horizon, alignment: .right),
      ])
    for row in rows {
      bill.rows.append(
        CostTable.Row(
          cells: [
            .text(row.name), dollars(row.upFrontDollars), dollars(row.perUpdateDollars),
            .custom(row.flopsPerQuestion, HumanNumber.compact(row.flopsPerQuestion)), dollars(row.monthlyDollars),
            dollars(row.upFrontDollars + Double(months) * row.monthlyDollars),
          ],
          explanation: row.basis))
    }
    bill.explanationLabelColumns = 1
    bill.notes = [
      "Per month: serving the month's \(HumanNumber.compact(scenario.questionsPerMonth)) questions plus one update of the facts; \(horizon): up-front + \(months) × per month.",
      "Training 6·N·D (full) or 4·N·D + 6·N_adapter·D (LoRA) FLOPs at the training MFU; serving 2·N FLOPs per token at \(HumanNumber.compact(scenario.servingUtilization * 100))% of peak (KnowledgeUpdateCost).",
    ]
    var breakEven = CostTable(
      key: "break_even",
      columns: [
        .left("option", "fine-tuned option"), .right("questions_per_month", "cheaper than RAG above (questions/month)"),
      ])
    if let rag = rows.first(where: { $0.name == "RAG" }) {
      for row in rows where row.upFrontFLOPs > 0 {
        let volume = breakEvenQuestionsPerMonth(rag: rag, fineTuned: row, scenario: scenario)
        breakEven.rows.append(
          CostTable.Row(
            cells: [.text(row.name), volume.map { .custom($0, HumanNumber.compact($0)) } ?? .text("never")],
            explanation: "q* = (update_ft − update_rag) / (cost per question_rag − cost per question_ft)"))
      }
    }
    return CostReport([bill, breakEven])
  }

  /// Dollars as the lesson writes them: `$` and three significant digits (`$1.23k`).
  static func dollars(_ value: Double) -> CostTable.Cell { .custom(value, "$" + HumanNumber.compact(value)) }
}
