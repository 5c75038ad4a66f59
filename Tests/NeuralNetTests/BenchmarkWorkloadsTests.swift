import Testing

@testable import NeuralNet

/// Checks the copies against `shared/bench/models.json` (values transcribed by hand) and the
/// parameter counts against closed forms of the PyTorch reference's modules.
@Suite struct BenchmarkWorkloadsTests {
  @Test func workloadsMatchTheReference() {
    #expect(BenchmarkWorkload.all.map(\.name) == ["mlp-char", "gpt-tiny", "gpt-small"])
    #expect(
      BenchmarkWorkload.mlpChar.model
        == .mlp(MLPCharConfig(vocabSize: 96, blockSize: 8, embeddingWidth: 24, hiddenWidth: 256)))
    #expect(
      BenchmarkWorkload.gptTiny.model
        == .gpt(GPTConfig(vocabSize: 96, blockSize: 64, layerCount: 2, headCount: 4, embeddingWidth: 64)))
    #expect(
      BenchmarkWorkload.gptSmall.model
        == .gpt(GPTConfig(vocabSize: 96, blockSize: 128, layerCount: 4, headCount: 4, embeddingWidth: 128)))
    #expect(BenchmarkWorkload.all.map(\.batchSize) == [128, 16, 16])
    #expect(BenchmarkWorkload.named("gpt-tiny") == .gptTiny)
    #expect(BenchmarkWorkload.named("gpt-huge") == nil)
  }

  @Test func optimiserIsTheReferenceAdamW() {
    for workload in BenchmarkWorkload.all {
      #expect(workload.optimizer == AdamWSettings(learningRate: 3e-4, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1))
      #expect(workload.initialisationStandardDeviation == 0.02)
    }
  }

  @Test func tokensPerStepFollowTheReferenceDefinition() {
    // mlp: one target per sequence; gpt: one target per position.
    #expect(BenchmarkWorkload.all.map(\.tokensPerStep) == [128, 16 * 64, 16 * 128])
  }

  @Test func parameterCountsMatchTheReferenceModules() {
    // MLPChar: Embedding(96, 24) + Linear(8·24 → 256) + Linear(256 → 96).
    #expect(BenchmarkWorkload.mlpChar.parameterCount == 96 * 24 + (8 * 24 * 256 + 256) + (256 * 96 + 96))
    #expect(BenchmarkWorkload.mlpChar.parameterCount == 76_384)
    // GPT: wte + wpe + per block (2 LayerNorms, c_attn, c_proj, c_fc, mlp_proj) + ln_f; head tied.
    func gpt(_ v: Int, _ t: Int, _ l: Int, _ d: Int) -> Int {
      let block = 2 * (2 * d) + (d * 3 * d + 3 * d) + (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d)
      return v * d + t * d + l * block + 2 * d
    }
    #expect(BenchmarkWorkload.gptTiny.parameterCount == gpt(96, 64, 2, 64))
    #expect(BenchmarkWorkload.gptTiny.parameterCount == 110_336)
    #expect(BenchmarkWorkload.gptSmall.parameterCount == gpt(96, 128, 4, 128))
    #expect(BenchmarkWorkload.gptSmall.parameterCount == 822_016)
  }

  @Test func configurationsAreValid() throws {
    for workload in BenchmarkWorkload.all {
      switch workload.model {
      case let .mlp(config): try config.validate()
      case let .gpt(config): try config.validate()
      }
    }
    #expect(throws: ModelConfigurationError.notPositive(field: "hidden", value: 0)) {
      try MLPCharConfig(vocabSize: 96, blockSize: 8, embeddingWidth: 24, hiddenWidth: 0).validate()
    }
  }
}
