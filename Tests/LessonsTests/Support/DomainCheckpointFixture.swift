import Autograd
import Foundation
import NeuralNet

@testable import Lessons

/// A stand-in for the `pretrain-finetune` lesson's output while that lesson is not on main: a
/// small GPT trained for a few seconds on the Northwind support corpus (`Corpora.domain`) and saved
/// where `preference-tuning` reads its reference, `<outputRoot>/pretrain-finetune/finetuned.safetensors`.
///
/// Trained once per test process; every test copies the bytes into its own output folder.
enum DomainCheckpointFixture {
  /// How the stand-in model is made.
  struct Recipe: Sendable {
    var config: GPTConfig
    var steps: Int
    var batch: Int
    var learningRate: Double
    var seed: UInt64
  }

  /// Printable ASCII and newline: the characters of every corpus (96 tokens).
  static let vocabulary: [Unicode.Scalar] = [Unicode.Scalar(10)] + (32...126).map { Unicode.Scalar(UInt8($0)) }

  /// The recipe the tests use: the shape of `pretrain-finetune --quick` (two blocks, 32 wide, block size 32).
  static let testRecipe = Recipe(
    config: GPTConfig(vocabSize: vocabulary.count, blockSize: 32, layerCount: 2, headCount: 2, embeddingWidth: 32),
    steps: 300, batch: 16, learningRate: 3e-3, seed: 7)

  /// The checkpoint bytes of `testRecipe`, or why they could not be made.
  static let checkpoint: Result<Data, FixtureFailure> = Result {
    try bytes(recipe: testRecipe)
  }.mapError { FixtureFailure(message: "\($0)") }

  /// Why the fixture could not be built.
  struct FixtureFailure: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Writes the test checkpoint to `<outputRoot>/pretrain-finetune/finetuned.safetensors`.
  static func install(in outputRoot: URL) throws {
    let url = PreferenceTuningLesson.referenceCheckpoint(in: outputRoot)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try checkpoint.get().write(to: url)
  }

  /// Trains a GPT by `recipe` on random windows of the domain corpus and returns its checkpoint.
  static func bytes(recipe: Recipe) throws -> Data {
    let model = try train(recipe: recipe)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preference-fixture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("finetuned.safetensors")
    try Checkpoint.save(model, tokenizer: CharacterTokenizer(vocabulary: vocabulary), to: url)
    return try Data(contentsOf: url)
  }

  /// The trained model.
  static func train(recipe: Recipe) throws -> GPT<Float> {
    let tokenizer = try CharacterTokenizer(vocabulary: vocabulary)
    let ids = try tokenizer.encode(Corpora.domain(seed: recipe.seed))
    var generator = SplitMix64(seed: recipe.seed)
    let model = try GPT<Float>(config: recipe.config, using: &generator)
    try StandInReferenceTraining.train(
      model, ids: ids, steps: recipe.steps, batch: recipe.batch, learningRate: recipe.learningRate, using: &generator)
    return model
  }
}
