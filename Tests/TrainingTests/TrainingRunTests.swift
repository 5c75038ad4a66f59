import Autograd
import Foundation
import NeuralNet
import Testing
import WorkbenchFiles

@testable import Training

/// `TrainingRun` (the loop behind `workbench train` and `finetune`): the text checks, the split and
/// its unigram baseline, and stop-and-resume ending bit for bit where an unstopped run ends.
@Suite("TrainingRun")
struct TrainingRunTests {
  /// A temporary folder removed at the end of the test.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("training-run-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
      let path = url.appendingPathComponent(name).path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return path
    }
    func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }
  }

  /// An observer that records and asks to stop after `stopAfter` steps.
  final class Recorder: TrainingObserver {
    let stopAfter: Int?
    var steps: [Int] = []
    init(stopAfter: Int? = nil) { self.stopAfter = stopAfter }
    func receive(_ event: TrainingEvent) { if case .step(let report) = event { steps.append(report.step) } }
    var stopRequested: Bool { stopAfter.map { steps.last ?? 0 >= $0 } ?? false }
  }

  static let text = String(
    repeating: "the model reads the text and learns which letter comes next; a longer text teaches it more.\n", count: 40)

  @Test("the unigram baseline is the cross-entropy of the training frequencies (add-one) on the validation tokens")
  func unigramBaseline() throws {
    // training [0, 0, 1, 0]: counts 3 and 1, smoothed 4/6 and 2/6; validation targets (all but the first) [1, 0].
    let split = try TokenSplit(tokens: [0, 0, 1, 0, 0, 1, 0], validationFraction: 3.0 / 7.0, context: 1)
    #expect(split.training == [0, 0, 1, 0] && split.validation == [0, 1, 0])
    let expected = -(log(2.0 / 6.0) + log(4.0 / 6.0)) / 2
    #expect(abs(split.unigramBaseline(vocabularySize: 2) - expected) < 1e-15)
  }

  @Test("a text shorter than one window (in either part) is refused naming the part")
  func tooShort() throws {
    #expect(throws: TrainingError.textTooShort(part: "text", tokenCount: 10, needed: 18, context: 8)) {
      try TokenSplit(tokens: Array(repeating: 0, count: 10), validationFraction: 0.1, context: 8)
    }
    #expect(throws: TrainingError.textTooShort(part: "validation part of the text", tokenCount: 4, needed: 9, context: 8)) {
      try TokenSplit(tokens: Array(repeating: 0, count: 40), validationFraction: 0.1, context: 8)
    }
  }

  @Test("missing, empty and binary text files are refused with the file named")
  func badTextFiles() throws {
    let folder = try Folder()
    let missing = folder.url.appendingPathComponent("nowhere.txt").path
    #expect(throws: TextFileError.missing(path: missing)) { try TrainingText.read([missing]) }
    let empty = try folder.file("empty.txt", "")
    #expect(throws: TextFileError.empty(path: empty)) { try TrainingText.read([empty]) }
    let nul = try folder.file("nul.bin", [0x61, 0x62, 0x00, 0x63])
    #expect(throws: TextFileError.notText(path: nul, reason: "it has a NUL byte at offset 2")) { try TrainingText.read([nul]) }
    let invalid = try folder.file("latin1.txt", [0x63, 0x61, 0x66, 0xE9])
    #expect(throws: TextFileError.notText(path: invalid, reason: "it is not valid UTF-8")) { try TrainingText.read([invalid]) }
    #expect(throws: TextFileError.unreadable(path: folder.url.path, reason: "it is a folder, not a file")) {
      try TrainingText.read([folder.url.path])
    }
  }

  @Test("files are joined with a newline between them, and a changed file stops a resume")
  func joinAndFingerprint() throws {
    let folder = try Folder()
    let a = try folder.file("a.txt", "abc"), b = try folder.file("b.txt", "def\n")
    let text = try TrainingText.read([a, b])
    #expect(text.text == "abc\ndef\n")
    #expect(try TrainingText.reread(text.sources).text == text.text)
    _ = try folder.file("a.txt", "abd")
    #expect(throws: TrainingError.textChanged(path: a)) { try TrainingText.reread(text.sources) }
  }

  /// A new run of a tiny GPT on `text` into `folder` (LoRA on a pre-trained copy when `lora`).
  static func newRun(in folder: URL, textPath: String, steps: Int, lora: TrainingOptions.LoRAOptions? = nil) throws -> TrainingRun {
    let text = try TrainingText.read([textPath])
    let tokenizer = try CharacterTokenizer(text: text.text)
    let options = TrainingOptions(steps: steps, batchSize: 4, learningRate: 1e-2, seed: 7, evaluationInterval: 4, evaluationWindows: 4, lora: lora)
    let setup = TrainingSetup(kind: lora == nil ? .train : .finetune, texts: text.sources, validationFraction: 0.2, options: options, command: "test")
    let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 16, layerCount: 1, headCount: 2, embeddingWidth: 16)
    let data = try TrainingData(text: text.text, reference: nil, setup: setup, tokenizer: tokenizer, context: 16)
    var generator = SplitMix64(seed: 7)
    let model = try GPT<Float>(config: config, using: &generator)
    return try TrainingRun.start(model: model, tokenizer: tokenizer, data: data, setup: setup, folder: folder, generator: generator)
  }

  @Test("stopped after step k and resumed from its folder, a run ends with the same weights and history", arguments: [
    (3, false), (9, false), (6, true),
  ])
  func resumeIsBitIdentical(stopAfter: Int, lora: Bool) throws {
    let folder = try Folder()
    let path = try folder.file("text.txt", Self.text)
    let adapters = lora ? TrainingOptions.LoRAOptions(rank: 2, alpha: 4, merge: true) : nil
    let whole = try Self.newRun(in: folder.url.appendingPathComponent("whole"), textPath: path, steps: 20, lora: adapters)
    guard case .finished = try whole.run(observer: Recorder()) else { Issue.record("the run did not finish"); return }

    let partFolder = folder.url.appendingPathComponent("parts")
    let first = try Self.newRun(in: partFolder, textPath: path, steps: 20, lora: adapters)
    #expect(try first.run(observer: Recorder(stopAfter: stopAfter)) == .interrupted(step: stopAfter))
    let resumed = try TrainingRun.resume(from: partFolder)
    #expect(resumed.step == stopAfter)
    let recorder = Recorder()
    guard case .finished = try resumed.run(observer: recorder) else { Issue.record("the resumed run did not finish"); return }
    #expect(recorder.steps == Array((stopAfter + 1)...20))

    for (a, b) in zip(whole.model.namedParameters, resumed.model.namedParameters) {
      #expect(a.name == b.name)
      #expect(a.tensor.scalars.map(\.bitPattern) == b.tensor.scalars.map(\.bitPattern), "\(a.name)")
    }
    #expect(whole.history.trainingLoss == resumed.history.trainingLoss)
    #expect(whole.history.validationLoss == resumed.history.validationLoss)
    let checkpointA = try Data(contentsOf: whole.checkpointURL), checkpointB = try Data(contentsOf: resumed.checkpointURL)
    #expect(checkpointA == checkpointB)
    // The run really trained: the validation loss fell.
    #expect(whole.history.validationLoss.last! < whole.history.validationLoss.first! - (lora ? 0.02 : 0.1))
  }

  @Test("start(request) assembles the run that is otherwise built by hand: the same weights after 4 steps")
  func startFromRequest() throws {
    let folder = try Folder()
    let path = try folder.file("text.txt", Self.text)
    let byHand = try Self.newRun(in: folder.url.appendingPathComponent("hand"), textPath: path, steps: 4)
    _ = try byHand.run(observer: Recorder())
    let options = TrainingOptions(steps: 4, batchSize: 4, learningRate: 1e-2, seed: 7, evaluationInterval: 4, evaluationWindows: 4)
    let request = TrainingRequest(
      model: .new(layers: 1, heads: 2, width: 16, context: 16, bpeMerges: nil), texts: [path], validationFraction: 0.2,
      options: options, folder: folder.url.appendingPathComponent("request"), command: "test")
    let started = try TrainingRun.start(request)
    _ = try started.run(observer: Recorder())
    #expect(started.model.parameters.map(\.scalars) == byHand.model.parameters.map(\.scalars))
    #expect(throws: TrainingError.folderHoldsRun(folder: request.folder.path)) { try TrainingRun.start(request) }

    // Fine-tuning the checkpoint with LoRA adapters that are not merged: the adapter file, read back
    // and put on the checkpoint, gives the fine-tuned model's logits.
    var lora = request
    lora.model = .checkpoint(path: started.checkpointURL.path)
    lora.folder = folder.url.appendingPathComponent("lora")
    lora.options.lora = TrainingOptions.LoRAOptions(rank: 2, alpha: 4, merge: false)
    let tuned = try TrainingRun.start(lora)
    _ = try tuned.run(observer: Recorder())
    let adapters = try LoRAAdapterFile.read(from: lora.folder.appendingPathComponent(TrainingRun.adapterFileName))
    let base = try Checkpoint.loadGPT(from: started.checkpointURL).model
    try adapters.apply(to: base, path: "adapter.safetensors")
    let tokens = Array(tuned.data.split.validation.prefix(16))
    let expected = try GradientMode.withoutRecording { try tuned.model(tokens, batch: 1, length: 16) }.scalars
    #expect(try GradientMode.withoutRecording { try base(tokens, batch: 1, length: 16) }.scalars == expected)

    lora.folder = folder.url.appendingPathComponent("wide")
    lora.options.lora = TrainingOptions.LoRAOptions(rank: 17, alpha: 4, merge: false)
    #expect(throws: TrainingError.loraRankTooLarge(rank: 17, width: 16)) { try TrainingRun.start(lora) }
  }

  @Test("a finished run's folder refuses nothing but holds its files; resuming it does no more steps")
  func finishedFiles() throws {
    let folder = try Folder()
    let path = try folder.file("text.txt", Self.text)
    let out = folder.url.appendingPathComponent("out")
    let run = try Self.newRun(in: out, textPath: path, steps: 4)
    guard case let .finished(summary) = try run.run(observer: Recorder()) else { Issue.record("not finished"); return }
    for name in ["checkpoint.safetensors", "training-state.safetensors", "history.csv", "metrics.json", "loss.png", "timings.json"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    let loaded = try Checkpoint.loadGPT(from: run.checkpointURL)
    let evaluated = try HeldOutEvaluation.evaluate(loaded.model, tokens: run.data.split.validation).meanCrossEntropy
    #expect(evaluated == summary.validationLossAfter)
    let csv = try String(contentsOf: out.appendingPathComponent("history.csv"), encoding: .utf8)
    // A header, the training series (steps 1…4) and the validation series (each evaluation, 0 = before training).
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.filter { $0[0] == "training" }.map { Int($0[1])! } == [1, 2, 3, 4])
    #expect(rows.filter { $0[0] == "validation" }.map { Int($0[1])! } == run.history.evaluationSteps)
    let again = try TrainingRun.resume(from: out)
    #expect(again.isDone)
  }

  @Test("an output path that is a file is refused")
  func outputIsFile() throws {
    let folder = try Folder()
    let path = try folder.file("text.txt", Self.text)
    #expect(throws: TrainingError.cannotCreateOutput(path: path, reason: "it is a file, not a folder; choose another --output")) {
      try Self.newRun(in: URL(fileURLWithPath: path), textPath: path, steps: 2)
    }
  }
}
