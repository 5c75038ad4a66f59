import Foundation
import Autograd
import NeuralNet
import Testing
import WorkbenchFiles
import Training

@testable import WorkbenchCommands

/// `--adapter FILE` on `generate`, `evaluate` and `finetune`: the adapters `finetune --lora-rank`
/// writes without `--merge`, put on their base checkpoint, give the merged model's loss; an adapter
/// made for a base of another shape is refused with one sentence.
@Suite("AdapterOption")
struct AdapterOptionTests {
  typealias Fixture = TrainCommandTests.Fixture

  /// What `evaluate --checkpoint checkpoint [--adapter adapter] --text text` computes (and that the command accepts them).
  static func evaluate(_ checkpoint: String, adapter: String? = nil, text: String) throws -> Double {
    let arguments = ["evaluate", "--checkpoint", checkpoint, "--text", text] + (adapter.map { ["--adapter", $0] } ?? [])
    #expect(TrainCommandTests.outcome(arguments).code == 0)
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    if let adapter { try LoRAAdapterFile.read(from: URL(fileURLWithPath: adapter)).apply(to: loaded.model, path: adapter) }
    return try HeldOutEvaluation.evaluate(loaded.model, tokenizer: loaded.tokenizer, text: String(contentsOfFile: text, encoding: .utf8))
      .meanCrossEntropy
  }

  @Test("evaluate and generate take the adapters beside their base; the loss is the merged model's; finetune starts from base + adapters")
  func adaptersLoad() throws {
    let f = try Fixture()
    let common = ["--checkpoint", f.path("base.safetensors"), "--text", f.path("good.txt"), "--steps", "3", "--batch", "2",
      "--sample-every", "0", "--lr", "0.01", "--lora-rank", "2"]
    #expect(TrainCommandTests.outcome(["finetune"] + common + ["--output", f.path("lora")]).code == 0)
    #expect(TrainCommandTests.outcome(["finetune"] + common + ["--output", f.path("merged"), "--merge"]).code == 0)
    let adapter = f.path("lora/adapter.safetensors")
    let withAdapter = try Self.evaluate(f.path("base.safetensors"), adapter: adapter, text: f.path("good.txt"))
    let merged = try Self.evaluate(f.path("merged/checkpoint.safetensors"), text: f.path("good.txt"))
    let base = try Self.evaluate(f.path("base.safetensors"), text: f.path("good.txt"))
    #expect(abs(withAdapter - merged) < 1e-5, "base + adapters \(withAdapter), merged \(merged)")
    #expect(abs(withAdapter - base) > 1e-3, "the adapters changed the model")
    #expect(TrainCommandTests.outcome(
      ["generate", "--checkpoint", f.path("base.safetensors"), "--adapter", adapter, "--prompt", "a small", "--tokens", "5"]).code == 0)

    // Fine-tuning base + adapters: before its first step the model is the merged one.
    #expect(TrainCommandTests.outcome(
      ["finetune", "--checkpoint", f.path("base.safetensors"), "--adapter", adapter, "--text", f.path("good.txt"), "--steps", "1",
       "--batch", "2", "--sample-every", "0", "--output", f.path("again")]).code == 0)
    let before = try #require(try RunFolder(URL(fileURLWithPath: f.path("again"))).readResult().value(of: "validation_loss_before"))
    let mergedAfter = try #require(try RunFolder(URL(fileURLWithPath: f.path("merged"))).readResult().value(of: "validation_loss_after"))
    #expect(abs(before - mergedAfter) < 1e-5)
  }

  @Test("an adapter made for a base of another shape is refused with one sentence and exit 65")
  func otherShape() throws {
    let f = try Fixture()
    let tokenizer = try CharacterTokenizer(text: String(repeating: "a small text about training, with a few letters repeated.\n", count: 2))
    var generator = SplitMix64(seed: 5)
    let wide = try GPT<Float>(
      config: GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 16, layerCount: 1, headCount: 2, embeddingWidth: 32), using: &generator)
    try wide.attachLoRA(rank: 2, alpha: 4, using: &generator)
    let path = f.path("wide-adapter.safetensors")
    try LoRAAdapterFile(model: wide, rank: 2, alpha: 4, tokenizer: tokenizer).write(to: URL(fileURLWithPath: path))
    for arguments in [
      ["evaluate", "--checkpoint", f.path("base.safetensors"), "--adapter", path, "--text", f.path("good.txt")],
      ["generate", "--checkpoint", f.path("base.safetensors"), "--adapter", path, "--prompt", "a"],
      ["finetune", "--checkpoint", f.path("base.safetensors"), "--adapter", path, "--text", f.path("good.txt"), "--output", f.path("x")],
    ] {
      let result = TrainCommandTests.outcome(arguments)
      #expect(result.code == 65, "\(result.message)")
      #expect(result.message.contains("holds a model of another shape (n_layer 1, n_head 2, n_embd 32"), "\(result.message)")
      #expect(!result.message.contains("\n"))
    }
    #expect(!FileManager.default.fileExists(atPath: f.path("x/training-state.safetensors")))
  }
}
