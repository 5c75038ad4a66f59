import Foundation
import Plotting
import TrainingCost

extension CostCharts {
  /// The step-time check as a chart for the cost page: for every measured step of
  /// ``StepTimeCheck/rows(_:catalogue:assumptions:)`` (Korthikanti et al. 2022, Table 5; Narayanan et al.
  /// 2021, Table 1), the published seconds per iteration beside the estimate, on a log axis, each
  /// category labelled with its error.
  public static func stepTimes(_ rows: [StepTimeCheckRow], assumptions: LayoutAssumptions = LayoutAssumptions()) -> EstimatorChart {
    let median = StepTimeCheck.medianAbsoluteError(rows), largest = StepTimeCheck.largestAbsoluteError(rows)
    let caption = "Seconds per training step as published and as the step-time model estimates them for the same model, "
      + "layout, batch and A100 80GB GPUs: Korthikanti et al. 2022, Table 5 (full recomputation against sequence parallelism "
      + "with selective recomputation) and Narayanan et al. 2021, Table 1 (seconds implied by the published teraFLOP/s). "
      + "Median absolute error \(HumanNumber.fixed(median * 100, decimals: 1))%, largest \(HumanNumber.fixed(largest * 100, decimals: 1))%, "
      + "with one kernel efficiency (\(HumanNumber.compact(assumptions.kernelEfficiency * 100))% of peak) for every row."
    let alt = "Pairs of bars on a log axis. " + rows.map {
      "\($0.measurement.id): published \(HumanNumber.fixed($0.measurement.publishedSeconds, decimals: 2)) s, "
        + "estimate \(HumanNumber.fixed($0.estimatedSeconds, decimals: 2)) s (\(signedPercent($0.error)))"
    }.joined(separator: "; ") + "."
    return EstimatorChart(
      entry: "activation-recomputation", fileName: "step-times.png", title: "Step time: estimate against measurement",
      caption: caption, alt: alt
    ) { url, metadata in
      var chart = BarChart(
        title: "Seconds per step: published vs estimated",
        categories: rows.map { "\($0.measurement.id)\n\(signedPercent($0.error))" }, yLabel: "seconds per step (log scale)", yScale: .log10)
      chart.add(BarSeries(label: "published", values: rows.map(\.measurement.publishedSeconds), color: Palette.default[0]))
      chart.add(BarSeries(label: "estimate", values: rows.map(\.estimatedSeconds), color: Palette.default[1]))
      chart.legend = .upperLeft
      let values = rows.flatMap { [$0.measurement.publishedSeconds, $0.estimatedSeconds] }
      if let low = values.min(), let high = values.max() { chart.yLimits = AxisLimits(low / 2, high * 10) }
      try chart.save(to: url, metadata: metadata, width: realityCheckSize.width, height: ParallelismCharts.size.height)
    }
  }

  /// An error as a signed whole percentage: `+12%`, `-4%`.
  @Sendable static func signedPercent(_ value: Double) -> String {
    (value >= 0 ? "+" : "") + HumanNumber.fixed(value * 100, decimals: 0) + "%"
  }
}
