import Foundation
import NeuralNet
import Plotting
import WorkbenchFiles

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

/// The final files of a finished `TrainingRun`, in the one run-folder layout of ``RunFolder``:
/// `metrics.json` (what was trained and measured, deterministic; losses in nats per token),
/// `history.csv`, `timings.json` (wall-clock only) and `loss.png`.
struct TrainingReport {
  let run: TrainingRun

  /// Scores the whole validation part (and reference text), writes the run folder's files and returns the losses.
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
    let stopping = run.earlyStopping()
    let best = stopping.best
    let modelFile = run.setup.options.lora.map { $0.merge ? TrainingRun.checkpointFileName : TrainingRun.adapterFileName }
      ?? TrainingRun.checkpointFileName
    let stoppedEarlyAfter = stopping.stopRequested ? run.step : nil

    var result = header()
    let optional: [(String, Double?, String)] = [
      ("validation_loss_before", history.validationLossBefore, "nats"), ("validation_loss_after", after, "nats"),
      ("validation_bits_per_byte_before", bitsPerByteBefore, "bits per byte"),
      ("validation_bits_per_byte_after", bitsPerByteAfter, "bits per byte"), ("unigram_baseline", baseline, "nats"),
      ("reference_loss_before", history.referenceLossBefore, "nats"), ("reference_loss_after", referenceAfter, "nats"),
      ("final_training_loss", history.trainingLoss.last, "nats"),
      ("best_step", best.map { Double($0.step) }, "step"), ("best_validation_loss", best?.loss, "nats"),
      ("best_training_loss", best.flatMap { $0.step > 0 && $0.step <= history.trainingLoss.count ? history.trainingLoss[$0.step - 1] : nil }, "nats"),
      ("last_validation_loss", stopping.last?.loss, "nats"), ("stopped_early_after", stoppedEarlyAfter.map(Double.init), "step"),
    ]
    for (name, value, unit) in optional { if let value { result.metric(name, value, unit: unit) } }
    result.claim(
      "The validation loss ends below the unigram baseline", after < baseline,
      detail: String(format: "%.4f nats per token after training against %.4f for the training text's token frequencies", after, baseline))
    result.plots = [PlotRecord(
      file: "loss.png", title: "Training and validation loss",
      caption: "Training-batch loss at every step and validation loss at each evaluation, with the unigram baseline.",
      alt: String(format: "Loss curves falling from %@ to %.3f nats per token on the validation text.",
        history.validationLossBefore.map { String(format: "%.3f", $0) } ?? "the start", after))]
    result.tables = [settingsTable(modelFile: modelFile)]
    result.history = Self.historySeries(history)
    result.timings = [
      Timing(phase: "training steps", seconds: history.stepSeconds),
      Timing(phase: "training steps and evaluations", seconds: history.elapsedSeconds),
    ]
    do { try RunFolder(run.folder).write(result) } catch let error as FileWriteError {
      throw TrainingError.cannotCreateOutput(path: error.path, reason: error.reason)
    }
    let metadata = PNGMetadata(title: "Training and validation loss", software: workbenchSoftware, source: run.setup.command)
    try chart(baseline: baseline, bitsPerByte: bitsPerByteAfter).save(to: run.folder.appendingPathComponent("loss.png"), metadata: metadata)
    return TrainingSummary(
      validationLossBefore: history.validationLossBefore, validationLossAfter: after, validationBitsPerByteBefore: bitsPerByteBefore,
      validationBitsPerByteAfter: bitsPerByteAfter, unigramBaseline: baseline,
      referenceLossBefore: history.referenceLossBefore, referenceLossAfter: referenceAfter, modelFile: modelFile,
      best: best, last: stopping.last, stoppedEarlyAfter: stoppedEarlyAfter)
  }

  /// The result's identity and the sizes of what was trained.
  func header() -> RunResult {
    let setup = run.setup, model = run.model
    let names = setup.texts.map { URL(fileURLWithPath: $0.path).lastPathComponent }.joined(separator: ", ")
    let what = setup.kind == .train ? "pre-trained from random weights" : "fine-tuned from \(setup.baseCheckpoint ?? "a checkpoint")"
    var terms = setup.kind == .train ? ["pre-training"] : ["fine-tuning"]
    if setup.options.lora != nil { terms.append("lora") }
    var result = RunResult(
      lesson: setup.kind.rawValue, title: "\(setup.kind.rawValue) on \(names)",
      summary: "A GPT of \(model.parameterCount) parameters \(what) on \(names) for \(run.step) steps.",
      glossaryTerms: terms + ["validation-set"], seed: setup.options.seed, quick: false, command: setup.command,
      metrics: [], claims: [], plots: [], tables: [])
    let sizes: [(String, Int, String)] = [
      ("parameters", model.parameterCount, "parameters"), ("trainable_parameters", model.trainableParameterCount, "parameters"),
      ("vocab_size", run.tokenizer.vocabularySize, "tokens"), ("steps", run.step, "steps"),
      ("tokens_trained", run.step * setup.options.batchSize * model.config.blockSize, "tokens"),
      ("training_tokens", run.data.split.training.count, "tokens"), ("validation_tokens", run.data.split.validation.count, "tokens"),
    ]
    for (name, value, unit) in sizes { result.metric(name, Double(value), unit: unit) }
    return result
  }

  /// What the run was given: the texts with their fingerprints, the model and tokenizer, and every option.
  func settingsTable(modelFile: String) -> ResultTable {
    let setup = run.setup, config = run.model.config
    var rows: [[String]] = setup.texts.map { ["text", "\($0.path) (\($0.byteCount) bytes, FNV-1a \($0.fingerprint))"] }
    if let text = setup.validationText { rows.append(["validation text", "\(text.path) (\(text.byteCount) bytes, FNV-1a \(text.fingerprint))"]) }
    else { rows.append(["validation fraction", "\(setup.validationFraction)"]) }
    if let text = setup.referenceText { rows.append(["reference text", "\(text.path) (\(text.byteCount) bytes, FNV-1a \(text.fingerprint))"]) }
    if let base = setup.baseCheckpoint { rows.append(["base checkpoint", base]) }
    if let adapter = setup.baseAdapter { rows.append(["base adapter", adapter]) }
    rows.append(["tokenizer", run.tokenizer.kindName])
    rows.append(["model", "\(config.layerCount) layers, \(config.headCount) heads, width \(config.embeddingWidth), context \(config.blockSize)"])
    rows.append(["model file", modelFile])
    rows.append(["best model file", TrainingRun.bestFileName])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(setup.options),
      case .object(let fields)? = try? JSONParser.parse(data)
    {
      for (key, value) in fields.sorted(by: { $0.key < $1.key }) { rows.append(["option \(key)", JSONWriter.document(value, inlineDepth: 0).trimmingCharacters(in: .whitespacesAndNewlines)]) }
    }
    return ResultTable(title: "Settings", columns: ["setting", "value"], rows: rows)
  }

  /// The run's measurements as `history.csv` series: `training` (every step: learning rate and
  /// batch loss) and `validation` (each evaluation, 0 = before training: validation loss, and the
  /// reference text's loss when there is one).
  static func historySeries(_ history: TrainingHistory) -> [HistorySeries] {
    var validation = [("validation_loss", history.validationLoss)]
    if history.referenceLoss.count == history.evaluationSteps.count && !history.referenceLoss.isEmpty {
      validation.append(("reference_loss", history.referenceLoss))
    }
    return [
      HistorySeries(
        name: "training", steps: Array(1...max(1, history.trainingLoss.count)).prefix(history.trainingLoss.count).map { $0 },
        values: [("learning_rate", history.learningRate), ("training_loss", history.trainingLoss)]),
      HistorySeries(name: "validation", steps: history.evaluationSteps, values: validation),
    ]
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

}
