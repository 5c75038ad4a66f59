import Autograd
import NeuralNet
import Testing

@Suite struct TrainingTests {
  @Test func mlpLearnsXORPerfectly() throws {
    var generator = SplitMix64(seed: 1)
    let model = MLP<Float>(sizes: [2, 8, 1], activation: .tanh, using: &generator)
    let x = Tensor<Float>(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
    let labels = Tensor<Float>(shape: [4, 1], scalars: [-1, 1, 1, -1])
    let optimizer = AdamW(parameters: model.parameters, learningRate: 0.05, weightDecay: 0)
    for _ in 0..<300 {
      model.zeroGrad()
      try Loss.hinge(model(x), labels: labels).backward()
      optimizer.step()
    }
    let scores = try GradientMode.withoutRecording { try model(x) }
    let correct = zip(scores.scalars, labels.scalars).filter { ($0 > 0) == ($1 > 0) }.count
    #expect(correct == 4)
  }

  @Test func tinyGPTOverfitsOneString() throws {
    let text = Array("the quick brown fox jumps over the lazy dog while the cat sleeps")
    #expect(text.count == 64)
    let vocabulary = Array(Set(text)).sorted()
    let ids = text.map { vocabulary.firstIndex(of: $0)! }
    let config = GPTConfig(vocabSize: vocabulary.count, blockSize: 64, layerCount: 2, headCount: 2, embeddingWidth: 32)
    var generator = SplitMix64(seed: 2)
    let model = try GPT<Float>(config: config, using: &generator)
    let optimizer = AdamW(parameters: model.parameters, learningRate: 3e-3, betas: (0.9, 0.95), weightDecay: 0)
    let inputs = Array(ids.dropLast()), targets = Array(ids.dropFirst())
    var loss: Float = .infinity
    for _ in 0..<250 {
      model.zeroGrad()
      let l = try model.loss(tokens: inputs, targets: targets, batch: 1, length: 63)
      loss = try Loss.checkFinite(l)
      l.backward()
      optimizer.step()
    }
    #expect(loss < 0.1)
  }

  @Test func fiftyAdamWStepsAreBitIdenticalForOneSeed() throws {
    func train() throws -> [[Float]] {
      let config = GPTConfig(vocabSize: 11, blockSize: 8, layerCount: 1, headCount: 2, embeddingWidth: 8)
      var generator = SplitMix64(seed: 99)
      let model = try GPT<Float>(config: config, using: &generator)
      let optimizer = AdamW(parameters: model.parameters, learningRate: 1e-2, betas: (0.9, 0.95), weightDecay: 0.1)
      for _ in 0..<50 {
        let tokens = (0..<16).map { _ in Int(generator.next() % 11) }
        model.zeroGrad()
        try model.loss(tokens: tokens, targets: tokens.reversed(), batch: 2, length: 8).backward()
        optimizer.step()
      }
      return model.parameters.map(\.scalars)
    }
    let first = try train(), second = try train()
    #expect(first == second)
  }

  @Test func clippingBoundsTheGlobalNorm() {
    let a = Tensor<Float>([0, 0], requiresGrad: true), b = Tensor<Float>([0], requiresGrad: true)
    a.grad = [3, 0]; b.grad = [4]
    let before = clipGradientNorm([a, b], maxNorm: 1)
    #expect(abs(before - 5) < 1e-9)
    let after = ((a.grad![0] * a.grad![0]) + (b.grad![0] * b.grad![0])).squareRoot()
    #expect(abs(after - 1) < 1e-5)
  }

  @Test func warmupCosineScheduleHasTheExpectedShape() {
    let schedule = LearningRateSchedule.warmupCosine(peak: 1e-3, warmupSteps: 10, totalSteps: 110, minimum: 1e-4)
    #expect(abs(schedule.rate(at: 0) - 1e-4) < 1e-12)
    #expect(abs(schedule.rate(at: 9) - 1e-3) < 1e-12)
    #expect(abs(schedule.rate(at: 60) - 5.5e-4) < 1e-12)  // halfway through the cosine
    #expect(abs(schedule.rate(at: 110) - 1e-4) < 1e-12)
  }
}

@Suite struct LayerTests {
  @Test func gradientCasesOfLayersPass() throws {
    for testCase in NeuralNetGradientCases.cases() {
      let report = try testCase.run()
      #expect(report.passed, "\(report.explanation)")
    }
  }

  @Test func gptParameterNamesAndCountsMatchTheConfig() throws {
    let config = GPTConfig(vocabSize: 96, blockSize: 64, layerCount: 2, headCount: 4, embeddingWidth: 64)
    var generator = SplitMix64(seed: 0)
    let model = try GPT<Float>(config: config, using: &generator)
    #expect(model.parameterCount == config.parameterCount)
    let names = model.namedParameters.map(\.name)
    #expect(names.prefix(4) == ["wte.weight", "wpe.weight", "h.0.ln_1.weight", "h.0.ln_1.bias"])
    #expect(names.contains("h.1.attn.c_attn.weight"))
    #expect(model.parameter(named: "h.0.attn.c_attn.weight")?.shape == [192, 64])
    #expect(model.parameter(named: "h.0.mlp.c_proj.weight")?.shape == [64, 256])
    #expect(names.last == "ln_f.bias")
  }

  @Test func loraStartsAsTheBaseModelAndMergesExactly() throws {
    var generator = SplitMix64(seed: 5)
    let layer = Linear<Double>(inputCount: 6, outputCount: 4, using: &generator)
    let x = Tensor<Double>.normal([3, 6], using: &generator)
    let base = try layer(x).scalars
    try layer.attachLoRA(rank: 2, alpha: 8, using: &generator)
    #expect(try layer(x).scalars == base)  // B = 0
    #expect(!layer.weight.requiresGrad)
    try layer.adapter!.b.assign((0..<8).map { _ in generator.nextNormal() })
    let adapted = try layer(x).scalars
    try layer.mergeLoRA()
    let merged = try layer(x).scalars
    for (a, b) in zip(adapted, merged) { #expect(abs(a - b) < 1e-12) }
    #expect(throws: TensorError.self) { try layer.attachLoRA(rank: 0, alpha: 1, using: &generator) }
    #expect(throws: TensorError.self) { try layer.attachLoRA(rank: 5, alpha: 1, using: &generator) }
  }

  @Test func loraTrainsAFewPercentOfAGPT() throws {
    let config = GPTConfig(vocabSize: 96, blockSize: 64, layerCount: 2, headCount: 4, embeddingWidth: 64)
    var generator = SplitMix64(seed: 0)
    let model = try GPT<Float>(config: config, using: &generator)
    let trainable = try model.attachLoRA(rank: 2, alpha: 4, using: &generator)
    // Per block: c_attn 2·(64+192), c_proj 2·(64+64), c_fc 2·(64+256), mlp.c_proj 2·(256+64).
    #expect(trainable == 2 * 2 * ((64 + 192) + (64 + 64) + (64 + 256) + (256 + 64)))
    #expect(Double(trainable) / Double(model.parameterCount) < 0.05)
  }
}
