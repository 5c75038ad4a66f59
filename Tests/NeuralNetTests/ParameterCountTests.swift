import Foundation
import Testing

@testable import NeuralNet

@Suite struct ParameterCountTests {
  /// Published exact counts of the released GPT-2 weights (`sum(p.numel())` of Hugging Face's
  /// `GPT2LMHeadModel` with the tied head counted once).
  @Test(arguments: [
    (GPTConfig.gpt2Small, 124_439_808),
    (GPTConfig.gpt2Medium, 354_823_168),
    (GPTConfig.gpt2Large, 774_030_080),
    (GPTConfig.gpt2XL, 1_557_611_200),
  ])
  func gpt2CountsMatchTheReleasedWeights(config: GPTConfig, expected: Int) throws {
    try config.validate()
    #expect(config.parameterCount == expected)
    // Independent closed form: V·d + T·d + L·(12d² + 13d) + 2d.
    let (v, t, l, d) = (config.vocabSize, config.blockSize, config.layerCount, config.embeddingWidth)
    #expect(v * d + t * d + l * (12 * d * d + 13 * d) + 2 * d == expected)
  }

  @Test func gpt2SmallBreakdown() {
    let breakdown = GPTConfig.gpt2Small.parameterBreakdown
    #expect(breakdown.tensors.count == 2 + 12 * 12 + 2)
    #expect(Set(breakdown.tensors.map(\.name)).count == breakdown.tensors.count)
    #expect(breakdown.tensors.first == ParameterTensor(name: "wte.weight", shape: [50257, 768], role: .embedding))
    #expect(breakdown.tensors.contains(ParameterTensor(name: "h.11.attn.c_attn.weight", shape: [2304, 768], role: .attention)))
    #expect(breakdown.tensors.contains(ParameterTensor(name: "h.0.mlp.c_proj.weight", shape: [768, 3072], role: .feedForward)))
    #expect(breakdown.tensors.last?.name == "ln_f.bias")
    #expect(breakdown.count(of: .embedding) == 50257 * 768 + 1024 * 768)
    #expect(breakdown.count(of: .attention) == 12 * (4 * 768 * 768 + 4 * 768))
    #expect(breakdown.count(of: .feedForward) == 12 * (8 * 768 * 768 + 5 * 768))
    #expect(breakdown.count(of: .normalization) == (2 * 12 + 1) * 2 * 768)
    #expect(breakdown.count(of: .outputHead) == 0)  // tied to wte
    #expect(breakdown.nonEmbeddingTotal == 85_056_000)
    #expect(ParameterRole.allCases.map { breakdown.count(of: $0) }.reduce(0, +) == breakdown.total)
  }

  @Test func llama2_7BCountMatchesTheReleasedWeights() throws {
    let config = LlamaConfig.llama2_7B
    try config.validate()
    #expect(config.parameterCount == 6_738_415_616)
    // Independent closed form: 2·V·d (untied) + L·(4d² + 3·d·f + 2d) + d.
    let (v, l, d, f) = (config.vocabSize, config.layerCount, config.embeddingWidth, config.feedForwardWidth)
    #expect(2 * v * d + l * (4 * d * d + 3 * d * f + 2 * d) + d == 6_738_415_616)
    let breakdown = config.parameterBreakdown
    #expect(breakdown.tensors.count == 1 + 9 * 32 + 2)
    #expect(breakdown.count(of: .outputHead) == 32000 * 4096)
    #expect(breakdown.tensors.filter { $0.name.hasSuffix("bias") }.isEmpty)
  }

  @Test func groupedQueryAttentionShrinksKeyAndValue() throws {
    // Llama 2 70B: 80 layers, width 8192, 64 query heads sharing 8 key/value heads, SwiGLU 28,672.
    let config = LlamaConfig(
      vocabSize: 32000, embeddingWidth: 8192, layerCount: 80, headCount: 64, keyValueHeadCount: 8,
      feedForwardWidth: 28672, contextLength: 4096)
    try config.validate()
    #expect(config.parameterBreakdown.tensors.first { $0.name == "model.layers.0.self_attn.k_proj.weight" }?.shape == [1024, 8192])
    #expect(config.parameterCount == 68_976_648_192)
  }

