import Plotting

/// The training-loop lesson's plots.
enum TrainingLoopFigures {
  /// Colours of the three runs: too small, good, too large.
  static let colors = [Color(hex: 0x0072B2), Color(hex: 0x009E73), Color(hex: 0xD55E00)]

  /// Loss against step for every run on a log axis, as two panels: the first few steps (where a
  /// diverging run blows up) and the whole run; the noise floor (≈ σ²) is a dashed line and the
  /// divergence is annotated.
  static func lossCurves(
    runs: [LearningRateRun], noiseFloor: Double, sigmaSquared: Double, settings: TrainingLoopSettings
  ) -> PanelGrid {
    var grid = PanelGrid(columns: 2, title: "Training loss (MSE) for three learning rates, Adam, full batch")
    for zoomed in [true, false] {
      let lastStep = zoomed ? min(settings.zoomSteps, settings.steps) : settings.steps
      var chart = Chart(
        title: zoomed ? "First \(lastStep) steps" : "All \(LessonText.grouped(settings.steps)) steps",
        xLabel: "step (updates applied)", yLabel: "training MSE (log scale)", yScale: .log10)
      chart.xLimits = AxisLimits(0, Double(max(lastStep, 1)))
      for (index, run) in runs.enumerated() {
        let count = min(run.losses.count, lastStep + 1)
        let steps = (0..<count).map(Double.init)
        let losses = Array(run.losses.prefix(count)).map { $0.isFinite ? $0 : .nan }
        chart.add(LineSeries(
          x: steps, y: losses, label: run.label, color: colors[index % colors.count], width: 2,
          marker: zoomed ? .circle : nil))
        if let step = run.divergedAt, step <= lastStep {
          let value = run.losses[step].isFinite ? run.losses[step] : run.losses[max(step - 1, 0)]
          chart.add(ScatterSeries(
            x: [Double(step)], y: [value], color: colors[index % colors.count], marker: .cross, size: 12, opacity: 1))
          chart.annotate(
            "diverged at step \(step)\n(loss > \(LessonText.rate(settings.divergenceFactor))× its start)",
            at: Point(Double(step), value), offset: zoomed ? 40 : 70, zoomed ? -30 : -12)
        }
      }
      chart.add(LineSeries(
        x: [0, Double(max(lastStep, 1))], y: [noiseFloor, noiseFloor],
        label: "noise floor \(LessonText.fixed(noiseFloor, 4)) (σ² = \(LessonText.significant(sigmaSquared)))",
        color: Color(hex: 0x555555), width: 1.2, dash: .dashed))
      chart.legend = zoomed ? .hidden : .best
      grid.add(chart)
    }
    return grid
  }

  /// The good run's fitted curve against the data at several steps (small multiples).
  static func fits(run: LearningRateRun, data: NoisyCurve, grid xs: [Double]) -> PanelGrid {
    var panels = PanelGrid(
      columns: 3,
      title: "Model (green) vs data (grey) and true curve (dashed), lr \(LessonText.rate(run.learningRate))")
    let truth = xs.map(NoisyCurve.truth)
    let low = (data.ys + truth).min() ?? -1
    let high = (data.ys + truth).max() ?? 1
    let margin = 0.08 * (high - low)
    for snapshot in run.snapshots {
      var chart = Chart(
        title: "step \(LessonText.grouped(snapshot.step)): MSE \(LessonText.fixed(snapshot.loss, 4))", xLabel: "x",
        yLabel: "y", xLimits: AxisLimits(xs.first ?? -3, xs.last ?? 3), yLimits: AxisLimits(low - margin, high + margin))
      chart.add(ScatterSeries(
        x: data.xs, y: data.ys, label: "data (noisy)", color: Color(grey: 0.55), size: 3.5, opacity: 0.55))
      chart.add(LineSeries(x: xs, y: truth, label: "true curve", color: .ink, width: 1.2, dash: .dashed))
      chart.add(LineSeries(x: xs, y: snapshot.curve, label: "model", color: colors[1], width: 2.2))
      chart.legend = .hidden
      panels.add(chart)
    }
    return panels
  }

