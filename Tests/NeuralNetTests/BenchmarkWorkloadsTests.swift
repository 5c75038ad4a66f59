import Autograd
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
    for workload in BenchmarkWorkload.every {
      switch workload.model {
      case let .mlp(config): try config.validate()
      case let .gpt(config), let .gptLoRA(config, _, _), let .generate(config, _, _): try config.validate()
      }
    }
    #expect(throws: ModelConfigurationError.notPositive(field: "hidden", value: 0)) {
      try MLPCharConfig(vocabSize: 96, blockSize: 8, embeddingWidth: 24, hiddenWidth: 0).validate()
    }
  }
}

/// The large workloads of `shared/bench/models.json` (transcribed by hand) and the KV-cache
/// forward pass that the generation workload uses.
@Suite struct LargeBenchmarkWorkloadsTests {
  @Test func largeWorkloadsMatchTheReference() {
    #expect(BenchmarkWorkload.large.map(\.name) == ["gpt-medium", "gpt2-124m", "gpt2-124m-lora", "gpt2-124m-generate"])
    #expect(BenchmarkWorkload.gptMedium.model == .gpt(GPTConfig(vocabSize: 512, blockSize: 256, layerCount: 6, headCount: 8, embeddingWidth: 256)))
    let gpt2 = GPTConfig(vocabSize: 50257, blockSize: 256, layerCount: 12, headCount: 12, embeddingWidth: 768)
    #expect(BenchmarkWorkload.gpt2_124m.model == .gpt(gpt2))
    #expect(BenchmarkWorkload.gpt2_124mLoRA.model == .gptLoRA(gpt2, rank: 8, alpha: 16))
    #expect(BenchmarkWorkload.gpt2_124mGenerate.model == .generate(gpt2, promptTokens: 32, newTokens: 128))
    #expect(BenchmarkWorkload.large.map(\.batchSize) == [8, 2, 2, 1])
    #expect(BenchmarkWorkload.large.map(\.defaultSteps) == [10, 5, 5, 3])
    #expect(BenchmarkWorkload.large.map(\.defaultWarmup) == [2, 1, 1, 1])
    #expect(BenchmarkWorkload.named("gpt2-124m-lora") == .gpt2_124mLoRA)
  }

  @Test func gpt2ShapeCounts() {
    // GPT-2 small has 124,439,808 parameters with its 1024-position table; 768 fewer rows here.
    #expect(BenchmarkWorkload.gpt2_124m.parameterCount == 124_439_808 - (1024 - 256) * 768)
    // LoRA r = 8 on c_attn (768→2304), c_proj (768→768), c_fc (768→3072), mlp c_proj (3072→768), 12 blocks.
    #expect(BenchmarkWorkload.gpt2_124mLoRA.parameterCount - BenchmarkWorkload.gpt2_124m.parameterCount == 12 * 8 * (3072 + 1536 + 3840 + 3840))
    #expect(BenchmarkWorkload.gpt2_124mGenerate.tokensPerStep == 128)
  }

  @Test func cachedStepGivesTheWholeSequenceLogits() throws {
    var generator = SplitMix64(seed: 4)
    let config = GPTConfig(vocabSize: 11, blockSize: 12, layerCount: 2, headCount: 2, embeddingWidth: 8)
    let model = try GPT<Float>(config: config, using: &generator)
    let tokens = (0..<10).map { _ in Int(generator.next() % 11) }
    try GradientMode.withoutRecording {
      let full = try model(tokens, batch: 1, length: tokens.count).scalars
      var caches = model.emptyCaches(batch: 1)
      var logits = try model.cachedStep(Array(tokens[..<4]), batch: 1, caches: &caches)
      for position in 3..<tokens.count {
        let expected = Array(full[(position * 11)..<((position + 1) * 11)])
        for (a, b) in zip(logits, expected) { #expect(abs(a - b) < 1e-5) }
        if position + 1 < tokens.count { logits = try model.cachedStep([tokens[position + 1]], batch: 1, caches: &caches) }
      }
    }
  }
}
