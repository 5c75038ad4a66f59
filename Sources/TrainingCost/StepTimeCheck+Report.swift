extension StepTimeCheck {
  /// What `workbench cost reality-check --step-times` prints and the site's cost page shows: per measured
  /// step, the layout, the published and estimated seconds and the error; then the median and largest
  /// absolute error and the assumptions every row shares.
  public static func report(_ rows: [StepTimeCheckRow], assumptions: LayoutAssumptions = LayoutAssumptions()) -> CostReport {
    var table = CostTable(
      key: "step_times",
      title: "Step time: estimate against measurement",
      columns: [
        .left("run", "run"), .left("source", "source"), .left("layout", "layout (t·p·d, b, v)"),
        .left("recompute", "recompute"), .right("published_s", "published"), .right("estimate_s", "estimate"),
        .right("error", "error"), .left("use", "use"),
      ])
    for row in rows {
      let l = row.measurement.layout, e = row.estimate
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(row.measurement.id), .text(row.measurement.source),
            .text("\(l.tensor)·\(l.pipeline)·\(l.data), b \(l.microBatch), v \(l.virtualStages)"),
            .text(l.recompute.rawValue + (l.splitsSequence ? " + SP" : "")),
            .custom(row.measurement.publishedSeconds, HumanNumber.fixed(row.measurement.publishedSeconds, decimals: 2) + " s"),
            .custom(row.estimatedSeconds, HumanNumber.fixed(row.estimatedSeconds, decimals: 2) + " s"),
            .custom(row.error, (row.error >= 0 ? "+" : "") + HumanNumber.fixed(row.error * 100, decimals: 1) + "%"),
            .text(calibratedOn.contains(row.measurement.id) ? "calibrated on" : "checked"),
          ],
          explanation: "\(row.measurement.basis); compute \(HumanNumber.fixed(e.computeSeconds, decimals: 2)) s + tp comm. "
            + "\(HumanNumber.fixed(e.tensorCommunicationSeconds, decimals: 2)) s + pipeline transfers \(HumanNumber.fixed(e.pipelineCommunicationSeconds, decimals: 2)) s "
            + "+ bubble \(HumanNumber.fixed(e.bubbleSeconds, decimals: 2)) s (m = \(e.microBatchesPerStep)) + dp comm. \(HumanNumber.fixed(e.dataCommunicationSeconds, decimals: 2)) s"))
    }
    table.notes = [
      "Every row uses the same step-time model as `workbench cost layout` (see its --explain) on the layout its paper states; no constant is set per row.",
      "Rows calibrated on: \(calibratedOn.isEmpty ? "none; the assumptions below predate these rows, so every row is a check" : calibratedOn.joined(separator: ", ")).",
    ]
    let summary = CostTable(
      key: "step_time_summary",
      columns: [.init(key: "quantity", header: "quantity"), .init(key: "value", header: "value", alignment: .right)],
      rows: errorSummary(rows) + [
        CostTable.Row(cells: [.text("kernel efficiency (assumed, --kernel-efficiency)"), .number(assumptions.kernelEfficiency, .fraction)]),
        CostTable.Row(cells: [.text("link efficiency (assumed, --link-efficiency)"), .number(assumptions.linkEfficiency, .fraction)]),
      ])
    return CostReport([table, summary])
  }

  /// Median and largest absolute error of each source's rows, then of all rows.
  static func errorSummary(_ rows: [StepTimeCheckRow]) -> [CostTable.Row] {
    var sources: [String] = []
    for row in rows where !sources.contains(row.measurement.source) { sources.append(row.measurement.source) }
    let groups = sources.map { source in (source, rows.filter { $0.measurement.source == source }) } + (sources.count > 1 ? [("all rows", rows)] : [])
    func percent(_ value: Double) -> CostTable.Cell { .custom(value, HumanNumber.fixed(value * 100, decimals: 1) + "%") }
    return groups.flatMap { name, group in
      [CostTable.Row(cells: [.text("median absolute error, \(name) (\(group.count) rows)"), percent(medianAbsoluteError(group))]),
       CostTable.Row(cells: [.text("largest absolute error, \(name)"), percent(largestAbsoluteError(group))])]
    }
  }
}
