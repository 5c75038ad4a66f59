import CostReports
import Foundation
import WorkbenchFiles
import Lessons
import TrainingCost

/// Builds the site's cost page from the cost library: the presets, the reality check, what the published
/// runs cost with the whole bill, the reality-check chart and the estimator's charts of parallel training.
public enum CostPageBuilder {
  /// The command that reproduces the page's tables and the reality-check chart.
  public static let command = "workbench cost reality-check --plot reality-check.png"
  /// The command that redraws the parallel-training charts (they are drawn with the site).
  public static let chartsCommand = "workbench site --no-run"

  /// Builds the page and writes its charts into `imageFolder` (creating it).
  /// Throws ``SiteError/cannotWrite(path:reason:)`` when the folder or a chart cannot be written.
  public static func make(imageFolder: URL) throws -> CostPage {
    let presets = try PublishedRun.presetsReport()
    let rows = try RealityCheck.rows()
    let check = RealityCheck.report(rows)
    let frontier = try FrontierCost.all()
    let stepTimes = try StepTimeCheck.rows()
    // A chart half-written by a build that was killed leaves its temporary here; this cleans it.
    do { try WritableFolder.prepare(imageFolder) } catch {
      throw SiteError.cannotWrite(path: imageFolder.path, reason: error.reason)
    }
    let image = imageFolder.appendingPathComponent(CostCharts.realityCheckFileName)
    try CostCharts.saveRealityCheck(rows, to: image, command: command, software: workbenchSoftware)
    var figures: [EntryFigure] = []
    for chart in try ParallelismCharts.all() + [CostCharts.stepTimes(stepTimes)] {
      let file = imageFolder.appendingPathComponent(chart.fileName)
      try chart.save(to: file, command: chartsCommand, software: workbenchSoftware)
      figures.append(
        EntryFigure(entry: chart.entry, image: SiteImage(file: file, caption: chart.caption, alt: chart.alt), command: chartsCommand))
    }
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

        \(FrontierCost.summary(frontier))

        A run that size needs thousands of GPUs: `workbench cost memory` counts the memory per GPU of a layout \
        ([ZeRO](zero-sharded-optimizer.md), [activation recomputation](activation-recomputation.md)) and \
        `workbench cost layout` searches [tensor](tensor-parallelism.md), [pipeline](pipeline-parallelism.md) and \
        [data](data-parallelism.md) parallel splits, then prints Megatron-LM or DeepSpeed settings for the best one. \
        Its step-time model is held against measured iteration times below (`workbench cost reality-check --step-times`): \
        the median error is \(HumanNumber.fixed(StepTimeCheck.medianAbsoluteError(stepTimes) * 100, decimals: 1))%, \
        the largest \(HumanNumber.fixed(StepTimeCheck.largestAbsoluteError(stepTimes) * 100, decimals: 1))%.
        """,
      tables: [
        siteTable(presets.tables[0], title: "Published training runs (presets)"),
        siteTable(check.tables[0], title: "Reality check: the estimate next to the published figure"),
        siteTable(FrontierCost.report(frontier).tables[0], title: "What the published runs cost: final run and whole bill"),
        siteTable(StepTimeCheck.report(stepTimes).tables[0], title: "Step time: the estimate next to measured iteration times"),
      ],
      plot: SiteImage(file: image, caption: CostCharts.realityCheckCaption(rows), alt: CostCharts.realityCheckAlt(rows)),
      command: command, entryFigures: figures)
  }

  /// The text columns of a cost table, with the cells people read.
  public static func siteTable(_ table: CostTable, title: String) -> SiteTable {
    let visible = table.columns.indices.filter { table.columns[$0].inText }
    return SiteTable(
      title: title, columns: visible.map { table.columns[$0].header },
      rows: table.rows.map { row in visible.map { row.cells[$0].humanText } })
  }
}
