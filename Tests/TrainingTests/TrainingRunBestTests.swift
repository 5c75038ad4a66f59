import Autograd
import Foundation
import NeuralNet
import Testing
import WorkbenchFiles

@testable import Training

/// A run with a validation text of its own, early stopping and the best checkpoint: it stops after
/// `earlyStop` evaluations without a lower validation loss, `best.safetensors` holds the model of
/// the lowest one, and a run stopped by Ctrl-C and resumed stops at the same step with the same best.
@Suite("TrainingRun best checkpoint")
struct TrainingRunBestTests {
  typealias Folder = TrainingRunTests.Folder
  typealias Recorder = TrainingRunTests.Recorder

  /// The same letters as the training text in other words and order: a model that learns the
  /// training sentence by heart first gets better on it, then worse.
  static let validation = String(
    repeating: "which letter comes next teaches the model more; a text reads it and learns longer.\n", count: 6)

  /// A tiny character model on the training text, validated on `validation`, evaluated every 2 steps.
  static func newRun(in folder: URL, textPath: String, validationPath: String) throws -> TrainingRun {
    let text = try TrainingText.read([textPath]), validation = try TrainingText.read([validationPath])
    let tokenizer = try CharacterTokenizer(text: text.text)
    let options = TrainingOptions(
      steps: 300, batchSize: 4, learningRate: 2e-2, seed: 7, evaluationInterval: 2, evaluationWindows: 4, earlyStop: 3)
    let setup = TrainingSetup(
      kind: .train, texts: text.sources, validationFraction: 0.1, validationText: validation.sources.first, options: options,
      command: "test")
    let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 16, layerCount: 1, headCount: 2, embeddingWidth: 16)
    let data = try TrainingData(
      text: text.text, validation: validation.text, reference: nil, setup: setup, tokenizer: tokenizer, context: 16)
    var generator = SplitMix64(seed: 7)
    let model = try GPT<Float>(config: config, using: &generator)
    return try TrainingRun.start(model: model, tokenizer: tokenizer, data: data, setup: setup, folder: folder, generator: generator)
  }

  @Test("the run stops after 3 evaluations without improvement; best.safetensors and metrics.json hold the best step")
  func stopsEarlyAndKeepsTheBest() throws {
    let folder = try Folder()
    let path = try folder.file("text.txt", TrainingRunTests.text), validationPath = try folder.file("validation.txt", Self.validation)
    let out = folder.url.appendingPathComponent("whole")
    let run = try Self.newRun(in: out, textPath: path, validationPath: validationPath)
    // All of the text is trained on; the validation text is held out whole.
    #expect(run.data.split.training.count == TrainingRunTests.text.count && run.data.split.validation.count == Self.validation.count)
    guard case let .finished(summary) = try run.run(observer: Recorder()) else { Issue.record("not finished"); return }

    let losses = run.history.validationLoss, steps = run.history.evaluationSteps
    let bestIndex = losses.indices.min { losses[$0] < losses[$1] }!
    #expect(run.step < 300 && summary.stoppedEarlyAfter == run.step && steps.last == run.step)
    #expect(summary.best == EarlyStopping.Measurement(step: steps[bestIndex], loss: losses[bestIndex]))
    // Exactly three evaluations after the best, none lower.
    #expect(bestIndex == losses.count - 4 && losses.suffix(3).allSatisfy { $0 >= losses[bestIndex] })
    #expect(summary.best!.step > 0, "the model got better than its random start")

    // best.safetensors is the model of the best step: evaluated the same way, the same loss, bit for bit.
    let best = try Checkpoint.loadGPT(from: out.appendingPathComponent(TrainingRun.bestFileName)).model
    let evaluated = try HeldOutEvaluation.evaluate(best, tokens: run.data.split.validation, maxWindows: 4).meanCrossEntropy
    #expect(evaluated == losses[bestIndex])

    let metrics = try RunFolder(out).readResult()
    #expect(metrics.value(of: "best_step") == Double(steps[bestIndex]) && metrics.value(of: "best_validation_loss") == losses[bestIndex])
    #expect(metrics.value(of: "best_training_loss") == run.history.trainingLoss[steps[bestIndex] - 1])
    #expect(metrics.value(of: "last_validation_loss") == losses.last && metrics.value(of: "stopped_early_after") == Double(run.step))

    // Stopped by Ctrl-C before the early stop and resumed: the same stop, the same best, the same files.
    let parts = folder.url.appendingPathComponent("parts")
    let first = try Self.newRun(in: parts, textPath: path, validationPath: validationPath)
    let stopAfter = steps[bestIndex] + 1
    #expect(try first.run(observer: Recorder(stopAfter: stopAfter)) == .interrupted(step: stopAfter))
    let resumed = try TrainingRun.resume(from: parts)
    guard case let .finished(again) = try resumed.run(observer: Recorder()) else { Issue.record("not finished"); return }
    #expect(again.best == summary.best && again.stoppedEarlyAfter == summary.stoppedEarlyAfter)
    for name in [TrainingRun.bestFileName, TrainingRun.checkpointFileName] {
      #expect(try Data(contentsOf: parts.appendingPathComponent(name)) == Data(contentsOf: out.appendingPathComponent(name)), "\(name)")
    }
    // A finished, early-stopped run resumed takes no more steps.
    #expect(try TrainingRun.resume(from: parts).isDone)
  }

  @Test("a validation text shorter than one window is refused naming it")
  func shortValidationText() throws {
    let folder = try Folder()
    let path = try folder.file("text.txt", TrainingRunTests.text), short = try folder.file("short.txt", "the model")
    #expect(throws: TrainingError.textTooShort(part: "validation text \(short)", tokenCount: 9, needed: 17, context: 16)) {
      try Self.newRun(in: folder.url.appendingPathComponent("out"), textPath: path, validationPath: short)
    }
  }
}
