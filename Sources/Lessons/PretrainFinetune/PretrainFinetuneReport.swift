import Foundation
import Plotting
import WorkbenchFiles

/// Turns the measurements of the `pretrain-finetune` runs into metrics, checked claims, tables,
/// plots, history and the samples file.
enum PretrainFinetuneReport {
  /// Full fine-tuning must beat training from scratch on domain validation loss by at least this much (nats).
  static let finetuneMargin = 0.25
  /// LoRA must train less than this share of the parameters.
  static let loraTrainableLimit = 0.05
  /// Continued pre-training must start within this relative distance of the checkpoint's final loss.
  static let resumeTolerance = 0.05

  static func fill(_ result: inout RunResult, outcome: PretrainFinetuneOutcome, context: LessonContext) throws {
    let s = outcome.settings, f = outcome.finals, corpus = outcome.corpus
    let names = PretrainFinetuneExperiment.SplitName.self

    // Data and model.
    result.metric("general_corpus_characters", Double(corpus.general.characterCount), unit: "characters")
    result.metric("domain_corpus_characters", Double(corpus.domain.characterCount), unit: "characters")
    result.metric("continued_corpus_characters", Double(corpus.continued.characterCount), unit: "characters")
    result.metric("vocabulary_size", Double(corpus.tokenizer.vocabularySize), unit: "characters")
    result.metric("uniform_guess_loss", outcome.uniformLoss, unit: "nats")
    result.metric("model_parameters", Double(outcome.pretrain.totalParameters), unit: "parameters")

    // Losses on whole validation splits.
    result.metric("pretrained_general_validation_loss", f.pretrainedGeneral, unit: "nats")
    result.metric("pretrained_domain_validation_loss", f.pretrainedDomain, unit: "nats")
    result.metric("full_finetune_domain_validation_loss", f.finetunedDomain, unit: "nats")
    result.metric("lora_domain_validation_loss", f.loraDomain, unit: "nats")
    result.metric("scratch_domain_validation_loss", f.scratchDomain, unit: "nats")
    result.metric("full_finetune_general_validation_loss", f.finetunedGeneral, unit: "nats")
    result.metric("lora_general_validation_loss", f.loraGeneral, unit: "nats")
    result.metric("scratch_general_validation_loss", f.scratchGeneral, unit: "nats")
    let fullAdvantage = f.scratchDomain - f.finetunedDomain
    let loraAdvantage = f.scratchDomain - f.loraDomain
    let fullForgetting = f.finetunedGeneral - f.pretrainedGeneral
    let loraForgetting = f.loraGeneral - f.pretrainedGeneral
    result.metric("full_finetune_advantage_over_scratch", fullAdvantage, unit: "nats")
    result.metric("lora_advantage_over_scratch", loraAdvantage, unit: "nats")
    result.metric("full_finetune_forgetting", fullForgetting, unit: "nats")
    result.metric("lora_forgetting", loraForgetting, unit: "nats")
    let loraShare = Double(outcome.lora.trainableParameters) / Double(outcome.lora.totalParameters)
    result.metric("lora_trainable_parameters", Double(outcome.lora.trainableParameters), unit: "parameters")
    result.metric("lora_trainable_fraction", loraShare, unit: "fraction")
    let scratchFinalCurve = outcome.scratch.curve(names.domain).last ?? .nan
    let matchIndex = outcome.fullFinetune.curve(names.domain).firstIndex { $0 <= scratchFinalCurve }
    if let matchIndex {
      result.metric("full_finetune_steps_to_match_scratch", Double(outcome.fullFinetune.evaluationSteps[matchIndex]), unit: "steps")
    }
    result.metric("continued_new_text_start_loss", f.pretrainedContinued, unit: "nats")
    result.metric("continued_new_text_final_loss", f.continuedFinal, unit: "nats")
    result.metric("continued_general_validation_loss", f.continuedGeneral, unit: "nats")
    // "Picks up where it left off": the first evaluation after resuming, on the same validation
    // windows as the checkpoint's last pre-training evaluation.
    let checkpointCurveLoss = outcome.pretrain.curve(names.general).last ?? .nan
    let resumedCurve = outcome.continued.curve(names.general)
    let resumedLoss = resumedCurve.count > 1 ? resumedCurve[1] : .nan
    let resumedStep = outcome.continued.evaluationSteps.count > 1 ? outcome.continued.evaluationSteps[1] : 0
    let resumeChange = resumedLoss / checkpointCurveLoss - 1
    result.metric("pretrained_general_curve_final_loss", checkpointCurveLoss, unit: "nats")
    result.metric("continued_first_evaluation_loss", resumedLoss, unit: "nats")
    result.metric("continued_first_evaluation_relative_change", resumeChange, unit: "fraction")
    let runs: [(String, LanguageModelTrainingRun.Log)] = [
      ("pretrain", outcome.pretrain), ("full_finetune", outcome.fullFinetune), ("scratch", outcome.scratch),
      ("lora", outcome.lora), ("continued", outcome.continued),
    ]
    for (name, log) in runs { result.metric("\(name)_training_flops", Double(log.totalFLOPs), unit: "FLOPs") }

    // Claims.
    result.claim(
      "Fine-tuning the pre-trained model beats the same model trained from scratch on the domain by at least \(finetuneMargin) nats after the same \(s.finetuneSteps) steps",
      fullAdvantage >= finetuneMargin,
      detail: String(format: "domain validation loss %.3f (fine-tuned) vs %.3f (from scratch): %.3f nats lower", f.finetunedDomain, f.scratchDomain, fullAdvantage))
    result.claim(
      "LoRA trains under \(Int(loraTrainableLimit * 100))% of the parameters and still beats training from scratch",
      loraShare < loraTrainableLimit && loraAdvantage > 0,
      detail: String(
        format: "%d of %d parameters (%.2f%%); domain loss %.3f vs %.3f from scratch", outcome.lora.trainableParameters,
        outcome.lora.totalParameters, 100 * loraShare, f.loraDomain, f.scratchDomain))
    result.claim(
      "Full fine-tuning forgets more general English than LoRA (general validation loss rises more)",
      fullForgetting > loraForgetting,
      detail: String(
        format: "general loss %.3f before; %.3f after full fine-tuning (%+.3f), %.3f after LoRA (%+.3f)", f.pretrainedGeneral,
        f.finetunedGeneral, fullForgetting, f.loraGeneral, loraForgetting))
    result.claim(
      "Continued pre-training picks up where pre-training stopped: its first evaluation after resuming is within \(Int(resumeTolerance * 100))% of the checkpoint's final loss, far from the ln V a new model starts at",
      abs(resumeChange) <= resumeTolerance && resumedLoss < 0.75 * outcome.uniformLoss,
      detail: String(
        format: "general validation loss %.3f at the checkpoint, %.3f after %d steps of continued pre-training (%+.1f%%); a new model starts at ln V = %.3f",
        checkpointCurveLoss, resumedLoss, resumedStep, 100 * resumeChange, outcome.uniformLoss))
    result.claim(
      "Continued pre-training lowers the loss on the new text",
      f.continuedFinal < f.pretrainedContinued,
      detail: String(format: "new-text validation loss %.3f → %.3f after %d steps", f.pretrainedContinued, f.continuedFinal, s.continuedSteps))

    // Tables.
    result.tables.append(ResultTable(
      title: "Corpora (last \(Int(PretrainFinetuneCorpus.validationFraction * 100))% of each held out for validation)",
      columns: ["corpus", "what it is", "characters", "train", "validation"],
      rows: [
        ("general", "English prose (nature, cities, science, history, daily life) with everyday notes", corpus.general),
        ("domain", "Northwind support-desk tickets (Q:/A: lines)", corpus.domain),
        ("continued", "new English prose: the sea, music, food, farming, travel", corpus.continued),
      ].map { [$0.0, $0.1, "\($0.2.characterCount)", "\($0.2.trainTokens.count)", "\($0.2.validationTokens.count)"] }))
    let starts = ["random weights", "pre-trained checkpoint", "random weights", "pre-trained checkpoint (frozen)", "pre-trained checkpoint"]
    let labels = ["(a) pre-train", "(b) full fine-tune", "(c) from scratch", "(d) LoRA r=\(s.loraRank)", "(e) continued pre-train"]
    result.tables.append(ResultTable(
      title: "Runs: what trains and what it costs (FLOPs counted by the engine, forward + backward; wall time below)",
      columns: ["run", "starts from", "trainable", "total", "trainable %", "steps", "tokens", "counted FLOPs", "6·N·D"],
      rows: zip(zip(labels, starts), runs.map(\.1)).map { pair, log in
        let steps = log.trainingLoss.count
        let tokens = steps * log.tokensPerStep
        return [
          pair.0, pair.1, "\(log.trainableParameters)", "\(log.totalParameters)",
          String(format: "%.2f", 100 * Double(log.trainableParameters) / Double(log.totalParameters)), "\(steps)", "\(tokens)",
          String(format: "%.3g", Double(log.totalFLOPs)), String(format: "%.3g", 6 * Double(log.totalParameters) * Double(tokens)),
        ]
      }))
    result.tables.append(ResultTable(
      title: "Final validation loss (nats per character, whole splits)",
      columns: ["model", "domain", "general", "new text"],
      rows: [
        ["pre-trained (a)", fmt(f.pretrainedDomain), fmt(f.pretrainedGeneral), fmt(f.pretrainedContinued)],
        ["full fine-tune (b)", fmt(f.finetunedDomain), fmt(f.finetunedGeneral), "-"],
        ["from scratch (c)", fmt(f.scratchDomain), fmt(f.scratchGeneral), "-"],
        ["LoRA (d)", fmt(f.loraDomain), fmt(f.loraGeneral), "-"],
        ["continued pre-train (e)", "-", fmt(f.continuedGeneral), fmt(f.continuedFinal)],
      ]))

    // Samples.
    let samplesText = samplesFile(outcome)
    try OutputFolder.write(Data(samplesText.utf8), to: context.file("samples.txt"))
    result.notes.append(samplesNote(outcome))
    for sample in outcome.samples {
      result.sample(sampleName(model: sample.model, prompt: sample.prompt), sample.prompt + sample.continuation)
    }

    // Plots.
    let lossPlot = try context.savePlot(
      PretrainFinetunePlots.domainLoss(outcome), file: "domain-loss.png",
      title: "Domain validation loss: fine-tuned vs from scratch vs LoRA",
      caption: "Left: during pre-training (a) the loss on general English falls (solid) while the loss on support-desk text, which the model never sees, stalls and even rises as the model specialises (dashed). Right: the same \(s.finetuneSteps) steps and batches of support tickets for each run, on the same loss scale: (b) full fine-tuning and (d) LoRA start from the pre-trained checkpoint, (c) the same model from random weights.",
      alt: String(
        format: "Two line charts of validation loss on one scale. Pre-training lowers the general-text loss from %.2f to %.2f nats. During fine-tuning the support-desk loss ends at %.2f for the full fine-tune, %.2f for LoRA and %.2f for the model trained from scratch.",
        outcome.pretrain.curve(names.general).first ?? .nan, outcome.pretrain.curve(names.general).last ?? .nan,
        outcome.fullFinetune.curve(names.domain).last ?? .nan, outcome.lora.curve(names.domain).last ?? .nan,
        outcome.scratch.curve(names.domain).last ?? .nan),
      width: PretrainFinetunePlots.panelSize.width, height: PretrainFinetunePlots.panelSize.height)
    result.films.append(try context.saveFilm(
      lossFilmFrames(outcome), file: "domain-loss-film.png",
      title: "The validation-loss curves drawing themselves, point by point",
      caption: "The curves of the plot above, one measured point at a time: first pre-training (general text falls, support-desk text stalls), then the same fine-tuning steps for the full fine-tune, LoRA and the model trained from scratch.",
      alt: "An animation of two line charts filling in from left to right: pre-training curves first, then three fine-tuning curves of which the two starting from the checkpoint stay below the one from scratch.",
      width: 1200, height: 540, scale: 1.2))
    result.films.append(try context.saveFilm(
      outcome.sampleFrames.map { frame in
        FilmFrame(
          figure: TextPanel(
            title: "What the model writes after \(frame.step) pre-training steps",
            subtitle: "Prompt \"\(PretrainFinetuneLesson.samplePrompts[0])\", temperature \(outcome.settings.sampleTemperature), the same random numbers in every frame; general-text validation loss \(fmt(frame.generalLoss)) nats per character",
            body: frame.text),
          step: frame.step,
          label: "pre-training step \(frame.step) · general validation loss \(fmt(frame.generalLoss)) nats")
      },
      file: "pretraining-samples-film.png", title: "Samples improving while the model pre-trains",
      caption: "At every curve point of pre-training the model being trained continues the same prompt with the same random numbers, so each change in the text comes from the weights: random characters first, then letters in word-like groups, then words and sentences.",
      alt: "An animation of a text panel whose sample goes from random characters to English-like sentences as the step count and the loss in the subtitle change.",
      width: 900, height: 380, scale: 1.5))
    let forgettingPlot = try context.savePlot(
      PretrainFinetunePlots.forgetting(outcome), file: "forgetting.png", title: "Forgetting: general-text loss during fine-tuning",
      caption: "General-English validation loss while each model trains only on support tickets (catastrophic forgetting). Full fine-tuning moves every weight and forgets more; LoRA trains small adapters and leaves the base weights frozen.",
      alt: String(
        format: "Line chart: general validation loss starts at %.2f for both runs and rises by %.2f nats under full fine-tuning and %.2f under LoRA.",
        outcome.pretrain.curve(names.general).last ?? .nan, fullForgetting, loraForgetting))
    let barsPlot = try context.savePlot(
      PretrainFinetunePlots.finalLosses(outcome), file: "final-losses.png", title: "Final validation losses",
      caption: "Whole validation splits, measured exactly as `workbench evaluate` does. Lower is better.",
      alt: String(
        format: "Bar chart of domain and general validation loss: pre-trained %.2f and %.2f, full fine-tune %.2f and %.2f, LoRA %.2f and %.2f, from scratch %.2f and %.2f.",
        f.pretrainedDomain, f.pretrainedGeneral, f.finetunedDomain, f.finetunedGeneral, f.loraDomain, f.loraGeneral, f.scratchDomain,
        f.scratchGeneral))
    let continuedPlot = try context.savePlot(
      PretrainFinetunePlots.continuedPretraining(outcome), file: "continued-pretraining.png",
      title: "Continued pre-training resumes from the checkpoint",
      caption: "(e) The checkpoint keeps training on new English text with a fresh optimiser and learning-rate warm-up. Left: the whole run; a new model would start at ln V. Right: close up of the \(s.continuedSteps) continued steps; the loss on the original text stays near the checkpoint's final value while the loss on the new text falls.",
      alt: String(
        format: "Two line charts: pre-training loss falls from %.2f to %.2f; continued pre-training starts at %.2f on the new text and ends at %.2f, while the original text's loss goes from %.2f to %.2f.",
        outcome.pretrain.curve(names.general).first ?? .nan, checkpointCurveLoss,
        outcome.continued.curve(names.continued).first ?? .nan, outcome.continued.curve(names.continued).last ?? .nan,
        resumedCurve.first ?? .nan, resumedCurve.last ?? .nan),
      width: PretrainFinetunePlots.panelSize.width, height: PretrainFinetunePlots.panelSize.height)
    result.plots += [lossPlot, forgettingPlot, barsPlot, continuedPlot]

    // History.
    for (name, log) in runs {
      result.history.append(HistorySeries(
        name: name, steps: log.evaluationSteps, values: log.curves.map { ("\($0.name)_validation_loss", $0.values) }))
    }
    for (name, log) in runs {
      result.history.append(HistorySeries(
        name: "\(name)_training", steps: Array(1...log.trainingLoss.count), values: [("training_loss", log.trainingLoss)]))
    }
  }

