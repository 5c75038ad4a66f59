import Foundation
import Plotting
import TrainingCost

/// The scaling lesson's figures, built from measured runs and the fitted law.
enum ScalingCharts {
  /// A compute-optimal point of the fitted law to mark on the frontier.
  struct OptimalPoint {
    let flops: Double
    let parameters: Double
    let tokens: Double
    let loss: Double
  }

  /// Loss against compute C = 6·N·D on log–log axes: one line per model size (its token budgets),
  /// the measured frontier (best run per band of compute) with its power law L = E + k·C^−γ, the fitted
  /// law's frontier min_N L̂(N, C/6N) dashed, and its compute-optimal points marked.
  static func lossVersusCompute(
    runs: [ScalingRun], models: [ScalingModelSize], fit: ScalingLawFit, law: ParametricLoss?, optimal: [OptimalPoint],
    frontier: [FrontierBand], power: (exponent: Double, intercept: Double, rSquared: Double)?
  ) -> Chart {
    let losses = runs.map(\.validationLoss)
    var chart = Chart(
      title: "Validation loss vs training compute", xLabel: "training compute C = 6·N·D (FLOPs)",
      yLabel: "validation loss (nats per character)", xScale: .log10, yScale: .log10,
      yLimits: AxisLimits((losses.min() ?? 1) * 0.3, (losses.max() ?? 2) * 1.04))
    for (index, model) in models.enumerated() {
      let mine = runs.filter { $0.model == model }.sorted { $0.tokens < $1.tokens }
      guard let first = mine.first else { continue }
      chart.add(
        LineSeries(
          x: mine.map(\.flops), y: mine.map(\.validationLoss),
          label: "\(model.name) (N = \(HumanNumber.compact(Double(first.parameters))))", color: Palette.default[index],
          marker: .circle, markerSize: 7))
    }
    let low = (runs.map(\.flops).min() ?? 1) / 1.5, high = (runs.map(\.flops).max() ?? 2) * 1.5
    let xs = (0...60).map { low * Foundation.pow(high / low, Double($0) / 60) }
    if let power {
      chart.add(
        LineSeries(
          x: xs, y: xs.map { fit.irreducibleLoss + Foundation.exp(power.intercept - power.exponent * Foundation.log($0)) },
          label: "power law: L − E ∝ C^−\(String(format: "%.3f", power.exponent)), R² = \(String(format: "%.3f", power.rSquared))",
          color: Color(hex: 0x777777), width: 2, dash: .dotted))
    }
    chart.add(
      ScatterSeries(
        x: frontier.map(\.flops), y: frontier.map(\.best), label: "measured frontier (best per ×4 of C)",
        color: .ink, marker: .square, size: 13, opacity: 0, edgeColor: .ink))
    if let law {
      let ys = xs.map { c -> Double in
        let (n, d) = law.computeOptimal(flops: c)
        return fit.loss(parameters: n, tokens: d)
      }
      chart.add(
        LineSeries(x: xs, y: ys, label: "fitted law: min over N of L(N, C/6N)", color: .ink, width: 2, dash: .dashed))
      chart.add(
        ScatterSeries(
          x: optimal.map(\.flops), y: optimal.map(\.loss), label: "compute-optimal points of the fit", color: .ink,
          marker: .diamond, size: 11, opacity: 1, edgeColor: .white))
      if let point = optimal.last {
        let text = "fit's optimum at \(HumanNumber.scientific(point.flops)) FLOPs:\n"
          + "N = \(HumanNumber.compact(point.parameters)), D = \(HumanNumber.compact(point.tokens)),\n"
          + "\(HumanNumber.compact(point.tokens / point.parameters)) tokens per parameter"
        chart.annotate(text, at: Point(point.flops, point.loss), textAt: Point(point.flops / 3, (losses.max() ?? 3) * 0.88))
      }
    }
    chart.legend = .lowerLeft
    return chart
  }

