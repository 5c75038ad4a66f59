import Foundation
import Plotting

/// The parameters lesson's plots.
enum ParametersFigures {
  static let before = Color(grey: 0.55)
  static let after = Color(hex: 0x0072B2)

  /// Per-tensor histograms of weights before and after training, overlaid, as small multiples.
  static func weightHistograms(panels: [(title: String, before: [Double], after: [Double])], title: String) -> PanelGrid {
    var grid = PanelGrid(columns: 2, title: title)
    for panel in panels {
      let all = panel.before + panel.after
      let bound = max(abs(all.min() ?? 1), abs(all.max() ?? 1), 1e-3) * 1.02
      var chart = Chart(title: panel.title, xLabel: "value", yLabel: "count")
      let bins = min(61, max(13, all.count / 40)) | 1  // odd, so that 0 sits in the middle of a bin
      chart.add(Histogram(
        values: panel.before, bins: bins, range: AxisLimits(-bound, bound), label: "before training (initial)",
        color: before, opacity: 0.6))
      chart.add(Histogram(
        values: panel.after, bins: bins, range: AxisLimits(-bound, bound), label: "after training", color: after,
        opacity: 0.55))
      chart.legend = .hidden  // the grid's title names the colours
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
        label: index == PublishedModelSize.formats.count - 1
          ? "Adam training (16 B/param)" : "\(format.name) weights (\(LessonText.rate(format.bytesPerParameter)) B/param)",
        values: models.map { $0.gigabytes(bytesPerParameter: format.bytesPerParameter) }, color: colors[index % colors.count]))
    }
    // Reference lines, labelled over the middle group (whose bars stay below them) so that the
    // labels clear both the legend and the tallest bars.
    let middle = Double(models.count - 1) / 2
    for reference in references {
      chart.addHorizontalLine(at: reference.gigabytes)
      chart.add(Annotation(
        reference.label, at: Point(middle, reference.gigabytes),
        placement: .data(Point(middle, reference.gigabytes * 1.45)), showsArrow: false, color: Color(hex: 0x444444)))
    }
    let largest = models.map { $0.gigabytes(bytesPerParameter: 16) }.max() ?? 100
    let smallest = models.map { $0.gigabytes(bytesPerParameter: 0.5) }.min() ?? 0.01
    // Headroom above the tallest bar holds the legend.
    chart.yLimits = AxisLimits(pow(10, floor(log10(smallest))), largest * 50)
    chart.legend = .upperLeft
    return chart
  }

  /// Final training and validation MSE against parameter count (log x) for the size sweep.
  static func sweep(_ sweep: PolynomialSizeSweep, sigmaSquared: Double) -> Chart {
    var chart = Chart(
      title: "Under- and over-fitting: polynomials fitted to \(sweep.train.count) noisy points",
      xLabel: "parameters (polynomial degree + 1, log scale)", yLabel: "final MSE (log scale)", xScale: .log10,
      yScale: .log10)
    let counts = sweep.points.map { Double($0.parameterCount) }
    chart.add(LineSeries(
      x: counts, y: sweep.points.map(\.trainMSE), label: "training loss", color: Color(hex: 0x0072B2), width: 2,
      marker: .circle, markerSize: 7))
    chart.add(LineSeries(
      x: counts, y: sweep.points.map(\.validationMSE), label: "validation loss", color: Color(hex: 0xD55E00), width: 2,
      marker: .square, markerSize: 7))
    chart.add(LineSeries(
      x: [counts.first ?? 1, counts.last ?? 2], y: [sigmaSquared, sigmaSquared],
      label: "noise σ² = \(LessonText.significant(sigmaSquared))", color: Color(hex: 0x555555), width: 1.2, dash: .dashed))
    if let best = sweep.best {
      chart.annotate(
        "best validation:\n\(best.parameterCount) parameters",
        at: Point(Double(best.parameterCount), best.validationMSE), offset: -20, -60)
    }
    if let first = sweep.points.first {
      chart.annotate("underfitting", at: Point(Double(first.parameterCount), first.validationMSE), offset: 25, 35)
    }
    if let last = sweep.points.last {
      chart.annotate("overfitting", at: Point(Double(last.parameterCount), last.validationMSE), offset: -90, 10)
    }
    chart.legend = .lowerLeft
    return chart
  }

  /// The fitted curves of a straight line, the best and the largest sweep models against the training points.
  static func sweepFits(_ sweep: PolynomialSizeSweep) -> PanelGrid {
    var grid = PanelGrid(
      columns: 3, title: "Too simple, about right, too flexible: the same \(sweep.train.count) points (orange), true curve dashed")
    let line = sweep.points.first { $0.degree == 1 } ?? sweep.points.first
    guard let line, let best = sweep.best, let last = sweep.points.last else { return grid }
    let truth = sweep.grid.map(NoisyCurve.truth)
    let ys = sweep.train.ys + truth
    let low = (ys.min() ?? -2) - 1.6  // room under the data for the losses
    let high = (ys.max() ?? 2) + 0.8
    for (point, name) in [(line, "underfits"), (best, "best"), (last, "overfits")] {
      var chart = Chart(
        title: "\(point.parameterCount) parameter\(point.parameterCount == 1 ? "" : "s"): \(name)",
        xLabel: "x", yLabel: "y", xLimits: AxisLimits(-3, 3), yLimits: AxisLimits(low, high))
      chart.add(LineSeries(x: sweep.grid, y: truth, label: "true curve", color: .ink, width: 1.2, dash: .dashed))
      chart.add(LineSeries(x: sweep.grid, y: point.curve, label: "model", color: Color(hex: 0x009E73), width: 2.2))
      chart.add(ScatterSeries(
        x: sweep.train.xs, y: sweep.train.ys, label: "training points", color: Color(hex: 0xD55E00), size: 7,
        opacity: 1, edgeColor: .white))
      chart.add(Annotation(
        "train MSE \(LessonText.significant(point.trainMSE, 3))\nvalidation MSE \(LessonText.significant(point.validationMSE, 3))",
        at: Point(0, low), placement: .data(Point(0, low + 0.55)), showsArrow: false))
      chart.legend = .hidden
      grid.add(chart)
    }
    return grid
  }

  // MARK: Captions and alt texts (the words beside each figure)

  /// Caption of `memory.png`.
  static let memoryCaption =
    "Gigabytes (10⁹ bytes) to hold each model's weights at fp32, bf16, int8 and int4, and to train it fully with Adam in mixed precision (16 bytes per parameter, before activations), on a log scale. Dashed lines: the memory of one consumer GPU and one data-centre GPU."
  /// Alt text of `memory.png`.
  static let memoryAlt =
    "Grouped bar chart on a log scale: for GPT-2 small, medium, large, XL and Llama 2 7B, five bars each for fp32, bf16, int8, int4 and Adam training memory, with dashed lines at 24 and 80 GB."

  /// Caption of `weight-histograms.png`, after `steps` Adam steps.
  static func weightHistogramsCaption(steps: Int) -> String {
    "One panel per weight matrix, and one for all biases: the initial values (grey; weights drawn from N(0, 1/inputs), biases 0) and the values after \(steps) Adam steps (blue). Training spreads the distributions; the biases leave zero."
  }
  /// Alt text of `weight-histograms.png`.
  static let weightHistogramsAlt =
    "Four histograms comparing parameter values before and after training; the after-training distributions are wider, and the biases go from a single spike at zero to a spread."

  /// Caption of `size-sweep.png`: polynomials of the degrees in `degrees` fitted to `trainCount` points.
  static func sweepCaption(degrees: ClosedRange<Int>, trainCount: Int) -> String {
    "Polynomials of degree \(degrees.lowerBound)–\(degrees.upperBound) (1–\(degrees.upperBound + 1) parameters), each fitted to the minimum of its training loss on the same \(trainCount) noisy points. Training loss keeps falling as parameters are added; validation loss falls while the model learns the curve, is lowest at a moderate size, and climbs once the extra parameters are spent memorising the noise."
  }
  /// Alt text of `size-sweep.png`.
  static let sweepAlt =
    "Line chart on log-log axes: training loss falls steadily with parameter count; validation loss falls, reaches a minimum at a moderate size, then rises steeply; the best size is annotated."

  /// Caption of `size-sweep-fits.png`.
  static let sweepFitsCaption =
    "A straight line (left) is too simple to follow the curve; the best-validation model (middle) follows the true curve; the largest (right) bends to pass near every noisy training point and swings wildly between them, which is what raises its validation loss."
  /// Alt text of `size-sweep-fits.png`.
  static let sweepFitsAlt =
    "Three panels with the same orange training points and dashed true curve: a straight line, a smooth curve close to the truth, and a wiggly curve through the points."
}
