import Foundation
import Plotting
import TrainingCost

/// Charts of the cost model (`workbench cost`), drawn from `TrainingCost` with `Plotting`.
public enum CostCharts {
  /// The file name the reality-check chart is saved under by default.
  public static let realityCheckFileName = "reality-check.png"
  /// Pixel size of the reality-check chart.
  public static let realityCheckSize = (width: 1600, height: 800)

  /// Published against estimated figures for every row of ``RealityCheck/rows(runs:catalogue:defaultMFU:)``:
  /// training FLOPs in one panel and GPU-hours in the other, as pairs of bars on log axes, each
  /// category labelled with its estimate/published ratio.
  public static func realityCheck(_ rows: [RealityCheckRow]) -> PanelGrid {
    var grid = PanelGrid(
      columns: 2, title: "The cost model against published training runs (bars: published vs estimated; ×: estimate / published)")
    let panels: [(RealityCheckRow.Metric, String, String)] = [
      (.flops, "Training compute", "FLOPs (log scale)"),
      (.gpuHours, "Accelerator-hours", "GPU-hours (log scale)"),
    ]
    for (metric, title, axis) in panels {
      let mine = rows.filter { $0.metric == metric }
      guard !mine.isEmpty else { continue }
      var chart = BarChart(
        title: title, categories: mine.map { "\($0.run.id)\n×\(ratio($0.ratio))" }, yLabel: axis, yScale: .log10)
      chart.add(BarSeries(label: "published", values: mine.map(\.published), color: Palette.default[0]))
      chart.add(
        BarSeries(
          label: metric == .flops ? "estimate 6·N·D" : "estimate 6·N·D / (peak × MFU)", values: mine.map(\.estimate),
          color: Palette.default[1]))
      chart.showsValues = true
      chart.legend = .upperLeft
      let values = mine.flatMap { [$0.published, $0.estimate] }
      if let low = values.min(), let high = values.max() {
        chart.yLimits = AxisLimits(low / 10, high * 20)
      }
      grid.add(chart)
    }
    grid.columns = max(1, grid.count)
    return grid
  }

  /// A caption for ``realityCheck(_:)`` that states how many estimates land within 2× of the published figure.
  public static func realityCheckCaption(_ rows: [RealityCheckRow]) -> String {
    let within = rows.filter(\.isWithinFactorOfTwo).count
    return "Published training compute and GPU-hours next to the cost model's estimate from each run's parameters, tokens "
      + "and hardware (C = 6·N·D; GPU-hours = C / (dense peak × MFU)). \(within) of \(rows.count) estimates are within a "
      + "factor of two of the published figure; the ratio under each name is estimate / published."
  }

  /// Alternative text for ``realityCheck(_:)``.
  public static func realityCheckAlt(_ rows: [RealityCheckRow]) -> String {
    "Two bar charts on log axes. "
      + rows.map { "\($0.run.name) \($0.metric.rawValue): estimate \(ratio($0.ratio)) times the published figure" }
      .joined(separator: "; ") + "."
  }

  static func ratio(_ value: Double) -> String { HumanNumber.fixed(value, decimals: 2) }
}

extension CostCharts {
  /// Renders ``realityCheck(_:)`` for `rows` and writes it to `url` atomically, with `command` as
  /// the PNG's `Source` (the command that redraws it).
  /// `software` names the program in the PNG's metadata.
  public static func saveRealityCheck(_ rows: [RealityCheckRow], to url: URL, command: String, software: String) throws {
    try realityCheck(rows).save(
      to: url, metadata: PNGMetadata(title: "The cost model against published training runs", software: software, source: command),
      width: realityCheckSize.width, height: realityCheckSize.height)
  }
}
