import Autograd
import Foundation
import NeuralNet
import PythonOracle
import Testing
import Training

@testable import WorkbenchCommands

/// `workbench export --adapter A --to BASE --peft DIR` checked by Hugging Face PEFT itself
/// (`Tests/Fixtures/check_peft.py`; needs `torch`, `transformers` and `peft`): PEFT puts the
/// adapters on the exported base (`GPT2LMHeadModel`) and gives `workbench evaluate --adapter`'s loss
/// (1e-4), under the tensor names PEFT keeps itself, with r, α/r and fan_in_fan_out as the workbench
/// has them; the base alone gives the base's loss, and an export with the adapters folded in gives
/// the adapted loss too.
@Suite("PEFTExport", .serialized)
struct PEFTExportTests {
  struct Found: Decodable {
    let mean_cross_entropy: Double
    let base_mean_cross_entropy: Double
    let auto_mean_cross_entropy: Double
    let merged_mean_cross_entropy: Double?
    let same_tensor_names: Bool
    let largest_difference: Double?
    let lora_modules: [String]
    let fan_in_fan_out: Bool
    let r: Int
    let lora_alpha: Double
    let scaling: Double?
  }

  /// A folder with a base checkpoint (random GPT with perturbed norms and biases, character tokenizer),
  /// adapters of rank 4 and α 6 with random A and B, and the text.
  final class Fixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peft-\(UUID().uuidString)")
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    let text: String

