import Plotting

/// The lesson's figures, built from measured values only.
struct PreferenceTuningPlots {
  let outcome: PreferenceExperiment.Outcome
  let bestOfN: Int

  /// 2×2 panels against DPO step for each β: loss, implicit reward margin, preference accuracy,
  /// and the implicit rewards of chosen and rejected replies.
  func training() -> PanelGrid {
    var grid = PanelGrid(columns: 2, title: "DPO training on the rater's pairs (training batches)")
    var loss = Chart(title: "DPO loss", xLabel: "DPO step", yLabel: "loss (nats)")
    var margin = Chart(title: "Implicit reward margin", xLabel: "DPO step", yLabel: "chosen − rejected (nats)")
    var accuracy = Chart(
      title: "Pairs ranked like the rater", xLabel: "DPO step", yLabel: "preference accuracy", yLimits: AxisLimits(0, 1.05))
    var rewards = Chart(
      title: "Implicit rewards: chosen —, rejected - -", xLabel: "DPO step", yLabel: "β·(log π − log π_ref) (nats)")
    rewards.legend = .hidden
    for (index, run) in outcome.runs.enumerated() {
      let steps = run.history.indices.map { Double($0 + 1) }
      let label = "β = \(PreferenceExperiment.number(run.beta))"
      let color = Palette.default[index]
      loss.add(LineSeries(x: steps, y: run.history.map(\.loss), label: label, color: color))
      margin.add(LineSeries(x: steps, y: run.history.map(\.margin), label: label, color: color))
      accuracy.add(LineSeries(x: steps, y: run.history.map(\.accuracy), label: label, color: color))
      rewards.add(LineSeries(x: steps, y: run.history.map(\.chosenReward), label: "chosen, \(label)", color: color))
      rewards.add(LineSeries(x: steps, y: run.history.map(\.rejectedReward), label: "rejected, \(label)", color: color, dash: .dashed))
    }
    loss.addHorizontalLine(at: 0.6931471805599453, label: "ln 2 (no preference)")
    accuracy.addHorizontalLine(at: 0.5, label: "chance")
    rewards.addHorizontalLine(at: 0)
    for chart in [loss, margin, accuracy, rewards] { grid.add(chart) }
    return grid
  }

  /// Trait rate (left) and KL to the reference (right) of each model.
  func rateAndDrift() -> PanelGrid {
    let runs = outcome.runs.sorted { $0.beta > $1.beta }   // least drift first
    let dpoNames = runs.map { "DPO\nβ = \(PreferenceExperiment.number($0.beta))" }
    var grid = PanelGrid(columns: 2)
    var rate = BarChart(
      title: "Replies that open with \"\(ThankingRater.phrase)\"", categories: ["reference", "best-of-\(bestOfN)\nby reward"] + dpoNames,
      yLabel: "share of sampled replies (%)", yLimits: AxisLimits(0, 110))
    rate.add(BarSeries(values: ([outcome.referenceRate, outcome.bestOfNRate] + runs.map(\.traitRate)).map { ($0 * 1000).rounded() / 10 }))
    rate.showsValues = true
    rate.legend = .hidden
    rate.addHorizontalLine(at: min(100 * outcome.referenceRate + 20, 100), label: "claim: reference + 20 points")
    let top = max(runs.map(\.kl).max() ?? 1, 0.1) * 1.25
    var drift = BarChart(
      title: "Drift from the reference", categories: dpoNames, yLabel: "KL(π ‖ π_ref), nats per reply", yLimits: AxisLimits(0, top))
    drift.add(BarSeries(values: runs.map(\.kl), color: Palette.default[1]))
    drift.showsValues = true
    drift.legend = .hidden
    grid.add(rate)
    grid.add(drift)
    return grid
  }

  /// Histograms of the reward model's scores of the reference's replies, by trait.
  func rewardScores() -> Chart {
    var chart = Chart(
      title: "Reward model scores of the reference's replies", xLabel: "reward (Bradley–Terry score)",
      yLabel: "density (share of the group per unit of reward)")
    let all = outcome.rewardsWithTrait + outcome.rewardsWithoutTrait
    let range = AxisLimits((all.min() ?? -1) - 0.1, (all.max() ?? 1) + 0.1)
    chart.add(Histogram(
      values: outcome.rewardsWithoutTrait, bins: 30, range: range, density: true,
      label: "other openings (\(outcome.rewardsWithoutTrait.count) replies)", opacity: 0.6))
    chart.add(Histogram(
      values: outcome.rewardsWithTrait, bins: 30, range: range, density: true,
      label: "opens with \"\(ThankingRater.phrase)\" (\(outcome.rewardsWithTrait.count) replies)", opacity: 0.6))
    return chart
  }
}