  /// The most frames each phase of the loss-curve film gets (the film must stay under 3 MB in a full run).
  static let lossFilmFramesPerPhase = 12

  /// `count` indices from 0 to `total − 1`, evenly spread, the first and last included.
  static func spread(_ total: Int, count: Int) -> [Int] {
    guard total > count, count > 1 else { return Array(0..<max(total, 0)) }
    return (0..<count).map { Int((Double($0) * Double(total - 1) / Double(count - 1)).rounded()) }
  }

  /// The loss-curve film: frames that reveal the measured points (at most ``lossFilmFramesPerPhase`` per
  /// phase), pre-training first, then the three fine-tuning runs (which share their evaluation steps);
  /// each label gives the step and the losses measured there.
  static func lossFilmFrames(_ outcome: PretrainFinetuneOutcome) -> [FilmFrame<PanelGrid>] {
    let names = PretrainFinetuneExperiment.SplitName.self
    var frames: [FilmFrame<PanelGrid>] = []
    let pretrain = outcome.pretrain
    for index in spread(pretrain.evaluationSteps.count, count: lossFilmFramesPerPhase) {
      frames.append(FilmFrame(
        figure: PretrainFinetunePlots.domainLoss(outcome, pretrainPoints: index + 1, finetunePoints: 0),
        step: pretrain.evaluationSteps[index],
        label: "pre-training step \(pretrain.evaluationSteps[index]) · validation loss general \(fmt(pretrain.curve(names.general)[index])), support-desk \(fmt(pretrain.curve(names.domain)[index])) nats"))
    }
    let runs = [("full", outcome.fullFinetune), ("LoRA", outcome.lora), ("scratch", outcome.scratch)]
    let points = runs.map { $0.1.evaluationSteps.count }.min() ?? 0
    for index in spread(points, count: lossFilmFramesPerPhase) {
      let losses = runs.map { "\($0.0) \(fmt($0.1.curve(names.domain)[index]))" }.joined(separator: ", ")
      frames.append(FilmFrame(
        figure: PretrainFinetunePlots.domainLoss(outcome, pretrainPoints: pretrain.evaluationSteps.count, finetunePoints: index + 1),
        step: outcome.fullFinetune.evaluationSteps[index],
        label: "fine-tuning step \(outcome.fullFinetune.evaluationSteps[index]) · support-desk validation loss \(losses) nats"))
    }
    return frames
  }

