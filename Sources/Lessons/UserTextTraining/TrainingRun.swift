import Autograd
import Foundation
import NeuralNet
import WorkbenchFiles

/// One run of `workbench train` or `workbench finetune`: a GPT trained on the user's text with
/// AdamW (warm-up then cosine schedule, gradient clipping), random windows of the training part
/// drawn by one seeded generator, the validation loss measured every `evaluationInterval` steps,
/// and everything needed to continue saved in the output folder at those points, when stopped and
/// at the end (see `TrainingState`). A run stopped after step k and resumed ends with the same
/// weights, bit for bit, as one that was never stopped: the weights, AdamW's moments and step
/// counter, the generator's state and the schedule are all restored.
///
/// Files in the output folder: `checkpoint.safetensors` (the model with its config and tokenizer;
/// for LoRA without merging, `adapter.safetensors` holds only the adapters), `training-state.safetensors`,
/// `history.csv`, and at the end `metrics.json`, `loss.png` and `timings.json` (wall-clock only).
public final class TrainingRun {
  /// The model trained (with its LoRA adapters when `setup.options.lora` is set).
  public let model: GPT<Float>
  /// The tokenizer of the model.
  public let tokenizer: any Tokenizer
  /// The token ids trained and measured on.
  public let data: TrainingData
  /// What the run was started with.
  public let setup: TrainingSetup
  /// The output folder.
  public let folder: URL
  /// What the run measured so far.
  public private(set) var history: TrainingHistory
  /// Steps taken so far.
  public private(set) var step: Int
  /// The generator that draws the training windows.
  private(set) var generator: SplitMix64
  let optimizer: AdamW<Float>
  /// Names of the trainable parameters, in the optimizer's order.
  let trainableNames: [String]

  /// The checkpoint's file name in the output folder.
  public static let checkpointFileName = "checkpoint.safetensors"
  /// The adapters' file name (LoRA without `merge`).
  public static let adapterFileName = "adapter.safetensors"

  init(
    model: GPT<Float>, tokenizer: any Tokenizer, data: TrainingData, setup: TrainingSetup, folder: URL,
    history: TrainingHistory, step: Int, generator: SplitMix64
  ) throws {
    self.model = model
    self.tokenizer = tokenizer
    self.data = data
    self.setup = setup
    self.folder = folder
    self.history = history
    self.step = step
    self.generator = generator
    let options = setup.options
    optimizer = AdamW<Float>(
      parameters: model.parameters, learningRate: options.schedule.rate(at: step), betas: (0.9, 0.95), eps: 1e-8,
      weightDecay: options.weightDecay, decayMatricesOnly: true)
    trainableNames = model.namedParameters.filter(\.tensor.requiresGrad).map(\.name)
  }

  /// A new run of `model` (freshly initialised for `train`, loaded for `finetune`) on `data`, its
  /// windows drawn by `generator`; attaches LoRA adapters (initialised from `generator`) when the
  /// options ask for them, and creates `folder` if needed.
  /// - Throws: `TrainingError.cannotCreateOutput` when `folder` is a file or cannot be created.
  public static func start(
    model: GPT<Float>, tokenizer: any Tokenizer, data: TrainingData, setup: TrainingSetup, folder: URL,
    generator: SplitMix64
  ) throws -> TrainingRun {
    try prepareFolder(folder)
    var generator = generator
    if let lora = setup.options.lora { try model.attachLoRA(rank: lora.rank, alpha: lora.alpha, using: &generator) }
    return try TrainingRun(
      model: model, tokenizer: tokenizer, data: data, setup: setup, folder: folder, history: TrainingHistory(), step: 0,
      generator: generator)
  }

  /// The run saved in `folder` by an earlier, stopped `train` or `finetune`, ready to continue.
  /// - Throws: `TrainingError.noSavedState`, `.badSavedState`, `.textChanged`, or the text's errors.
  public static func resume(from folder: URL) throws -> TrainingRun {
    try TrainingState.load(from: folder)
  }

