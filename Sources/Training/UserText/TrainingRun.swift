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
/// `history.csv`, `best.safetensors` (the model at its lowest validation loss, written at each
/// evaluation that sets a new lowest), and at the end `metrics.json`, `loss.png` and `timings.json` (wall-clock only).
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
  /// The file of the model at its lowest validation loss so far (a checkpoint, or the adapters for LoRA without `merge`).
  public static let bestFileName = "best.safetensors"

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
      parameters: model.parameters,
      settings: .languageModel(learningRate: options.schedule.rate(at: step), weightDecay: options.weightDecay),
      decayMatricesOnly: true)
    trainableNames = model.namedParameters.filter(\.tensor.requiresGrad).map(\.name)
  }

  /// A new run assembled from `request`: the text read and checked, the tokenizer learned from it
  /// or the checkpoint's, the data split, and the model made (from the seed) or loaded.
  /// - Throws: `TrainingError.folderHoldsRun` when the folder holds a run, `.loraRankTooLarge`, the
  ///   text's and the checkpoint's errors.
  public static func start(_ request: TrainingRequest) throws -> TrainingRun {
    if FileManager.default.fileExists(atPath: request.folder.appendingPathComponent(TrainingState.fileName).path) {
      throw TrainingError.folderHoldsRun(folder: request.folder.path)
    }
    let options = request.options
    switch request.model {
    case let .new(layers, heads, width, context, bpeMerges):
      let text = try TrainingText.read(request.texts)
      let validation = try request.validationText.map { try TrainingText.read([$0]) }
      let tokenizer: any Tokenizer =
        if let bpeMerges { try ByteLevelBPETokenizer.train(on: text.text, merges: bpeMerges) } else { try CharacterTokenizer(text: text.text) }
      let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: context, layerCount: layers, headCount: heads, embeddingWidth: width)
      let setup = TrainingSetup(
        kind: .train, texts: text.sources, validationFraction: request.validationFraction, validationText: validation?.sources.first,
        options: options, command: request.command)
      let data = try TrainingData(
        text: text.text, validation: validation?.text, reference: nil, setup: setup, tokenizer: tokenizer, context: config.blockSize)
      var generator = SplitMix64(seed: options.seed)
      let model = try GPT<Float>(config: config, using: &generator)
      return try start(model: model, tokenizer: tokenizer, data: data, setup: setup, folder: request.folder, generator: generator)
    case let .checkpoint(path):
      let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: path))
      if let adapter = request.adapter {
        try LoRAAdapterFile.read(from: URL(fileURLWithPath: adapter)).apply(to: loaded.model, path: adapter)
        try loaded.model.mergeLoRA()
      }
      if let lora = options.lora, lora.rank > loaded.model.config.embeddingWidth {
        throw TrainingError.loraRankTooLarge(rank: lora.rank, width: loaded.model.config.embeddingWidth)
      }
      let text = try TrainingText.read(request.texts)
      let validation = try request.validationText.map { try TrainingText.read([$0]) }
      let reference = try request.referenceText.map { try TrainingText.read([$0]) }
      var setup = TrainingSetup(
        kind: .finetune, texts: text.sources, referenceText: reference?.sources.first, validationFraction: request.validationFraction,
        validationText: validation?.sources.first, baseCheckpoint: path, skipUnknown: request.skipUnknown, options: options, command: request.command)
      setup.baseAdapter = request.adapter
      let data = try TrainingData(
        text: text.text, validation: validation?.text, reference: reference?.text, setup: setup, tokenizer: loaded.tokenizer,
        context: loaded.model.config.blockSize)
      return try start(
        model: loaded.model, tokenizer: loaded.tokenizer, data: data, setup: setup, folder: request.folder,
        generator: SplitMix64(seed: options.seed))
    }
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
    /// Every step is done in a process other than rank 0 of a group, which wrote the files.
    case finishedElsewhere
  }

  /// Whether the run has taken all its steps, used its time, or stopped early (`earlyStop`
  /// evaluations in a row without a lower validation loss).
  public var isDone: Bool {
    if earlyStopping().stopRequested { return true }
    if let steps = setup.options.steps { return step >= steps }
    return history.elapsedSeconds >= (setup.options.minutes ?? 0) * 60
  }

  /// Trains in the training loop until the last step, the end of the time budget, or
  /// `observer.stopRequested`; saves the state, checkpoint and history at every evaluation and at
  /// the end; writes the final measurements when finished. `observer` receives every event after
  /// the run has recorded it in `history`.
  ///
  /// With `options.replicas` N > 1, each batch's rows are split into N equal shards in order, each
  /// shard's loss is its mean times 1/N, and the gradients are summed in shard order: on N in-process
  /// replicas (``DataParallelReplicas``), or, with `group`, one shard per process
  /// (``RankOrderedGradients``) — the two give the same bits. In a group, every process draws the
  /// same windows from the one generator, all stop after the same step when any process's
  /// `localStop` asks, and only rank 0 evaluates, samples and writes files; the others end with
  /// `.finishedElsewhere`.
  public func run(
    observer: any TrainingObserver, group: (any ProcessGroup)? = nil, localStop: @escaping () -> Bool = { false }
  ) throws -> Ending {
    let options = setup.options
    let copies = options.copies
    let microBatches = options.microBatches
    if let group, group.size != copies { throw TrainingError.copiesDiffer(saved: copies, given: group.size) }
    guard options.batchSize % copies == 0 else { throw TrainingError.batchNotDivisible(batch: options.batchSize, copies: copies) }
    guard copies == 1 || microBatches == 1 else { throw TrainingError.accumulationWithCopies(accumulate: microBatches, copies: copies) }
    guard group == nil || options.earlyStop == nil else { throw TrainingError.earlyStopAcrossProcesses }
    let writes = group.map { $0.rank == 0 } ?? true
    let synchronisation: any GradientSync<Float>
    var shardModel: (Int) -> GPT<Float> = { [model] _ in model }
    var rankOrdered: RankOrderedGradients?
    if let group {
      let sync = RankOrderedGradients(group: group, parameters: model.trainableParameters, localStopRequest: localStop)
      synchronisation = sync
      rankOrdered = sync
    } else if copies > 1 {
      let lora = options.lora
      let replicas = try DataParallelReplicas(model, count: copies) { try Self.copy(of: $0, lora: lora) }
      synchronisation = replicas
      shardModel = { replicas.replicas[$0] }
    } else if microBatches > 1 {
      synchronisation = GradientAccumulation<Float>(microBatches: microBatches)
    } else {
      synchronisation = LocalGradients<Float>()
    }
    let trainingStep = TrainingStep(
      parameters: model.trainableParameters, optimizer: optimizer, schedule: options.schedule, gradientClip: options.gradientClip,
      synchronisation: synchronisation)
    let windows = RandomWindows(tokens: data.split.training, rows: options.batchSize, length: model.config.blockSize, generator: generator)
    let shardRows = options.batchSize / copies
    let loop = TrainingLoop(step: trainingStep, batches: windows, stepsTaken: step, stepSeconds: history.stepSeconds) {
      [model, shardModel] batch, shard in
      guard copies > 1 else { return try model.loss(batch, microBatch: shard, of: microBatches) }
      let rows = batch.rows((shard * shardRows)..<((shard + 1) * shardRows))
      return try shardModel(shard).loss(rows) * (1 / Float(copies))
    }
    if writes {
      loop.evaluation = TrainingHook(every: options.evaluationInterval) { [unowned self] _ in try self.evaluate() }
      if options.sampleInterval > 0 { loop.sampling = TrainingHook(every: options.sampleInterval) { [unowned self] _ in try self.sample() } }
    }
    loop.checkpointing = TrainingHook(every: options.evaluationInterval) { [unowned self, unowned loop] steps in
      self.step = steps
      self.generator = loop.batches.generator
      if writes { try self.save() }
    }
    let stopping = earlyStopping()
    if writes {
      stopping.onImprovement = { [unowned self] _ in try self.writeModel(to: self.folder.appendingPathComponent(Self.bestFileName)) }
    }
    loop.observers = [HistoryRecorder(self), stopping, rankOrdered.map { AgreedStop(observer, sync: $0) } ?? observer]
    if writes && options.log == .tensorboard { loop.observers.append(TensorBoardLog(folder: folder)) }
    if writes && step == 0 && history.evaluationSteps.isEmpty {
      let started = DispatchTime.now().uptimeNanoseconds
      history.validationLossBefore = try HeldOutEvaluation.evaluate(model, tokens: data.split.validation).meanCrossEntropy
      history.referenceLossBefore = try data.reference.map { try HeldOutEvaluation.evaluate(model, tokens: $0).meanCrossEntropy }
      history.elapsedSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      try loop.evaluate()
    }
    let ending = try loop.run(totalSteps: options.steps, until: { _ in isDone })
    if let rankOrdered { exchangeTimes = (rankOrdered.computeSeconds, rankOrdered.communicationSeconds) }
    switch ending {
    case .stopped: return .interrupted(step: step)
    case .finished: return writes ? .finished(try TrainingReport(run: self).write()) : .finishedElsewhere
    }
  }

  /// The early-stopping state of the evaluations so far (the best validation loss and its step,
  /// evaluations since), with the run's patience.
  public func earlyStopping() -> EarlyStopping {
    EarlyStopping(
      lossName: Self.validationName, patience: setup.options.earlyStop,
      replaying: zip(history.evaluationSteps, history.validationLoss).map { EarlyStopping.Measurement(step: $0, loss: $1) })
  }

  /// Seconds this process spent computing its shards and exchanging gradients during the last
  /// `run` in a process group (nil without one).
  public private(set) var exchangeTimes: (compute: Double, communication: Double)?

  /// Passes every event on to `observer`, and stops the loop when some process of the group asked to.
  private final class AgreedStop: TrainingObserver {
    let observer: any TrainingObserver
    let sync: RankOrderedGradients

    init(_ observer: any TrainingObserver, sync: RankOrderedGradients) {
      self.observer = observer
      self.sync = sync
    }

    func receive(_ event: TrainingEvent) throws { try observer.receive(event) }
    var stopRequested: Bool { sync.stopRequested }
  }

  /// Validation (and reference) loss on their first `evaluationWindows` windows.
  private func evaluate() throws -> [NamedLoss] {
    let windows = setup.options.evaluationWindows
    let validation = try HeldOutEvaluation.evaluate(model, tokens: data.split.validation, maxWindows: windows).meanCrossEntropy
    let reference = try data.reference.map { try HeldOutEvaluation.evaluate(model, tokens: $0, maxWindows: windows).meanCrossEntropy }
    return [NamedLoss(TrainingRun.validationName, validation)] + (reference.map { [NamedLoss(TrainingRun.referenceName, $0)] } ?? [])
  }

  /// The names of the held-out losses in `TrainingEvent.evaluation`.
  public static let validationName = "validation", referenceName = "reference"

  /// Records the loop's events in the run: steps taken, losses, learning rates and seconds.
  private final class HistoryRecorder: TrainingObserver {
    unowned let run: TrainingRun

    init(_ run: TrainingRun) { self.run = run }

    func receive(_ event: TrainingEvent) {
      switch event {
      case .step(let report):
        run.step = report.step
        run.history.trainingLoss.append(report.loss)
        run.history.learningRate.append(report.outcome.learningRate)
        run.history.elapsedSeconds += report.seconds
        run.history.stepSeconds = report.stepSeconds
      case let .evaluation(step, losses, seconds):
        run.history.evaluationSteps.append(step)
        for loss in losses {
          if loss.name == TrainingRun.validationName { run.history.validationLoss.append(loss.value) }
          if loss.name == TrainingRun.referenceName { run.history.referenceLoss.append(loss.value) }
        }
        run.history.elapsedSeconds += seconds
      default: break
      }
    }
  }

  /// `sampleLength` tokens sampled at temperature 0.8 after the first tokens of the validation
  /// text (the prompt included), from a generator of its own (the batches' stream is not touched).
  public func sample() throws -> String {
    var generator = SplitMix64(seed: setup.options.seed ^ (0x5A4D_504C_4500_0000 &+ UInt64(step)))
    let context = Array(data.split.validation.prefix(max(1, min(16, model.config.blockSize / 2))))
    let sampler = TokenSampler(model: model, vocabularySize: tokenizer.vocabularySize, settings: SamplingSettings(temperature: 0.8))
    let written = try sampler.sample(after: [context], count: setup.options.sampleLength, using: &generator)[0]
    return try tokenizer.decode(context + written)
  }

  /// Writes the training state, the checkpoint (or adapters) and `history.csv`, each atomically.
  public func save() throws {
    try TrainingState.save(self, to: folder)
    let unmergedAdapters = setup.options.lora.map { !$0.merge } ?? false
    try writeModel(to: unmergedAdapters ? folder.appendingPathComponent(Self.adapterFileName) : checkpointURL)
    try Self.write(Data(RunFolder.historyCSV(TrainingReport.historySeries(history)).utf8), to: RunFolder(folder).historyURL)
  }

  /// Writes the model as it is now to `url`, atomically: a checkpoint (adapters merged into the
  /// weights with `merge`), or for LoRA without `merge` the adapters alone.
  func writeModel(to url: URL) throws {
    var metadata = ["trained_steps": "\(step)", "base_checkpoint": setup.baseCheckpoint ?? ""]
    if let adapter = setup.baseAdapter { metadata["base_adapter"] = adapter }
    if let lora = setup.options.lora {
      if lora.merge {
        try Checkpoint.save(try mergedModel(), tokenizer: tokenizer, extraMetadata: metadata, to: url)
      } else {
        try LoRAAdapterFile(model: model, rank: lora.rank, alpha: lora.alpha, tokenizer: tokenizer, extraMetadata: metadata).write(to: url)
      }
    } else {
      try Checkpoint.save(model, tokenizer: tokenizer, extraMetadata: metadata, to: url)
    }
  }

  /// `folder/checkpoint.safetensors`.
  public var checkpointURL: URL { folder.appendingPathComponent(Self.checkpointFileName) }

  /// A copy of the model with every adapter folded into its weight (the training model keeps its adapters).
  public func mergedModel() throws -> GPT<Float> {
    let copy = try Self.copy(of: model, lora: setup.options.lora)
    if setup.options.lora != nil { try copy.mergeLoRA() }
    return copy
  }

  /// A model equal to `model` (its adapters too, when `lora` is set) that shares no tensor with it.
  static func copy(of model: GPT<Float>, lora: TrainingOptions.LoRAOptions?) throws -> GPT<Float> {
    var unused = SplitMix64(seed: 0)
    let copy = try GPT<Float>(config: model.config, using: &unused)
    if let lora { try copy.attachLoRA(rank: lora.rank, alpha: lora.alpha, using: &unused) }
    for (target, source) in zip(copy.namedParameters, model.namedParameters) { try target.tensor.assign(source.tensor.scalars) }
    return copy
  }

  /// Makes sure `folder` is a writable folder, creating it if needed, without the temporaries of a killed run.
  static func prepareFolder(_ folder: URL) throws {
    do { try WritableFolder.prepare(folder) } catch {
      throw TrainingError.cannotCreateOutput(path: error.path, reason: error.reason)
    }
  }

  /// Writes `bytes` to `url` atomically (``AtomicFile``).
  static func write(_ bytes: Data, to url: URL) throws {
    do { try AtomicFile.write(bytes, to: url) } catch {
      throw TrainingError.cannotCreateOutput(path: url.path, reason: error.reason)
    }
  }
}