  static func fmt(_ value: Double) -> String { String(format: "%.4f", value) }

  /// `samples.txt`: every sample in full, grouped by prompt.
  static func samplesFile(_ outcome: PretrainFinetuneOutcome) -> String {
    let s = outcome.settings
    var lines = [
      "Samples of \(s.sampleLength) characters at temperature \(s.sampleTemperature); every sample draws the same random numbers, so the differences come from the models.",
    ]
    for prompt in PretrainFinetuneLesson.samplePrompts {
      lines.append("")
      lines.append("==== prompt \(quoted(prompt)) ====")
      for sample in outcome.samples where sample.prompt == prompt {
        lines.append("---- \(sample.model) ----")
        lines.append(sample.prompt + sample.continuation)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The name a narrative quotes a sample by: the model and the prompt's first word, in lower case
  /// (`pretrained_the`, `full_finetune_q`, `scratch_q`, `lora_the`, `untrained_the`).
  static func sampleName(model: String, prompt: String) -> String {
    let modelKey = ["pre-trained": "pretrained", "full fine-tune": "full_finetune", "from scratch": "scratch"][model]
      ?? model.lowercased().replacingOccurrences(of: " ", with: "_")
    let promptKey = prompt.lowercased().prefix { $0.isLetter }
    return modelKey + "_" + promptKey
  }

  /// The samples for the terminal: one line each, line breaks shown as ⏎.
  static func samplesNote(_ outcome: PretrainFinetuneOutcome) -> String {
    let width = outcome.samples.map(\.model.count).max() ?? 0
    var lines = ["Samples (temperature \(outcome.settings.sampleTemperature), same random numbers for every model; also in samples.txt):"]
    for prompt in PretrainFinetuneLesson.samplePrompts {
      lines.append("  prompt \(quoted(prompt)):")
      for sample in outcome.samples where sample.prompt == prompt {
        let text = (sample.prompt + sample.continuation).replacingOccurrences(of: "\n", with: "⏎")
        lines.append("    \(sample.model.padding(toLength: width, withPad: " ", startingAt: 0))  \(text)")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\"" }
}