  /// How a call of `run(observer:)` ended.
  public enum Ending: Equatable, Sendable {
    /// Every step (or the time budget) is done; the final files are written.
    case finished(TrainingSummary)
    /// Stopped on request after `step`; the state is saved for `--resume`.
    case interrupted(step: Int)
  }

  /// Whether the run has taken all its steps or used its time.
  public var isDone: Bool {
    if let steps = setup.options.steps { return step >= steps }
    return history.elapsedSeconds >= (setup.options.minutes ?? 0) * 60
  }

  /// Trains until the last step, the end of the time budget, or `observer.stopRequested`;
  /// saves the state, checkpoint and history at every evaluation and at the end; writes the
  /// final measurements when finished.
  public func run(observer: any TrainingObserver) throws -> Ending {
    let options = setup.options
    let length = model.config.blockSize
    let training = data.split.training
    let trainable = model.trainableParameters
    if step == 0 && history.evaluationSteps.isEmpty {
      let started = Date()
      history.validationLossBefore = try HeldOutEvaluation.evaluate(model, tokens: data.split.validation).meanCrossEntropy
      history.referenceLossBefore = try data.reference.map { try HeldOutEvaluation.evaluate(model, tokens: $0).meanCrossEntropy }
      try evaluate(observer: observer)
      history.elapsedSeconds += Date().timeIntervalSince(started)
    }
    while !isDone {
      let started = Date()
      var inputs: [Int] = [], targets: [Int] = []
      inputs.reserveCapacity(options.batchSize * length)
      targets.reserveCapacity(options.batchSize * length)
      for _ in 0..<options.batchSize {
        let start = generator.corpusIndex(training.count - length)
        inputs += training[start..<(start + length)]
        targets += training[(start + 1)...(start + length)]
      }
      let rate = options.schedule.rate(at: step)
      optimizer.learningRate = rate
      let loss = try model.loss(tokens: inputs, targets: targets, batch: options.batchSize, length: length)
      loss.backward()
      let value = Double(try Loss.checkFinite(loss, step: step + 1))
      clipGradientNorm(trainable, maxNorm: options.gradientClip)
      optimizer.step()
      model.zeroGrad()
      step += 1
      history.trainingLoss.append(value)
      history.learningRate.append(rate)
      let seconds = Date().timeIntervalSince(started)
      history.elapsedSeconds += seconds
      history.stepSeconds += seconds
      observer.trainingStepFinished(
        step: step, totalSteps: options.steps, loss: value, stepSeconds: history.stepSeconds, tokensPerStep: inputs.count)
      let evaluationDue = step % options.evaluationInterval == 0
      if evaluationDue || isDone {
        let evaluationStart = Date()
        try evaluate(observer: observer)
        history.elapsedSeconds += Date().timeIntervalSince(evaluationStart)
      }
      if options.sampleInterval > 0 && step % options.sampleInterval == 0 {
        observer.trainingSampled(step: step, text: try sample())
      }
      if observer.stopRequested && !isDone {
        try save()
        return .interrupted(step: step)
      }
      if evaluationDue && !isDone { try save() }
    }
    try save()
    return .finished(try TrainingReport(run: self).write())
  }

  /// Validation (and reference) loss on their first `evaluationWindows` windows, appended to the history.
  private func evaluate(observer: any TrainingObserver) throws {
    let windows = setup.options.evaluationWindows
    let validation = try HeldOutEvaluation.evaluate(model, tokens: data.split.validation, maxWindows: windows).meanCrossEntropy
    let reference = try data.reference.map { try HeldOutEvaluation.evaluate(model, tokens: $0, maxWindows: windows).meanCrossEntropy }
    history.evaluationSteps.append(step)
    history.validationLoss.append(validation)
    if let reference { history.referenceLoss.append(reference) }
    observer.trainingEvaluated(step: step, validationLoss: validation, referenceLoss: reference)
  }

