import Foundation
import NeuralNet
import Plotting
import Training

/// The losses of a finished run (nats per token on the whole validation part / reference text).
public struct TrainingSummary: Equatable, Sendable {
  public let validationLossBefore: Double?
  public let validationLossAfter: Double
  /// The same losses in bits per byte of the validation text (see `HeldOutEvaluation.bitsPerByte`).
  public let validationBitsPerByteBefore: Double?
  public let validationBitsPerByteAfter: Double
  /// Cross-entropy of the training part's token frequencies on the validation part (see `TokenSplit.unigramBaseline`).
  public let unigramBaseline: Double
  public let referenceLossBefore: Double?
  public let referenceLossAfter: Double?
  /// The model file written (`checkpoint.safetensors`, or `adapter.safetensors` for unmerged LoRA).
  public let modelFile: String
  /// The evaluation with the lowest validation loss (on the first `evaluationWindows` windows), kept as `best.safetensors`.
  public let best: EarlyStopping.Measurement?
  /// The last evaluation's validation loss (same windows).
  public let last: EarlyStopping.Measurement?
  /// The step after which the run stopped early, or nil when it took all its steps or time.
  public let stoppedEarlyAfter: Int?
}

/// The final files of a finished `TrainingRun`: `metrics.json` (the measured losses, deterministic),
/// `loss.png`, `timings.json` (wall-clock only), and the `history.csv` format.
struct TrainingReport {
  let run: TrainingRun

  /// `metrics.json`: what the run trained and measured. Losses are in nats per token.
  struct Metrics: Codable {
    let kind: String
    let base_checkpoint: String?
    let texts: [TrainingText.Source]
    let reference_text: TrainingText.Source?
    let options: TrainingOptions
    let validation_fraction: Double
    let config: GPTConfig
    let tokenizer: String
    let vocab_size: Int
    let parameters: Int
    let trainable_parameters: Int
    let steps: Int
    let tokens_trained: Int
    let training_tokens: Int
    let validation_tokens: Int
    let unigram_baseline: Double
    let validation_loss_before: Double?
    let validation_loss_after: Double
    /// The validation losses in bits per byte of text (comparable across tokenizers).
    let validation_bits_per_byte_before: Double?
    let validation_bits_per_byte_after: Double
    let validation_below_unigram_baseline: Bool
    let reference_loss_before: Double?
    let reference_loss_after: Double?
    let final_training_loss: Double?
    let checkpoint: String
    /// The step of the lowest validation loss among the evaluations (0: before training), kept as `best`.
    let best_step: Int?
    let best_validation_loss: Double?
    /// The training batch's loss of the best step (nil for step 0).
    let best_training_loss: Double?
    let last_validation_loss: Double?
    /// The file holding the model of `best_step`.
    let best: String
    /// The step after which `earlyStop` evaluations without improvement stopped the run, or nil.
    let stopped_early_after: Int?
  }

