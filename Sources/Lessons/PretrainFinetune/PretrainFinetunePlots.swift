import Plotting

/// The four figures of the `pretrain-finetune` lesson, drawn from measured curves only.
enum PretrainFinetunePlots {
  /// Pixel size of the two-panel figures (a 1000×450 figure at 2× scale); the others are 1200×800.
  static let panelSize = (width: 2000, height: 900)
  static let pretrainColor = Color(grey: 0.45)
  static let fullColor = Palette.default[0]
  static let scratchColor = Palette.default[1]
  static let loraColor = Palette.default[2]
  static let continuedColor = Palette.default[4]
  static let lossLabel = "validation cross-entropy (nats per character)"

  /// Limits that show every value of `curves` with a little room above and below.
  static func limits(_ curves: [[Double]], headroom: Double = 0.08) -> AxisLimits {
    let values = curves.flatMap { $0 }.filter(\.isFinite)
    let low = values.min() ?? 0, high = values.max() ?? 1
    let pad = max(0.05, headroom * (high - low))
    return AxisLimits(max(0, low - pad), high + pad)
  }

  /// Two panels on one loss scale: (a) pre-training, with its loss on the general text it trains on
  /// and on the domain text it never sees; then (b), (c), (d), the same domain steps from the
  /// checkpoint (full, LoRA) and from random weights.
  ///
  /// For a film frame, `pretrainPoints` and `finetunePoints` keep only the first points of each measured curve
  /// (the axes stay those of the whole run), so the curves draw themselves point by point.
  static func domainLoss(
    _ outcome: PretrainFinetuneOutcome, pretrainPoints: Int? = nil, finetunePoints: Int? = nil
  ) -> PanelGrid {
    let isFrame = pretrainPoints != nil || finetunePoints != nil
    func cut(_ values: [Double], _ count: Int?) -> [Double] { count.map { Array(values.prefix($0)) } ?? values }
    let names = PretrainFinetuneExperiment.SplitName.self
    let runs: [(LanguageModelTrainingRun.Log, String, Color)] = [
      (outcome.fullFinetune, "(b) full fine-tune of the checkpoint", fullColor),
      (outcome.lora, "(d) LoRA r=\(outcome.settings.loraRank), checkpoint frozen", loraColor),
      (outcome.scratch, "(c) from scratch (random weights)", scratchColor),
    ]
    let pretrainCurves = [outcome.pretrain.curve(names.general), outcome.pretrain.curve(names.domain)]
    let shared = limits(pretrainCurves + runs.map { $0.0.curve(names.domain) } + [[outcome.uniformLoss]])

    var grid = PanelGrid(columns: 2, title: "Support-desk validation loss: start from a pre-trained model, or from scratch?")
    var left = Chart(title: "(a) pre-training on general text", xLabel: "pre-training step", yLabel: lossLabel)
    let pretrainSteps = cut(outcome.pretrain.evaluationSteps.map(Double.init), pretrainPoints)
    left.add(LineSeries(
      x: pretrainSteps, y: cut(pretrainCurves[0], pretrainPoints), label: "general text (trained on)", color: pretrainColor,
      width: 2))
    left.add(LineSeries(
      x: pretrainSteps, y: cut(pretrainCurves[1], pretrainPoints), label: "support-desk text (never seen)",
      color: pretrainColor, width: 2, dash: .dashed))
    if isFrame { left.xLimits = AxisLimits(0, Double(max(outcome.pretrain.evaluationSteps.last ?? 1, 1))) }
    left.addHorizontalLine(at: outcome.uniformLoss, label: "uniform guess ln V")
    left.yLimits = shared
    left.legend = .best
    grid.add(left)

    var right = Chart(
      title: "(b)-(d) then \(outcome.settings.finetuneSteps) steps on support tickets", xLabel: "fine-tuning step", yLabel: lossLabel)
    for (log, label, color) in runs {
      right.add(LineSeries(
        x: cut(log.evaluationSteps.map(Double.init), finetunePoints), y: cut(log.curve(names.domain), finetunePoints),
        label: label, color: color, width: 2, marker: .circle, markerSize: 4))
    }
    if isFrame { right.xLimits = AxisLimits(0, Double(max(outcome.settings.finetuneSteps, 1))) }
    right.yLimits = shared
    right.legend = .upperRight
    grid.add(right)
    return grid
  }