  /// Two panels: loss against N for each token budget with the fitted curves, and measured
  /// against fitted loss with the line y = x.
  static func fitQuality(runs: [ScalingRun], budgets: [Int], fit: ScalingLawFit) -> PanelGrid {
    var grid = PanelGrid(
      columns: 2,
      title: "Fitted L(N, D) = E + A/N^α + B/D^β: R² = \(String(format: "%.3f", fit.rSquared)), "
        + "mean |residual| = \(String(format: "%.3f", fit.meanAbsoluteResidual)) nats")
    let losses = runs.map(\.validationLoss)
    var byN = Chart(
      title: "Loss vs parameters per token budget", xLabel: "parameters N (incl. tied output head)",
      yLabel: "validation loss (nats per character)", xScale: .log10, yScale: .log10,
      yLimits: AxisLimits((losses.min() ?? 1) * 0.75, (losses.max() ?? 2) * 1.03))
    let nLow = Double(runs.map(\.parameters).min() ?? 1) / 1.3, nHigh = Double(runs.map(\.parameters).max() ?? 2) * 1.3
    let ns = (0...40).map { nLow * Foundation.pow(nHigh / nLow, Double($0) / 40) }
    for (index, budget) in budgets.enumerated() {
      let mine = runs.filter { $0.tokens == budget }.sorted { $0.parameters < $1.parameters }
      let color = Palette.default[index]
      byN.add(
        ScatterSeries(
          x: mine.map { Double($0.parameters) }, y: mine.map(\.validationLoss),
          label: "D = \(HumanNumber.compact(Double(budget))) tokens", color: color, size: 8, opacity: 1))
      byN.add(LineSeries(x: ns, y: ns.map { fit.loss(parameters: $0, tokens: Double(budget)) }, color: color, dash: .dashed))
    }
    byN.legend = .lowerLeft
    grid.add(byN)

    let measured = runs.map(\.validationLoss)
    let fitted = runs.map { fit.loss(parameters: Double($0.parameters), tokens: Double($0.tokens)) }
    let low = min(measured.min() ?? 1, fitted.min() ?? 1) * 0.97, high = max(measured.max() ?? 2, fitted.max() ?? 2) * 1.03
    var parity = Chart(
      title: "Measured vs fitted loss", xLabel: "fitted loss (nats)", yLabel: "measured loss (nats)",
      xLimits: AxisLimits(low, high), yLimits: AxisLimits(low, high))
    parity.add(LineSeries(x: [low, high], y: [low, high], label: "y = x (perfect fit)", color: Color(hex: 0x777777), dash: .dashed))
    parity.add(ScatterSeries(x: fitted, y: measured, label: "one run", color: Palette.default[0], size: 8, opacity: 0.9))
    parity.legend = .lowerRight
    if let worst = runs.indices.max(by: { abs(measured[$0] - fitted[$0]) < abs(measured[$1] - fitted[$1]) }) {
      let run = runs[worst]
      parity.annotate(
        "largest miss: \(run.model.name), D = \(HumanNumber.compact(Double(run.tokens)))",
        at: Point(fitted[worst], measured[worst]), offset: -260, 10)
      // The label sits beside its run; a run in the lower half sends the legend to the upper left,
      // the empty corner above the diagonal.
      if measured[worst] < (low + high) / 2 { parity.legend = .upperLeft }
    }
    grid.add(parity)
    return grid
  }

  // MARK: Captions and alt texts (the words beside each figure)

  /// Caption of `loss-vs-compute.png`, each model trained for `budgets` token budgets.
  static func lossVersusComputeCaption(budgets: Int) -> String {
    "Each coloured line is one model size trained for \(budgets) token budgets. Open squares: the "
      + "measured compute frontier (the best run in each factor-of-4 band of compute), with the dotted power law fitted "
      + "through it. Dashed: the frontier the fitted L(N, D) predicts, with its compute-optimal points (diamonds)."
  }
  /// Alt text of `loss-vs-compute.png`.
  static let lossVersusComputeAlt =
    "Log-log plot of validation loss against training FLOPs: each model size traces a falling line; the best runs "
    + "per band of compute fall along a straight dotted line, and the fitted law's dashed frontier runs below them."

  /// Caption of `fit-quality.png`.
  static let fitQualityCaption =
    "Left: measured loss (dots) and the fitted law (dashed) against model size, one colour per token budget. "
    + "Right: every run's measured loss against the fitted one; points on the diagonal are fitted exactly."
  /// Alt text of `fit-quality.png`.
  static let fitQualityAlt =
    "Two panels. Left: loss falls with parameters for each token budget, larger budgets lower. "
    + "Right: measured against fitted loss, points close to the diagonal line."
}