  /// Scores the whole validation part (and reference text), writes the three files and returns the losses.
  func write() throws -> TrainingSummary {
    let model = run.model, history = run.history, data = run.data
    let evaluation = try HeldOutEvaluation.evaluate(model, tokens: data.split.validation)
    let after = evaluation.meanCrossEntropy
    let bitsPerByteAfter = try HeldOutEvaluation.bitsPerByte(evaluation, tokens: data.split.validation, tokenizer: run.tokenizer)
    // The loss before was measured on the same windows: the same tokens and bytes.
    let bitsPerByteBefore = try history.validationLossBefore.map { loss in
      var before = evaluation
      before.meanCrossEntropy = loss
      return try HeldOutEvaluation.bitsPerByte(before, tokens: data.split.validation, tokenizer: run.tokenizer)
    }
    let referenceAfter = try data.reference.map { try HeldOutEvaluation.evaluate(model, tokens: $0).meanCrossEntropy }
    let baseline = data.split.unigramBaseline(vocabularySize: model.config.vocabSize)
    let lora = run.setup.options.lora
    let stopping = run.earlyStopping()
    let best = stopping.best
    let metrics = Metrics(
      kind: run.setup.kind.rawValue, base_checkpoint: run.setup.baseCheckpoint, texts: run.setup.texts,
      reference_text: run.setup.referenceText, options: run.setup.options, validation_fraction: run.setup.validationFraction,
      config: model.config, tokenizer: run.tokenizer.kindName, vocab_size: run.tokenizer.vocabularySize, parameters: model.parameterCount,
      trainable_parameters: model.trainableParameterCount, steps: run.step,
      tokens_trained: run.step * run.setup.options.batchSize * model.config.blockSize, training_tokens: data.split.training.count,
      validation_tokens: data.split.validation.count, unigram_baseline: baseline, validation_loss_before: history.validationLossBefore,
      validation_loss_after: after, validation_bits_per_byte_before: bitsPerByteBefore,
      validation_bits_per_byte_after: bitsPerByteAfter, validation_below_unigram_baseline: after < baseline,
      reference_loss_before: history.referenceLossBefore, reference_loss_after: referenceAfter,
      final_training_loss: history.trainingLoss.last,
      checkpoint: lora.map { $0.merge ? TrainingRun.checkpointFileName : TrainingRun.adapterFileName } ?? TrainingRun.checkpointFileName,
      best_step: best?.step, best_validation_loss: best?.loss,
      best_training_loss: best.flatMap { $0.step > 0 && $0.step <= history.trainingLoss.count ? history.trainingLoss[$0.step - 1] : nil },
      last_validation_loss: stopping.last?.loss, best: TrainingRun.bestFileName,
      stopped_early_after: stopping.stopRequested ? run.step : nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try OutputFolder.write(try encoder.encode(metrics), to: run.folder.appendingPathComponent("metrics.json"))
    let tokens = Double(metrics.tokens_trained)
    let timings = [
      "seconds": history.elapsedSeconds, "step_seconds": history.stepSeconds,
      "tokens_per_second": history.stepSeconds > 0 ? tokens / history.stepSeconds : 0,
    ]
    try OutputFolder.write(try encoder.encode(timings), to: run.folder.appendingPathComponent("timings.json"))
    let metadata = PNGMetadata(title: "Training and validation loss", software: workbenchSoftware, source: run.setup.command)
    try chart(baseline: baseline, bitsPerByte: bitsPerByteAfter).save(to: run.folder.appendingPathComponent("loss.png"), metadata: metadata)
    return TrainingSummary(
      validationLossBefore: history.validationLossBefore, validationLossAfter: after, validationBitsPerByteBefore: bitsPerByteBefore,
      validationBitsPerByteAfter: bitsPerByteAfter, unigramBaseline: baseline,
      referenceLossBefore: history.referenceLossBefore, referenceLossAfter: referenceAfter, modelFile: metrics.checkpoint,
      best: best, last: stopping.last, stoppedEarlyAfter: metrics.stopped_early_after)
  }

  /// Training loss per step (thin), validation loss at the evaluations (markers; the legend gives
  /// the final validation loss in bits per byte, `bitsPerByte`), the reference
  /// text's loss when there is one, and the unigram baseline.
  func chart(baseline: Double, bitsPerByte: Double) -> Chart {
    let history = run.history
    let what = run.setup.kind == .train ? "pre-training" : "fine-tuning"
    var chart = Chart(
      title: "\(what) on \(run.setup.texts.map { URL(fileURLWithPath: $0.path).lastPathComponent }.joined(separator: ", "))",
      xLabel: "step", yLabel: "cross-entropy (nats per token)")
    chart.add(LineSeries(
      x: history.trainingLoss.indices.map { Double($0 + 1) }, y: history.trainingLoss, label: "training batches",
      color: Color(grey: 0.6), width: 1))
    let steps = history.evaluationSteps.map(Double.init)
    chart.add(LineSeries(
      x: steps, y: history.validationLoss, label: "validation, " + String(format: "%.3f", bitsPerByte) + " bits/byte at the end", color: Palette.default[0], width: 2,
      marker: .circle, markerSize: 4))
    if !history.referenceLoss.isEmpty {
      chart.add(LineSeries(
        x: steps, y: history.referenceLoss, label: "reference text (forgetting)", color: Palette.default[1], width: 2,
        marker: .circle, markerSize: 4))
    }
    chart.addHorizontalLine(at: baseline, label: "unigram baseline")
    chart.legend = .upperRight
    return chart
  }

  /// `history.csv`: one row per step (0 = before training) with the learning rate and batch loss,
  /// and the validation and reference losses on the rows where they were measured (empty elsewhere).
  static func historyCSV(_ history: TrainingHistory) -> String {
    var evaluations: [Int: Int] = [:]
    for (index, step) in history.evaluationSteps.enumerated() { evaluations[step] = index }
    var lines = ["step,learning_rate,training_loss,validation_loss,reference_loss"]
    for step in 0...history.trainingLoss.count {
      let rate = step > 0 ? format(history.learningRate[step - 1]) : ""
      let loss = step > 0 ? format(history.trainingLoss[step - 1]) : ""
      let index = evaluations[step]
      let validation = index.map { format(history.validationLoss[$0]) } ?? ""
      let reference = index.flatMap { history.referenceLoss.indices.contains($0) ? format(history.referenceLoss[$0]) : nil } ?? ""
      lines.append("\(step),\(rate),\(loss),\(validation),\(reference)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func format(_ value: Double) -> String { String(format: "%.8g", value) }
}