    init() throws {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      text = try String(contentsOf: PythonOracle.fixtures.appendingPathComponent("huggingface/test-text.txt"), encoding: .utf8)
      try Data(text.utf8).write(to: folder.appendingPathComponent("text.txt"))
      let tokenizer = try CharacterTokenizer(text: text)
      var generator = SplitMix64(seed: 31)
      let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: 32, layerCount: 2, headCount: 2, embeddingWidth: 16)
      let model = try GPT<Float>(config: config, using: &generator)
      for p in model.namedParameters where p.name.hasSuffix("bias") || p.name.contains("ln_") {
        try p.tensor.assign((0..<p.tensor.scalars.count).map { _ in Float(generator.nextUnit() - 0.5) * 0.2 + (p.name.hasSuffix("weight") ? 1 : 0) })
      }
      // Embeddings 25 times GPT-2's initial scale, so that the logits (tied to them) are far from uniform
      // and feel what the adapters change.
      let embedding = try #require(model.namedParameters.first { $0.name == "wte.weight" }).tensor
      try embedding.assign(embedding.scalars.map { $0 * 25 })
      try Checkpoint.save(model, tokenizer: tokenizer, to: folder.appendingPathComponent("base.safetensors"))
      try model.attachLoRA(rank: 4, alpha: 6, using: &generator)
      for p in model.namedParameters where LoRAAdapterFile.isAdapter(p.name) {
        try p.tensor.assign((0..<p.tensor.scalars.count).map { _ in Float(generator.nextUnit() - 0.5) * 0.8 })
      }
      try LoRAAdapterFile(model: model, rank: 4, alpha: 6, tokenizer: tokenizer).write(to: folder.appendingPathComponent("adapter.safetensors"))
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
  }

  /// `workbench evaluate --checkpoint base --adapter adapter`'s loss on the text (nil: without the adapters).
  static func evaluate(_ f: Fixture, adapter: String?) throws -> Double {
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("base.safetensors")))
    if let adapter { try LoRAAdapterFile.read(from: URL(fileURLWithPath: adapter)).apply(to: loaded.model, path: adapter) }
    let tokens = try TextEncoding.ids(of: f.text, tokenizer: loaded.tokenizer, source: "the text")
    return try HeldOutEvaluation.evaluate(loaded.model, tokens: tokens).meanCrossEntropy
  }

  @Test("PEFT puts the exported adapters on the exported base and gives workbench evaluate's loss")
  func peftAgrees() throws {
    let f = try Fixture()
    let export = TrainCommandTests.outcome(
      ["export", "--checkpoint", f.path("base.safetensors"), "--adapter", f.path("adapter.safetensors"), "--to", f.path("base-hf"),
       "--peft", f.path("peft")])
    #expect(export.code == 0, "\(export.message)")
    let merged = TrainCommandTests.outcome(
      ["export", "--checkpoint", f.path("base.safetensors"), "--adapter", f.path("adapter.safetensors"), "--to", f.path("merged-hf")])
    #expect(merged.code == 0, "\(merged.message)")

    let config = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.path("peft/adapter_config.json")))) as? [String: Any])
    #expect(config["base_model_name_or_path"] as? String == f.path("base-hf"))
    #expect(config["target_modules"] as? [String] == ["c_attn", "c_fc", "c_proj"])
    let names = try SafetensorsFile.read(from: URL(fileURLWithPath: f.path("peft/adapter_model.safetensors"))).tensors.keys
    #expect(names.contains("base_model.model.transformer.h.1.mlp.c_proj.lora_B.weight") && names.count == 2 * 4 * 2)

    let found = try JSONDecoder().decode(
      Found.self,
      from: PythonOracle.runFixture("check_peft.py", [f.path("base-hf"), f.path("peft"), f.path("text.txt"), f.path("merged-hf")]))
    let adapted = try Self.evaluate(f, adapter: f.path("adapter.safetensors"))
    let base = try Self.evaluate(f, adapter: nil)
    #expect(abs(found.mean_cross_entropy - adapted) <= 1e-4, "PEFT \(found.mean_cross_entropy), workbench evaluate --adapter \(adapted)")
    #expect(abs(found.auto_mean_cross_entropy - adapted) <= 1e-4, "AutoPeftModelForCausalLM \(found.auto_mean_cross_entropy)")
    #expect(abs(try #require(found.merged_mean_cross_entropy) - adapted) <= 1e-4, "merged export \(found.merged_mean_cross_entropy ?? .nan)")
    #expect(abs(found.base_mean_cross_entropy - base) <= 1e-4, "PEFT without adapters \(found.base_mean_cross_entropy), workbench \(base)")
    // The adapters matter: a layout PEFT misread (transposed, unscaled, not loaded) could not match.
    #expect(abs(adapted - base) > 0.05, "adapted \(adapted), base \(base)")
    #expect(found.same_tensor_names && found.largest_difference == 0)
    #expect(found.lora_modules.count == 2 * 4 && found.lora_modules.contains("transformer.h.0.attn.c_attn"))
    #expect(found.fan_in_fan_out && found.r == 4 && found.lora_alpha == 6 && found.scaling == 1.5)
    print("PEFT loss \(found.mean_cross_entropy), workbench evaluate --adapter \(adapted): difference \(abs(found.mean_cross_entropy - adapted)); base alone \(base)")
  }

  @Test("--peft without --adapter, and adapters of another model, are refused before anything is written")
  func refusals() throws {
    let f = try Fixture()
    let noAdapter = TrainCommandTests.outcome(["export", "--checkpoint", f.path("base.safetensors"), "--to", f.path("hf"), "--peft", f.path("peft")])
    #expect(noAdapter.code == 64 && noAdapter.message.contains("--peft writes LoRA adapters: give them with --adapter FILE"), "\(noAdapter.message)")
    // Adapters made for a wider model.
    var generator = SplitMix64(seed: 2)
    let other = try GPT<Float>(
      config: GPTConfig(vocabSize: 20, blockSize: 8, layerCount: 1, headCount: 2, embeddingWidth: 8), using: &generator)
    try other.attachLoRA(rank: 2, alpha: 4, using: &generator)
    try LoRAAdapterFile(model: other, rank: 2, alpha: 4, tokenizer: try CharacterTokenizer(text: "abcdefghijklmnopqrst"))
      .write(to: f.folder.appendingPathComponent("other.safetensors"))
    let mismatch = TrainCommandTests.outcome(
      ["export", "--checkpoint", f.path("base.safetensors"), "--adapter", f.path("other.safetensors"), "--to", f.path("hf"), "--peft", f.path("peft")])
    #expect(mismatch.code == 65, "\(mismatch.message)")
    for folder in ["hf", "peft"] { #expect(!FileManager.default.fileExists(atPath: f.path(folder))) }
  }
}
