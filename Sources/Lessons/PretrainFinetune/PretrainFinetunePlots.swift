import Plotting

/// The four figures of the `pretrain-finetune` lesson, drawn from measured curves only.
enum PretrainFinetunePlots {
  static let pretrainColor = Color(grey: 0.45)
  static let fullColor = Palette.default[0]
  static let scratchColor = Palette.default[1]
  static let loraColor = Palette.default[2]
  static let continuedColor = Palette.default[4]

  /// Domain validation loss of (b), (c), (d) after the pre-training curves, on one step axis.
  static func domainLoss(_ outcome: PretrainFinetuneOutcome) -> Chart {
    let offset = Double(outcome.settings.pretrainSteps)
    let names = PretrainFinetuneExperiment.SplitName.self
    var chart = Chart(
      title: "Domain validation loss: fine-tuned vs from scratch vs LoRA", xLabel: "training step",
      yLabel: "validation cross-entropy (nats per character)")
    let pretrainSteps = outcome.pretrain.evaluationSteps.map(Double.init)
    chart.add(LineSeries(
      x: pretrainSteps, y: outcome.pretrain.curve(names.general), label: "pre-training: general text", color: pretrainColor))
    chart.add(LineSeries(
      x: pretrainSteps, y: outcome.pretrain.curve(names.domain), label: "pre-training: domain text (not trained on)",
      color: pretrainColor, dash: .dashed))
    for (log, label, color) in [
      (outcome.fullFinetune, "full fine-tune of the pre-trained model", fullColor),
      (outcome.lora, "LoRA r=\(outcome.settings.loraRank) on the pre-trained model", loraColor),
      (outcome.scratch, "same architecture from scratch", scratchColor),
    ] {
      chart.add(LineSeries(
        x: log.evaluationSteps.map { offset + Double($0) }, y: log.curve(names.domain), label: label, color: color,
        width: 2, marker: .circle, markerSize: 4))
    }
    chart.addVerticalLine(at: offset, label: "fine-tuning starts")
    chart.addHorizontalLine(at: outcome.uniformLoss, label: "uniform guess ln V")
    chart.legend = .upperRight
    return chart
  }

  /// General validation loss during fine-tuning: full fine-tune vs LoRA (catastrophic forgetting).
  static func forgetting(_ outcome: PretrainFinetuneOutcome) -> Chart {
    let general = PretrainFinetuneExperiment.SplitName.general
    var chart = Chart(
      title: "Forgetting: general-text loss while fine-tuning on the domain", xLabel: "fine-tuning step",
      yLabel: "general validation loss (nats per character)")
    chart.add(LineSeries(
      x: outcome.fullFinetune.evaluationSteps.map(Double.init), y: outcome.fullFinetune.curve(general),
      label: "full fine-tune (all \(outcome.fullFinetune.trainableParameters) parameters)", color: fullColor, width: 2,
      marker: .circle, markerSize: 4))
    chart.add(LineSeries(
      x: outcome.lora.evaluationSteps.map(Double.init), y: outcome.lora.curve(general),
      label: "LoRA (\(outcome.lora.trainableParameters) trainable parameters)", color: loraColor, width: 2,
      marker: .circle, markerSize: 4))
    chart.addHorizontalLine(at: outcome.pretrain.curve(general).last ?? .nan, label: "pre-trained model")
    chart.legend = .upperLeft
    return chart
  }

  /// Final validation losses (whole splits) of every model, domain and general side by side.
  static func finalLosses(_ outcome: PretrainFinetuneOutcome) -> BarChart {
    let f = outcome.finals
    var chart = BarChart(
      title: "Final validation loss after \(outcome.settings.finetuneSteps) fine-tuning steps",
      categories: ["pre-trained\n(no fine-tune)", "full\nfine-tune", "LoRA\nr=\(outcome.settings.loraRank)", "from\nscratch"],
      yLabel: "validation cross-entropy (nats per character)")
    chart.add(BarSeries(
      label: "domain (support desk)", values: [f.pretrainedDomain, f.finetunedDomain, f.loraDomain, f.scratchDomain],
      color: Palette.default[0]))
    chart.add(BarSeries(
      label: "general English", values: [f.pretrainedGeneral, f.finetunedGeneral, f.loraGeneral, f.scratchGeneral],
      color: Palette.default[5]))
    chart.showsValues = true
    chart.legend = .upperLeft
    return chart
  }

  /// Pre-training, then continued pre-training on new text picking up from the checkpoint.
  static func continuedPretraining(_ outcome: PretrainFinetuneOutcome) -> Chart {
    let names = PretrainFinetuneExperiment.SplitName.self
    let offset = Double(outcome.settings.pretrainSteps)
    var chart = Chart(
      title: "Continued pre-training resumes from the checkpoint", xLabel: "training step",
      yLabel: "validation cross-entropy (nats per character)")
    chart.add(LineSeries(
      x: outcome.pretrain.evaluationSteps.map(Double.init), y: outcome.pretrain.curve(names.general),
      label: "pre-training: general text", color: pretrainColor, width: 2))
    let steps = outcome.continued.evaluationSteps.map { offset + Double($0) }
    chart.add(LineSeries(
      x: steps, y: outcome.continued.curve(names.continued), label: "continued: new text", color: continuedColor, width: 2,
      marker: .circle, markerSize: 4))
    chart.add(LineSeries(
      x: steps, y: outcome.continued.curve(names.general), label: "continued: original general text", color: pretrainColor,
      dash: .dashed, marker: .square, markerSize: 4))
    chart.addVerticalLine(at: offset, label: "resume from checkpoint, re-warm-up")
    chart.addHorizontalLine(at: outcome.uniformLoss, label: "a new model starts here (ln V)")
    chart.legend = .upperRight
    return chart
  }
}