  /// General validation loss during fine-tuning: full fine-tune vs LoRA (catastrophic forgetting).
  static func forgetting(_ outcome: PretrainFinetuneOutcome) -> Chart {
    let general = PretrainFinetuneExperiment.SplitName.general
    var chart = Chart(
      title: "Forgetting: general-English loss during fine-tuning", xLabel: "fine-tuning step on support tickets",
      yLabel: "general validation loss (nats per character)")
    chart.add(LineSeries(
      x: outcome.fullFinetune.evaluationSteps.map(Double.init), y: outcome.fullFinetune.curve(general),
      label: "(b) full fine-tune: all \(LessonText.grouped(outcome.fullFinetune.trainableParameters)) parameters train", color: fullColor, width: 2,
      marker: .circle, markerSize: 4))
    chart.add(LineSeries(
      x: outcome.lora.evaluationSteps.map(Double.init), y: outcome.lora.curve(general),
      label: "(d) LoRA: \(LessonText.grouped(outcome.lora.trainableParameters)) adapter parameters train", color: loraColor, width: 2,
      marker: .circle, markerSize: 4))
    let start = outcome.pretrain.curve(general).last ?? .nan
    chart.addHorizontalLine(at: start, label: "pre-trained checkpoint")
    // Room below the starting line for the legend, so that it hides no data.
    let span = limits([outcome.fullFinetune.curve(general), outcome.lora.curve(general), [start]], headroom: 0.05)
    chart.yLimits = AxisLimits(max(0, span.lower - 0.4 * (span.upper - span.lower)), span.upper)
    chart.legend = .lowerRight
    return chart
  }

  /// Final validation losses (whole splits) of every model, domain and general side by side.
  static func finalLosses(_ outcome: PretrainFinetuneOutcome) -> BarChart {
    let f = outcome.finals
    var chart = BarChart(
      title: "Final validation loss after \(outcome.settings.finetuneSteps) fine-tuning steps (lower is better)",
      categories: ["(a) pre-trained\n(no fine-tune)", "(b) full\nfine-tune", "(d) LoRA\nr=\(outcome.settings.loraRank)", "(c) from\nscratch"],
      yLabel: lossLabel)
    let domain = [f.pretrainedDomain, f.finetunedDomain, f.loraDomain, f.scratchDomain]
    let general = [f.pretrainedGeneral, f.finetunedGeneral, f.loraGeneral, f.scratchGeneral]
    chart.add(BarSeries(label: "support-desk (domain) text", values: domain, color: Palette.default[0]))
    chart.add(BarSeries(label: "general English text", values: general, color: Palette.default[5]))
    chart.showsValues = true
    chart.yLimits = AxisLimits(0, 1.3 * ((domain + general).filter(\.isFinite).max() ?? 1))
    chart.legend = .best
    return chart
  }

  /// Pre-training, then continued pre-training on new text picking up from the checkpoint: the whole
  /// story on the left, the resume close up on the right.
  static func continuedPretraining(_ outcome: PretrainFinetuneOutcome) -> PanelGrid {
    let names = PretrainFinetuneExperiment.SplitName.self
    let offset = Double(outcome.settings.pretrainSteps)
    let continuedSteps = outcome.continued.evaluationSteps.map(Double.init)
    let newText = outcome.continued.curve(names.continued)
    let oldText = outcome.continued.curve(names.general)
    let checkpointLoss = outcome.pretrain.curve(names.general).last ?? .nan

    var grid = PanelGrid(columns: 2, title: "Continued pre-training resumes from the checkpoint")
    var left = Chart(title: "the whole run", xLabel: "training step", yLabel: lossLabel)
    left.add(LineSeries(
      x: outcome.pretrain.evaluationSteps.map(Double.init), y: outcome.pretrain.curve(names.general),
      label: "(a) pre-training: general text", color: pretrainColor, width: 2))
    left.add(LineSeries(
      x: continuedSteps.map { offset + $0 }, y: newText, label: "(e) continued: new text", color: continuedColor, width: 2))
    let lastStep = offset + (continuedSteps.last ?? 0)
    left.add(LineSeries(
      x: [0, lastStep], y: [outcome.uniformLoss, outcome.uniformLoss], label: "ln V: where a new model starts",
      color: Color(hex: 0x555555), width: 1, dash: .dashed))
    left.addVerticalLine(at: offset, label: "resume")
    left.legend = .best
    grid.add(left)

    var right = Chart(
      title: "close up: \(outcome.settings.continuedSteps) steps, fresh warm-up", xLabel: "continued pre-training step",
      yLabel: lossLabel)
    right.add(LineSeries(
      x: continuedSteps, y: newText, label: "new text (now trained on)", color: continuedColor, width: 2, marker: .circle,
      markerSize: 4))
    right.add(LineSeries(
      x: continuedSteps, y: oldText, label: "original general text", color: pretrainColor, width: 2, dash: .dashed,
      marker: .square, markerSize: 4))
    right.add(LineSeries(
      x: [0, continuedSteps.last ?? 0], y: [checkpointLoss, checkpointLoss], label: "checkpoint's final loss on the original text",
      color: Color(hex: 0x555555), width: 1, dash: .dotted))
    let span = limits([newText, oldText, [checkpointLoss]], headroom: 0.08)
    right.yLimits = AxisLimits(max(0, span.lower - 0.45 * (span.upper - span.lower)), span.upper)
    right.legend = .lowerRight
    grid.add(right)
    return grid
  }
}
