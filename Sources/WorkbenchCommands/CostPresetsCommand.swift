import ArgumentParser
import TrainingCost

/// `workbench cost presets`: published training runs with their sources.
struct CostPresets: CostReporting {
  static let configuration = CommandConfiguration(
    commandName: "presets", abstract: "Published training runs: size, tokens, hardware, compute, GPU-hours, MFU.")

  @OptionGroup var catalogueOptions: CostCatalogueOptions
  @OptionGroup var output: CostOutputOptions

  func report() throws -> CostReport {
    let catalogue = try catalogueOptions.catalogue()
    var table = CostTable(
      key: "presets",
      columns: [
        .init(key: "id", header: "preset"),
        .init(key: "parameters", header: "params", alignment: .right),
        .init(key: "active_parameters", header: "active", alignment: .right),
        .init(key: "tokens", header: "tokens", alignment: .right),
        .init(key: "hardware", header: "hardware"),
        .init(key: "published_flops", header: "published FLOPs", alignment: .right),
        .init(key: "published_gpu_hours", header: "published GPU-hours", alignment: .right),
        .init(key: "published_mfu", header: "published MFU", alignment: .right),
        .init(key: "implied_mfu", header: "implied MFU", alignment: .right),
        .init(key: "source", header: "source"),
      ])
    for run in PublishedRun.all {
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
