import Autograd
import NeuralNet
import Testing

@testable import Training

/// `workbench bench`'s workloads run through the training loop and the sampler.
@Suite struct BenchmarkTests {
  @Test func loraAndGenerationWorkloadsRunOnSmallShapes() throws {
    let config = GPTConfig(vocabSize: 32, blockSize: 16, layerCount: 1, headCount: 2, embeddingWidth: 16)
    let lora = BenchmarkWorkload(name: "lora", model: .gptLoRA(config, rank: 2, alpha: 4), batchSize: 2)
    let trained = try Benchmark.run(lora, steps: 2, warmup: 0, engine: "test").measurement
    #expect(trained.trainable_params == 1 * 2 * (64 + 32 + 80 + 80))
    #expect(trained.params == config.parameterCount + trained.trainable_params!)
    #expect(trained.final_loss! > 3 && trained.final_loss! < 3.6)  // about ln 32 = 3.47 at the start
    let generate = BenchmarkWorkload(name: "gen", model: .generate(config, promptTokens: 4, newTokens: 6), batchSize: 1)
    let first = try Benchmark.run(generate, steps: 1, warmup: 0, engine: "test").measurement
    // The same model and prompt decoded greedily without a cache (whole sequence each time).
    var generator = SplitMix64(seed: 0)
    let model = try GPT<Float>(config: config, using: &generator)
    var sequence = (0..<4).map { _ in Int(generator.next() % 32) }
    try GradientMode.withoutRecording {
      for _ in 0..<6 {
        let logits = try model(sequence, batch: 1, length: sequence.count).scalars.suffix(32)
        sequence.append(logits.indices.max { logits[$0] < logits[$1] }! - logits.startIndex)
      }
    }
    #expect(first.first_tokens == Array(sequence.suffix(6)))
  }
}
