extension AllocationLaw {
  /// The allocation table of `workbench cost optimal`: the compute-optimal N and D for `flops` by the
  /// `selected` law first, then by the others for comparison, with the loss each fit predicts.
  public static func allocationTable(flops: Double, selected law: AllocationLaw) -> CostTable {
    var allocation = CostTable(
      key: "allocation", title: "Compute-optimal allocation (C = 6·N·D)",
      columns: [
        .left("law", "law"), .left("choice", "choice"), .right("parameters", "parameters N"), .right("tokens", "tokens D"),
        .right("tokens_per_parameter", "tokens/param"), .right("predicted_loss", "predicted loss"),
      ])
    let laws = [law] + allCases.filter { $0 != law }
    for candidate in laws {
      let result = candidate.allocate(flops: flops)
      allocation.rows.append(
        CostTable.Row(
          cells: [
            .text(candidate.rawValue), .text(candidate == law ? "selected" : "comparison"),
            .number(result.parameters, .parameters), .number(result.tokens, .tokens),
            .number(result.tokensPerParameter, .tokensPerParameter),
            result.predictedLoss.map { .number($0, .loss) } ?? .empty,
          ],
          explanation: candidate.summary))
    }
    allocation.notes = [
      disagreement,
      "The rule of thumb has no loss formula, so it predicts no loss; the fits predict loss in nats per token on their training distribution.",
      "Compute-optimal means lowest loss for this training budget; models that will serve many requests are often trained on far more tokens per parameter (Llama 3 70B: over 200).",
    ]
    return allocation
  }
}
