extension PublishedRun {
  /// What `workbench cost presets` prints and the site's cost page shows: every published run with its
  /// size, tokens, hardware, published compute, GPU-hours and MFU, the MFU its hours imply on `catalogue`'s
  /// accelerator, and its source. Throws ``CostError/unknownAccelerator(name:suggestions:)`` if a run's
  /// accelerator was removed from the catalogue.
  public static func presetsReport(catalogue: AcceleratorCatalogue = .builtIn) throws(CostError) -> CostReport {
    var table = CostTable(
      key: "presets",
      columns: [
        .left("id", "preset"), .right("parameters", "params"), .right("active_parameters", "active"),
        .right("tokens", "tokens"), .left("hardware", "hardware"), .right("published_flops", "published FLOPs"),
        .right("published_gpu_hours", "published GPU-hours"), .right("published_mfu", "published MFU"),
        .right("implied_mfu", "implied MFU"), .left("source", "source"),
      ])
    for run in all {
      let accelerator = try catalogue.accelerator(named: run.acceleratorID)
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(run.id), .number(run.totalParameters, .parameters), .number(run.activeParameters, .parameters),
            .number(run.tokens, .tokens), .text(run.hardware),
            run.publishedFLOPs.map { .custom($0, HumanNumber.scientific($0)) } ?? .empty,
            run.publishedGPUHours.map { .custom($0, HumanNumber.grouped($0)) } ?? .empty,
            run.publishedMFU.map { .number($0, .fraction) } ?? .empty,
            run.impliedMFU(peakFLOPS: accelerator.peakFLOPS).map { .number($0, .fraction) } ?? .empty,
            .text(run.source),
          ],
          explanation: "\(run.name). MFU: \(run.mfuSource). \(run.note.prefix(1).uppercased() + run.note.dropFirst()). "
            + (run.publishedGPUHours == nil ? "No GPU-hours published, so no implied MFU."
              : "Implied MFU = 6·N·D / (published GPU-hours × 3600 × \(HumanNumber.scientific(accelerator.peakFLOPS)) FLOP/s of \(accelerator.id)).")))
    }
    table.notes = ["Published figures are as reported by each source; the implied MFU uses the catalogue's dense BF16 peak."]
    return CostReport([table])
  }
}
