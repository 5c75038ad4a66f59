import Foundation
import Plotting

/// The parameters lesson's plots.
enum ParametersFigures {
  static let before = Color(grey: 0.55)
  static let after = Color(hex: 0x0072B2)

  /// Per-tensor histograms of weights before and after training, overlaid, as small multiples.
  static func weightHistograms(panels: [(title: String, before: [Double], after: [Double])], title: String) -> PanelGrid {
    var grid = PanelGrid(columns: 2, title: title)
    for (index, panel) in panels.enumerated() {
      let all = panel.before + panel.after
      let bound = max(abs(all.min() ?? 1), abs(all.max() ?? 1), 1e-3) * 1.02
      var chart = Chart(title: panel.title, xLabel: "value", yLabel: "count")
      let bins = min(60, max(12, all.count / 40))
      chart.add(Histogram(
        values: panel.before, bins: bins, range: AxisLimits(-bound, bound), label: "before training (initial)",
        color: before, opacity: 0.6))
      chart.add(Histogram(
        values: panel.after, bins: bins, range: AxisLimits(-bound, bound), label: "after training", color: after,
        opacity: 0.55))
      chart.legend = index == 0 ? .upperRight : .hidden
      grid.add(chart)
    }
    return grid
  }

  /// Memory for each model at each format, grouped bars on a log axis, with the memory of one
  /// consumer GPU and one data-centre GPU as reference lines.
  static func memory(
    models: [PublishedModelSize], references: [(label: String, gigabytes: Double)]
  ) -> BarChart {
    var chart = BarChart(
      title: "Memory for the weights, and for training with Adam (1 GB = 10⁹ bytes)",
      categories: models.map { $0.name.replacingOccurrences(of: "GPT-2 ", with: "GPT-2\n") },
      yLabel: "gigabytes (log scale)", yScale: .log10)
    let colors = [Color(hex: 0x0072B2), Color(hex: 0x56B4E9), Color(hex: 0x009E73), Color(hex: 0xF0E442), Color(hex: 0xD55E00)]
    for (index, format) in PublishedModelSize.formats.enumerated() {
      chart.add(BarSeries(
        label: index == PublishedModelSize.formats.count - 1 ? "training, Adam mixed precision (16 B/param)" : "\(format.name) weights (\(LessonText.rate(format.bytesPerParameter)) B/param)",
        values: models.map { $0.gigabytes(bytesPerParameter: format.bytesPerParameter) }, color: colors[index % colors.count]))
    }
    for reference in references {
      chart.addHorizontalLine(at: reference.gigabytes, label: reference.label)
    }
    let largest = models.map { $0.gigabytes(bytesPerParameter: 16) }.max() ?? 100
    let smallest = models.map { $0.gigabytes(bytesPerParameter: 0.5) }.min() ?? 0.01
    chart.yLimits = AxisLimits(pow(10, floor(log10(smallest))), pow(10, ceil(log10(largest * 3))))
    chart.legend = .upperLeft
    return chart
  }

  /// Final training and validation MSE against parameter count (log x) for the size sweep.
  static func sweep(_ sweep: SizeSweep, noiseFloor: Double, steps: Int) -> Chart {
    var chart = Chart(
      title: "Under- and over-fitting: \(sweep.train.count) noisy points, \(LessonText.grouped(steps)) Adam steps per model",
      xLabel: "parameters (log scale)", yLabel: "final MSE (log scale)", xScale: .log10, yScale: .log10)
    let counts = sweep.points.map { Double($0.parameterCount) }
    chart.add(LineSeries(
      x: counts, y: sweep.points.map(\.trainMSE), label: "training loss", color: Color(hex: 0x0072B2), width: 2,
      marker: .circle, markerSize: 7))
    chart.add(LineSeries(
      x: counts, y: sweep.points.map(\.validationMSE), label: "validation loss", color: Color(hex: 0xD55E00), width: 2,
      marker: .square, markerSize: 7))
    chart.addHorizontalLine(at: noiseFloor, label: "noise floor σ² = \(LessonText.significant(noiseFloor))")
    if let best = sweep.best {
      chart.annotate(
        "best validation:\n\(LessonText.grouped(best.parameterCount)) parameters (width \(best.width))",
        at: Point(Double(best.parameterCount), best.validationMSE), offset: 10, -60)
    }
    if let first = sweep.points.first {
      chart.annotate("underfitting", at: Point(Double(first.parameterCount), first.validationMSE), offset: 20, 30)
    }
    if let last = sweep.points.last {
      chart.annotate("overfitting", at: Point(Double(last.parameterCount), last.validationMSE), offset: -80, 40)
    }
    chart.legend = .lowerLeft
    return chart
  }

  /// The fitted curves of the smallest, best and largest sweep models against the training points.
  static func sweepFits(_ sweep: SizeSweep) -> PanelGrid {
    var grid = PanelGrid(columns: 3, title: "Too small, about right, too big: the same \(sweep.train.count) points")
    guard let first = sweep.points.first, let best = sweep.best, let last = sweep.points.last else { return grid }
    let truth = sweep.grid.map(NoisyCurve.truth)
    let ys = sweep.train.ys + truth
    let low = (ys.min() ?? -2) - 0.6
    let high = (ys.max() ?? 2) + 0.6
    for (index, (point, name)) in [(first, "underfits"), (best, "best validation"), (last, "overfits")].enumerated() {
      var chart = Chart(
        title: "\(LessonText.grouped(point.parameterCount)) parameters (\(name))", xLabel: "x", yLabel: "y",
        xLimits: AxisLimits(-3, 3), yLimits: AxisLimits(low, high))
      chart.add(LineSeries(x: sweep.grid, y: truth, label: "true curve", color: .ink, width: 1.2, dash: .dashed))
      chart.add(LineSeries(x: sweep.grid, y: point.curve, label: "model", color: Color(hex: 0x009E73), width: 2.2))
      chart.add(ScatterSeries(
        x: sweep.train.xs, y: sweep.train.ys, label: "training points", color: Color(hex: 0xD55E00), size: 7,
        opacity: 1, edgeColor: .white))
      chart.add(Annotation(
        "train \(LessonText.fixed(point.trainMSE, 3))\nvalidation \(LessonText.fixed(point.validationMSE, 3))",
        at: Point(-2.9, high - 0.1), placement: .data(Point(-1.6, high - 0.55)), showsArrow: false))
      chart.legend = index == 0 ? .lowerRight : .hidden
      grid.add(chart)
    }
    return grid
  }
}
