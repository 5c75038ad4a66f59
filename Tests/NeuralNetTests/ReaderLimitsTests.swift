import Foundation
import Testing
@testable import NeuralNet

/// The limits readers check before they allocate (RELIABILITY.md): each error names the limit.
@Suite struct ReaderLimitsTests {
  static func safetensors(header: String, data: [UInt8] = []) -> [UInt8] {
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init) + Array(header.utf8) + data
  }

  @Test func gptSizesAboveTheirLimitsAreRefused() {
    let limits = GPTConfig.limits
    let cases: [(GPTConfig, String, Int)] = [
      (GPTConfig(vocabSize: limits.vocabSize + 1, blockSize: 4, layerCount: 1, headCount: 1, embeddingWidth: 4), "vocab_size", limits.vocabSize),
      (GPTConfig(vocabSize: 4, blockSize: limits.blockSize + 1, layerCount: 1, headCount: 1, embeddingWidth: 4), "block_size", limits.blockSize),
      (GPTConfig(vocabSize: 4, blockSize: 4, layerCount: Int.max, headCount: 1, embeddingWidth: 4), "n_layer", limits.layerCount),
      (GPTConfig(vocabSize: 4, blockSize: 4, layerCount: 1, headCount: 1, embeddingWidth: 1 << 40), "n_embd", limits.embeddingWidth),
    ]
    for (config, field, limit) in cases {
      #expect(throws: ModelConfigurationError.exceedsLimit(field: field, value: [config.vocabSize, config.blockSize, config.layerCount, config.embeddingWidth].first { $0 > limit }!, limit: limit)) {
        try config.validate()
      }
    }
  }

  @Test func parameterCountLimitIsTheProductNotEachSize() throws {
    // Every size within its limit, 12·L·d² ≈ 8·10¹¹ parameters in all.
    let big = GPTConfig(vocabSize: 2, blockSize: 4, layerCount: 1_000, headCount: 8, embeddingWidth: 8_192)
    #expect(throws: ModelConfigurationError.exceedsLimit(field: "the parameter count", value: big.parameterCount, limit: 2_000_000_000)) {
      try big.validate()
    }
    // GPT-2 small (124 M) is accepted.
    try GPTConfig(vocabSize: 50_257, blockSize: 1_024, layerCount: 12, headCount: 12, embeddingWidth: 768).validate()
    #expect(ModelConfigurationError.exceedsLimit(field: "n_embd", value: 70_000, limit: 65_536).description
      == "The model setting n_embd is 70000 but the workbench accepts at most 65536; use a smaller model.")
  }

  @Test func checkpointConfigLargerThanItsTensorsIsRefusedBeforeAllocation() throws {
    // 1 000 layers of width 8 192 would need 3 TB; the file holds 4 bytes: the tensor check fails first.
    let config = #"{\"block_size\":4,\"n_embd\":64,\"n_head\":1,\"n_layer\":1000,\"vocab_size\":2}"#
    let header = #"{"__metadata__":{"config":"\#(config)","tokenizer":"[\"a\",\"b\"]"},"wte.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
    let file = try SafetensorsFile.decode(Self.safetensors(header: header, data: [0, 0, 0, 0]))
    #expect(throws: CheckpointError.shapeMismatch(path: "x", name: "wte.weight", expected: [2, 64], found: [1])) {
      try Checkpoint.loadGPT(file: file, path: "x")
    }
  }

  @Test func rankAndTensorCountLimits() throws {
    let rank9 = #"{"w":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}}"#
    #expect(throws: SafetensorsError.limitExceeded(path: "x", what: "dimensions in the tensor 'w'", value: 9, limit: 8)) {
      try SafetensorsFile.decode(Self.safetensors(header: rank9, data: [0, 0, 0, 0]), path: "x")
    }
    let rank8 = #"{"w":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1],"data_offsets":[0,4]}}"#
    #expect(try SafetensorsFile.decode(Self.safetensors(header: rank8, data: [0, 0, 0, 0])).tensors["w"]?.shape.count == 8)
    let count = SafetensorsFile.maximumTensorCount + 1
    let many = "{" + (0..<count).map { #""t\#($0)":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}"# }.joined(separator: ",") + "}"
    #expect(throws: SafetensorsError.limitExceeded(path: "x", what: "tensors", value: count, limit: count - 1)) {
      try SafetensorsFile.decode(Self.safetensors(header: many), path: "x")
    }
  }

  @Test func tokenizerLimits() throws {
    let bytes = (0..<256).map { String(Character(ByteLevelAlphabet.symbols[$0])) }
    let merges = [ByteLevelBPETokenizer.Merge](repeating: .init("a", "b"), count: ByteLevelBPETokenizer.maximumMergeCount + 1)
    #expect(throws: TokenizerError.malformedTokenizer(source: "the BPE vocabulary", reason: "it has \(merges.count) merges, more than the limit of \(ByteLevelBPETokenizer.maximumMergeCount)")) {
      try ByteLevelBPETokenizer(tokens: bytes, merges: merges)
    }
    let added = [ByteLevelBPETokenizer.AddedToken(id: 1 << 40, content: "<|x|>")]
    #expect(throws: TokenizerError.self) { try ByteLevelBPETokenizer(tokens: bytes, merges: [], addedTokens: added) }
    #expect(try ByteLevelBPETokenizer(tokens: bytes, merges: []).vocabularySize == 256)
  }
}
