import Autograd
import Foundation
import Testing

@testable import NeuralNet

/// Workbench checkpoints store either tokenizer kind, and old character checkpoints still load.
@Suite struct CheckpointTokenizerTests {
  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-tokenizer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aBPECheckpointLoadsWithItsTokenizerAndWeights() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let tokenizer = try ByteLevelBPETokenizer.train(on: "one two three two one two", merges: 8)
    var generator = SplitMix64(seed: 3)
    let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 8, layerCount: 1, headCount: 2, embeddingWidth: 8)
    let model = try GPT<Float>(config: config, using: &generator)
    let url = folder.appendingPathComponent("bpe.safetensors")
    try Checkpoint.save(model, tokenizer: tokenizer, to: url)
    let loaded = try Checkpoint.loadGPT(from: url)
    #expect(loaded.tokenizer as? ByteLevelBPETokenizer == tokenizer)
    #expect(loaded.model.config == config)
    for (a, b) in zip(loaded.model.namedParameters, model.namedParameters) { #expect(a.tensor.scalars == b.tensor.scalars) }
  }

  @Test func aCharacterCheckpointStoresTheSameBytesAsBefore() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let tokenizer = try CharacterTokenizer(text: "abc \n")
    var generator = SplitMix64(seed: 1)
    let config = GPTConfig(vocabSize: 5, blockSize: 4, layerCount: 1, headCount: 1, embeddingWidth: 4)
    let model = try GPT<Float>(config: config, using: &generator)
    let url = folder.appendingPathComponent("char.safetensors")
    try Checkpoint.save(model, tokenizer: tokenizer, to: url)
    let file = try SafetensorsFile.read(from: url)
    #expect(file.metadata["tokenizer"] == #"["\n"," ","a","b","c"]"#)
    #expect(file.metadata["config"] == #"{"block_size":4,"n_embd":4,"n_head":1,"n_layer":1,"vocab_size":5}"#)
    #expect(try Checkpoint.loadGPT(from: url).tokenizer as? CharacterTokenizer == tokenizer)
  }

  @Test func aTokenizerLargerThanTheModelIsRefused() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let tokenizer = try ByteLevelBPETokenizer.train(on: "abc abc", merges: 2)
    var generator = SplitMix64(seed: 1)
    let model = try GPT<Float>(config: GPTConfig(vocabSize: 200, blockSize: 4, layerCount: 1, headCount: 1, embeddingWidth: 4), using: &generator)
    let url = folder.appendingPathComponent("small.safetensors")
    try Checkpoint.save(model, tokenizer: tokenizer, to: url)
    #expect(throws: CheckpointError.badMetadata(path: url.path, key: "tokenizer", reason: "it has 258 tokens but the config has vocab_size 200")) {
      try Checkpoint.loadGPT(from: url)
    }
  }
}