  @Test func presetsAreNamedAndSourced() {
    #expect(GPTConfig.presets.map(\.name) == ["GPT-2 small", "GPT-2 medium", "GPT-2 large", "GPT-2 XL"])
    #expect(GPTConfig.presets.map(\.configuration.parameterCount) == [124_439_808, 354_823_168, 774_030_080, 1_557_611_200])
    #expect(GPTConfig.presets.allSatisfy { $0.source.contains("Radford") })
    #expect(LlamaConfig.presets.map(\.configuration) == [.llama2_7B])
    #expect(LlamaConfig.presets.allSatisfy { $0.source.contains("Touvron") })
  }

  // MARK: Configuration files

  @Test func decodesHuggingFaceGPT2Config() throws {
    let json = """
      {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "n_ctx": 1024, "n_embd": 768,
       "n_head": 12, "n_layer": 12, "n_positions": 1024, "vocab_size": 50257}
      """
    #expect(try JSONDecoder().decode(GPTConfig.self, from: Data(json.utf8)) == .gpt2Small)
    let onlyContext = #"{"n_ctx": 256, "n_embd": 64, "n_head": 4, "n_layer": 2, "vocab_size": 96}"#
    #expect(try JSONDecoder().decode(GPTConfig.self, from: Data(onlyContext.utf8)).blockSize == 256)
  }

  @Test func encodesWithGPT2KeysAndRoundTrips() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(GPTConfig.gpt2Medium)
    #expect(
      String(decoding: data, as: UTF8.self)
        == #"{"block_size":1024,"n_embd":1024,"n_head":16,"n_layer":24,"vocab_size":50257}"#)
    #expect(try JSONDecoder().decode(GPTConfig.self, from: data) == .gpt2Medium)
    let llama = try encoder.encode(LlamaConfig.llama2_7B)
    #expect(try JSONDecoder().decode(LlamaConfig.self, from: llama) == .llama2_7B)
  }

  @Test func decodesHuggingFaceLlamaConfig() throws {
    let json = """
      {"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "intermediate_size": 11008,
       "max_position_embeddings": 4096, "model_type": "llama", "num_attention_heads": 32,
       "num_hidden_layers": 32, "num_key_value_heads": 32, "rms_norm_eps": 1e-05, "vocab_size": 32000}
      """
    #expect(try JSONDecoder().decode(LlamaConfig.self, from: Data(json.utf8)) == .llama2_7B)
  }

  @Test func invalidConfigurationsAreRejected() throws {
    let badWidth = #"{"block_size": 8, "n_embd": 770, "n_head": 12, "n_layer": 1, "vocab_size": 10}"#
    #expect(throws: ModelConfigurationError.widthNotDivisibleByHeads(width: 770, heads: 12)) {
      try JSONDecoder().decode(GPTConfig.self, from: Data(badWidth.utf8))
    }
    #expect(throws: ModelConfigurationError.notPositive(field: "n_layer", value: 0)) {
      try GPTConfig(vocabSize: 10, blockSize: 8, layerCount: 0, headCount: 1, embeddingWidth: 8).validate()
    }
    #expect(throws: ModelConfigurationError.notPositive(field: "n_head", value: -2)) {
      try GPTConfig(vocabSize: 10, blockSize: 8, layerCount: 1, headCount: -2, embeddingWidth: 8).validate()
    }
    #expect(throws: ModelConfigurationError.headsNotDivisibleByKeyValueHeads(heads: 32, keyValueHeads: 5)) {
      try LlamaConfig(
        vocabSize: 10, embeddingWidth: 64, layerCount: 1, headCount: 32, keyValueHeadCount: 5, feedForwardWidth: 8,
        contextLength: 8
      ).validate()
    }
    #expect(
      ModelConfigurationError.widthNotDivisibleByHeads(width: 770, heads: 12).description
        == "The embedding width n_embd = 770 must be divisible by the head count n_head = 12; choose a width that is a multiple of the head count.")
  }
}
