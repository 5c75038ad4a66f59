import Autograd
import Foundation
import Testing

@testable import NeuralNet

/// The LoRA adapter file: what is written is read back and, applied to the same base model, gives
/// the same outputs; a file of another architecture is refused.
@Suite struct LoRAAdapterFileTests {
  static let config = GPTConfig(vocabSize: 7, blockSize: 6, layerCount: 2, headCount: 2, embeddingWidth: 8)

  static func base() throws -> GPT<Float> {
    var generator = SplitMix64(seed: 4)
    return try GPT<Float>(config: config, using: &generator)
  }

  @Test("adapters written and read back reproduce the adapted model's logits exactly")
  func roundTrip() throws {
    let adapted = try Self.base()
    var generator = SplitMix64(seed: 8)
    try adapted.attachLoRA(rank: 2, alpha: 4, using: &generator)
    // B starts at zero; give it values so that the adapters change the output.
    for p in adapted.namedParameters where p.name.hasSuffix("lora_B") {
      try p.tensor.assign(Tensor<Float>.normal(p.tensor.shape, std: 0.5, using: &generator).scalars)
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("adapter-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    let tokenizer = try CharacterTokenizer(text: "abcdefg")
    try LoRAAdapterFile(model: adapted, rank: 2, alpha: 4, tokenizer: tokenizer, extraMetadata: ["trained_steps": "3"]).write(to: url)

    let file = try LoRAAdapterFile.read(from: url)
    #expect(file.rank == 2 && file.alpha == 4 && file.config == Self.config && file.metadata["trained_steps"] == "3")
    #expect(file.adapters.count == adapted.namedParameters.filter { LoRAAdapterFile.isAdapter($0.name) }.count)
    let restored = try Self.base()
    try file.apply(to: restored, path: url.path)
    let tokens = [0, 1, 2, 3, 4, 5]
    let expected = try GradientMode.withoutRecording { try adapted(tokens, batch: 1, length: 6) }.scalars
    let found = try GradientMode.withoutRecording { try restored(tokens, batch: 1, length: 6) }.scalars
    #expect(found == expected)
    #expect(found != (try GradientMode.withoutRecording { try Self.base()(tokens, batch: 1, length: 6) }.scalars))
  }

  @Test("adapters of another architecture are refused")
  func otherConfig() throws {
    let adapted = try Self.base()
    var generator = SplitMix64(seed: 8)
    try adapted.attachLoRA(rank: 2, alpha: 4, using: &generator)
    let file = try LoRAAdapterFile(model: adapted, rank: 2, alpha: 4, tokenizer: try CharacterTokenizer(text: "abcdefg"))
    var other = SplitMix64(seed: 1)
    let wider = try GPT<Float>(
      config: GPTConfig(vocabSize: 7, blockSize: 6, layerCount: 2, headCount: 2, embeddingWidth: 16), using: &other)
    #expect(throws: CheckpointError.self) { try file.apply(to: wider, path: "a.safetensors") }
  }
}