  /// One frame of the fitted-curve film: every run's model curve after `step` updates (a run that has
  /// diverged by then is left out and its legend says when), over the data and the true curve.
  static func fitFrame(runs: [LearningRateRun], step: Int, data: NoisyCurve, grid xs: [Double]) -> Chart {
    let truth = xs.map(NoisyCurve.truth)
    let low = (data.ys + truth).min() ?? -1
    let high = (data.ys + truth).max() ?? 1
    let margin = 0.08 * (high - low)
    var chart = Chart(
      title: "The model after \(LessonText.grouped(step)) steps, three learning rates", xLabel: "x", yLabel: "y",
      // Room below the data for the five-line legend, so it covers no point or curve.
      xLimits: AxisLimits(xs.first ?? -3, xs.last ?? 3), yLimits: AxisLimits(low - 9 * margin, high + margin))
    chart.add(ScatterSeries(x: data.xs, y: data.ys, label: "data (noisy)", color: Color(grey: 0.55), size: 3, opacity: 0.5))
    chart.add(LineSeries(x: xs, y: truth, label: "true curve", color: .ink, width: 1.2, dash: .dashed))
    for (index, run) in runs.enumerated() {
      if let snapshot = run.filmSnapshots.last(where: { $0.step == step }), snapshot.loss.isFinite,
        run.divergedAt.map({ step < $0 }) ?? true
      {
        let curve = snapshot.curve.map { min(max($0, low - 4 * margin), high + 4 * margin) }
        chart.add(LineSeries(
          x: xs, y: curve, label: "\(run.label): MSE \(LessonText.significant(snapshot.loss, 3))",
          color: colors[index % colors.count], width: 2.2))
      } else if let diverged = run.divergedAt {
        chart.add(LineSeries(
          x: [], y: [], label: "\(run.label): diverged at step \(diverged)", color: colors[index % colors.count],
          width: 2.2, dash: .dashed))
      }
    }
    chart.legend = .lowerRight
    return chart
  }

  /// The scrubber label of the film frame at `step`: the step and each run's training MSE.
  static func filmLabel(runs: [LearningRateRun], step: Int) -> String {
    let losses = runs.map { run -> String in
      if let snapshot = run.filmSnapshots.last(where: { $0.step == step }), run.divergedAt.map({ step < $0 }) ?? true {
        return "\(run.role) \(LessonText.significant(snapshot.loss, 3))"
      }
      return "\(run.role) diverged"
    }
    return "step \(LessonText.grouped(step)) · MSE " + losses.joined(separator: ", ")
  }

  // MARK: Captions and alt texts (the words beside each figure)

  /// Caption of `loss-curves.png`: a run stops when its loss exceeds `divergenceFactor` × its start; the left
  /// panel shows the first `zoomSteps` steps.
  static func lossCurvesCaption(divergenceFactor: String, zoomSteps: Int) -> String {
    "Training MSE against step on a log scale for a learning rate that is too small (creeps down), a good one (drops to the noise floor, dashed: the MSE of the noiseless curve on these points, ≈ σ²) and one that is too large (blows up; the run stops when the loss exceeds \(divergenceFactor)× its start). Left: the first \(zoomSteps) steps; right: the whole run."
  }
  /// Alt text of `loss-curves.png`.
  static let lossCurvesAlt =
    "Two log-scale line charts of training loss against step for three learning rates; the largest rate's loss jumps up within a few steps and is marked as diverged, the good rate's loss falls to the dashed noise-floor line, the smallest rate's loss falls slowly and stays well above it."
  /// Caption of `fits.png`.
  static let fitsCaption =
    "The good run's model (green) against the noisy data (grey) and the true curve (dashed) after 0, 10, 50, … updates: the flat initial guess bends into the sine-plus-slope shape, and stops improving once only noise is left."
  /// Alt text of `fits.png`.
  static let fitsAlt =
    "Small multiples of a scatter of noisy points with a dashed true curve and the model's curve at increasing steps; the model goes from nearly flat to following the true curve closely."
  /// Caption of `fits-film.png`.
  static let fitsFilmCaption =
    "All three runs of this lesson, recorded while they trained: the good rate's curve (green) bends onto the true curve within a few hundred steps, the too-small rate's (blue) barely moves from its flat start, and the too-large rate's (orange) is gone after it diverges."
  /// Alt text of `fits-film.png`.
  static let fitsFilmAlt =
    "An animation of noisy grey points around a dashed sine-like curve; a green model curve bends onto it, a blue one stays nearly flat, and an orange one disappears early with a note that it diverged."
}
