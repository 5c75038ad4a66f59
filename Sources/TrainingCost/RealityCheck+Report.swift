extension RealityCheck {
  /// What `workbench cost reality-check` prints and the site's cost page shows: each published run's
  /// figure next to the estimate, their ratio, the MFU used and implied, and whether they agree within 2×.
  public static func report(_ rows: [RealityCheckRow]) -> CostReport {
    var table = CostTable(
      key: "reality_check",
      columns: [
        .left("preset", "preset"), .left("metric", "metric"), .right("published", "published"),
        .right("estimate", "estimate"), .right("ratio", "estimate/published"), .right("mfu", "MFU used"),
        .right("implied_mfu", "implied MFU"), .left("within_2x", "within 2x"),
      ])
    for row in rows {
      let number: (Double) -> CostTable.Cell = {
        row.metric == .flops ? .custom($0, HumanNumber.scientific($0)) : .custom($0, HumanNumber.grouped($0))
      }
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(row.run.id), .text(row.metric.rawValue), number(row.published), number(row.estimate),
            .custom(row.ratio, HumanNumber.fixed(row.ratio, decimals: 2)),
            row.utilization.map { .number($0, .fraction) } ?? .empty,
            row.impliedUtilization.map { .number($0, .fraction) } ?? .empty,
            .flag(row.isWithinFactorOfTwo, yes: "yes", no: "no (see --explain)"),
          ],
          explanation: row.basis))
    }
    table.explanationLabelColumns = 2
    table.notes = [
      "Estimates use C = 6·N·D (N active parameters for a mixture of experts) and GPU-hours = C / (dense BF16 peak × MFU) / 3600.",
      "MFU is the run's published figure where one exists, otherwise --default-mfu; implied MFU is what the published GPU-hours imply.",
    ]
    return CostReport([table])
  }
}