  /// `sampleLength` tokens sampled at temperature 0.8 after the first tokens of the validation
  /// text (the prompt included), from a generator of its own (the batches' stream is not touched).
  public func sample() throws -> String {
    var sampler = SplitMix64(seed: setup.options.seed ^ (0x5A4D_504C_4500_0000 &+ UInt64(step)))
    var context = Array(data.split.validation.prefix(max(1, min(16, model.config.blockSize / 2))))
    let block = model.config.blockSize
    try GradientMode.withoutRecording {
      for _ in 0..<setup.options.sampleLength {
        let window = Array(context.suffix(block))
        let logits = try model(window, batch: 1, length: window.count)
        let width = model.config.vocabSize
        let last = Array(logits.scalars[((window.count - 1) * width)..<(window.count * width)])
        context.append(TextSampler.pick(from: last, temperature: 0.8, using: &sampler))
      }
    }
    return try tokenizer.decode(context)
  }

  /// Writes the training state, the checkpoint (or adapters) and `history.csv`, each atomically.
  public func save() throws {
    try TrainingState.save(self, to: folder)
    let metadata = ["trained_steps": "\(step)", "base_checkpoint": setup.baseCheckpoint ?? ""]
    if let lora = setup.options.lora {
      if lora.merge {
        try Checkpoint.save(try mergedModel(), tokenizer: tokenizer, extraMetadata: metadata, to: checkpointURL)
      } else {
        try saveAdapters(lora, metadata: metadata)
      }
    } else {
      try Checkpoint.save(model, tokenizer: tokenizer, extraMetadata: metadata, to: checkpointURL)
    }
    try OutputFolder.write(Data(TrainingReport.historyCSV(history).utf8), to: folder.appendingPathComponent("history.csv"))
  }

  /// `folder/checkpoint.safetensors`.
  public var checkpointURL: URL { folder.appendingPathComponent(Self.checkpointFileName) }

  /// A copy of the model with every adapter folded into its weight (the training model keeps its adapters).
  public func mergedModel() throws -> GPT<Float> {
    var unused = SplitMix64(seed: 0)
    let copy = try GPT<Float>(config: model.config, using: &unused)
    if let lora = setup.options.lora { try copy.attachLoRA(rank: lora.rank, alpha: lora.alpha, using: &unused) }
    for (target, source) in zip(copy.namedParameters, model.namedParameters) { try target.tensor.assign(source.tensor.scalars) }
    if setup.options.lora != nil { try copy.mergeLoRA() }
    return copy
  }

  /// Writes only the adapters (`…lora_A` `[r, in]`, `…lora_B` `[out, r]`) with the config, tokenizer, rank and α.
  private func saveAdapters(_ lora: TrainingOptions.LoRAOptions, metadata: [String: String]) throws {
    var tensors: [String: SafetensorsArray] = [:]
    for p in model.namedParameters where p.name.hasSuffix("lora_A") || p.name.hasSuffix("lora_B") {
      tensors[p.name] = SafetensorsArray(shape: p.tensor.shape, scalars: p.tensor.scalars)
    }
    var all = metadata
    all["lora_rank"] = "\(lora.rank)"
    all["lora_alpha"] = "\(lora.alpha)"
    all["tokenizer"] = tokenizer.serialized
    all["config"] = String(decoding: try JSONEncoder.trainingState.encode(model.config), as: UTF8.self)
    all["format"] = "pt"
    try SafetensorsFile(tensors: tensors, metadata: all).write(to: folder.appendingPathComponent(Self.adapterFileName))
  }

  /// Makes sure `folder` is a writable folder, creating it if needed, without the temporaries of a killed run.
  static func prepareFolder(_ folder: URL) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw TrainingError.cannotCreateOutput(path: folder.path, reason: "it is a file, not a folder; choose another --output")
      }
      guard FileManager.default.isWritableFile(atPath: folder.path) else {
        throw TrainingError.cannotCreateOutput(path: folder.path, reason: "the folder is not writable")
      }
      // The temporary files of an earlier run that was killed while saving.
      StaleTemporaries.remove(in: folder)
      return
    }
    do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
      throw TrainingError.cannotCreateOutput(path: folder.path, reason: error.localizedDescription)
    }
  }
}
