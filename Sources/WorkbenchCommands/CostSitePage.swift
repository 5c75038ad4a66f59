import Foundation
import GlossarySite
import Lessons
import TrainingCost

/// The site's cost page: the same presets and reality-check tables that `workbench cost presets` and
/// `workbench cost reality-check` print, and the reality-check chart.
enum CostSitePage {
  /// The command that reproduces the page's numbers and chart.
  static let command = "workbench cost reality-check --plot reality-check.png"

  /// Builds the page and writes its chart to `imageFolder/reality-check.png` (creating the folder).
  static func make(imageFolder: URL) throws -> CostPage {
    let presets = try CostPresets.parse([]).report()
    let check = try CostRealityCheck.parse([]).report()
    let rows = try RealityCheck.rows()
    do {
      try FileManager.default.createDirectory(at: imageFolder, withIntermediateDirectories: true)
    } catch {
      throw WorkbenchFailure(
        "cannot create \(imageFolder.path) for the cost chart (\(error.localizedDescription)); choose another --lessons-output.",
        exitCode: WorkbenchFailure.cannotCreateOutput)
    }
    let image = imageFolder.appendingPathComponent(CostCharts.realityCheckFileName)
    try CostCharts.saveRealityCheck(rows, to: image, command: command)
    let within = rows.filter(\.isWithinFactorOfTwo).count
    return CostPage(
      title: "What training costs",
      introduction: """
        Training compute is counted in FLOPs: about 6 per parameter per training token, C = 6·N·D \
        ([compute](compute-flops.md)). Dividing by what an accelerator really sustains, its dense peak times \
        the model FLOPs utilisation, gives GPU-hours, and GPU-hours times a rental price give dollars \
        ([GPU-hours and MFU](gpu-hours-and-mfu.md)). The tables below are the runs the estimator knows \
        (`workbench cost presets`) and its estimate for each next to what was published: \(within) of \(rows.count) \
        estimates land within a factor of two. The [scaling lesson](scaling.md) measures the same 6·N·D rule on \
        tiny models and prices a GPT-3-sized run with it.
        """,
      tables: [
        Self.siteTable(presets.tables[0], title: "Published training runs (presets)"),
        Self.siteTable(check.tables[0], title: "Reality check: the estimate next to the published figure"),
      ],
      plot: SiteImage(file: image, caption: CostCharts.realityCheckCaption(rows), alt: CostCharts.realityCheckAlt(rows)),
      command: command)
  }

  /// The text columns of a cost table, with the cells people read.
  static func siteTable(_ table: CostTable, title: String) -> SiteTable {
    let visible = table.columns.indices.filter { table.columns[$0].inText }
    return SiteTable(
      title: title, columns: visible.map { table.columns[$0].header },
      rows: table.rows.map { row in visible.map { row.cells[$0].humanText } })
  }
}
