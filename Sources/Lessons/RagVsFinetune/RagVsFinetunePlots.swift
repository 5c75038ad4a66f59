import Plotting
import TrainingCost

/// The lesson's figures, built from measured values only (and, for the business-scale panel,
/// from the cost model's prices).
struct RagVsFinetunePlots {
  let outcome: RagVsFinetuneExperiment.Outcome
  let pricing: [KnowledgeUpdateRow]

  /// Percent with its interval, for bars.
  static func percent(_ accuracy: AccuracyInterval) -> (Double, ClosedRange<Double>) {
    let (lower, upper) = accuracy.interval
    return (100 * accuracy.value, (100 * lower)...(100 * upper))
  }

  /// Accuracy of each arm on the held-out questions, with 95% intervals.
  func accuracy() -> BarChart {
    var chart = BarChart(
      title: "Held-out questions about \(outcome.facts.facts.count) new facts, answered exactly",
      categories: outcome.arms.map(\.arm.label), yLabel: "exact-match accuracy (%), 95% interval", yLimits: AxisLimits(0, 110))
    let bars = outcome.arms.map { Self.percent($0.accuracy) }
    chart.add(BarSeries(values: bars.map(\.0), color: Palette.default[0], intervals: bars.map(\.1)))
    chart.showsValues = true
    chart.legend = .hidden
    chart.addHorizontalLine(at: 100 * outcome.recall[outcome.topK - 1], label: "retriever recall@\(outcome.topK)")
    return chart
  }

  /// After the change: share of the changed facts answered with the new value and with the old one.
  func afterChange() -> BarChart {
    let rows = outcome.arms + [outcome.retrained]
    let names = outcome.arms.map(\.arm.label) + ["(d) retrained"]
    var chart = BarChart(
      title: "After \(outcome.changed.count) of \(outcome.facts.facts.count) facts changed",
      categories: names, yLabel: "share of the changed facts (%), 95% interval", yLimits: AxisLimits(0, 115))
    let new = rows.map { Self.percent($0.changedAccuracy) }, old = rows.map { Self.percent($0.stale) }
    chart.add(BarSeries(label: "new value (right)", values: new.map(\.0), color: Palette.default[2], intervals: new.map(\.1)))
    chart.add(BarSeries(label: "old value (stale)", values: old.map(\.0), color: Palette.default[3], intervals: old.map(\.1)))
    chart.legend = .upperRight
    return chart
  }

  /// Accuracy against measured FLOPs (training + answering the test questions) and against the
  /// business-scale first-year price; one colour per arm in both panels.
  func cost() -> PanelGrid {
    var grid = PanelGrid(columns: 2)
    var measured = Chart(
      title: "Measured here", xLabel: "counted FLOPs (training + answering)", yLabel: "accuracy (%)",
      xScale: .log10, yLimits: AxisLimits(0, 100))
    var priced = Chart(
      title: "Priced at business scale", xLabel: "first-year dollars (up-front + 12 months)", yLabel: "accuracy here (%)",
      xScale: .log10, yLimits: AxisLimits(0, 100))
    let questions = Double(outcome.facts.facts.count)
    let priceRow: [KnowledgeArm: String] = [.nothing: "nothing", .rag: "RAG", .fineTuneAugmented: "full fine-tune", .lora: "LoRA"]
    for (index, arm) in outcome.arms.enumerated() {
      let color = Palette.default[index]
      let y = 100 * arm.accuracy.value
      let flops = Double(arm.trainingFLOPs) + arm.inferenceFLOPsPerQuestion * questions
      measured.add(ScatterSeries(x: [flops], y: [y], label: arm.arm.name, color: color, size: 10))
      if let name = priceRow[arm.arm], let row = pricing.first(where: { $0.name == name }) {
        let dollars = row.upFrontDollars + 12 * row.monthlyDollars
        priced.add(ScatterSeries(x: [dollars], y: [y], label: "\(arm.arm.name.prefix(4))\(name)", color: color, size: 10))
      }
    }
    measured.legend = .upperRight
    priced.legend = .lowerRight
    grid.add(measured)
    grid.add(priced)
    return grid
  }

  /// Cumulative business-scale cost of each option over 12 months of monthly fact updates.
  func businessCost() -> Chart {
    var chart = Chart(
      title: "7B model, 10,000 documents, 1M questions a month",
      xLabel: "month", yLabel: "cumulative cost (dollars)", yScale: .log10)
    for (index, row) in pricing.enumerated() {
      let months = (1...12).map(Double.init)
      let totals = months.map { row.upFrontDollars + $0 * row.monthlyDollars }
      chart.add(LineSeries(x: months, y: totals, label: row.name, color: Palette.default[index], marker: .circle))
    }
    chart.legend = .lowerRight
    return chart
  }
}
