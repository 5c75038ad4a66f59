import Autograd
import Foundation

/// Training-speed measurements of the reference workloads (`workbench bench`), comparable
/// with the PyTorch reference: one step is forward + cross-entropy + backward + AdamW + zero grads,
/// on one fixed batch of uniformly random token ids.
public enum Benchmark {
  /// One workload's result, as the JSON line printed by `workbench bench`.
  public struct Measurement: Codable, Sendable {
    public let name: String
    /// All parameters, adapters included.
    public let params: Int
    /// Parameters the optimiser updates (training workloads; omitted for generation).
    public var trainable_params: Int? = nil
    /// Median milliseconds per step (for generation: per whole prompt + new tokens run).
    public let step_ms: Double
    /// Tokens per second at the median step (for generation: new tokens, prefill time included).
    public let tokens_per_s: Double
    /// Loss of the last step (training workloads).
    public var final_loss: Double? = nil
    /// The first 8 generated ids (generation).
    public var first_tokens: [Int]? = nil
    public let engine: String
    public let threads: Int
    /// The kernel family the engine ran (``KernelFamily``: avx512, avx2 or baseline).
    public var kernels: String = KernelFamily.active.rawValue
  }

  /// A trained workload: the measurement and the model, ready to save as a checkpoint.
  public struct Outcome {
    public let measurement: Measurement
    public let model: any Module<Float>
    public let metadata: [String: String]
  }

  /// Trains `workload` for `warmup + steps` steps and times the last `steps` (the workload's own
  /// defaults when nil); a generation workload decodes `warmup + steps` times.
  public static func run(_ workload: BenchmarkWorkload, steps: Int? = nil, warmup: Int? = nil, seed: UInt64 = 0, engine: String) throws -> Outcome {
    let steps = steps ?? workload.defaultSteps, warmup = warmup ?? workload.defaultWarmup
    if case let .generate(config, promptTokens, newTokens) = workload.model {
      return try generation(workload, config: config, promptTokens: promptTokens, newTokens: newTokens, steps: steps, warmup: warmup, seed: seed, engine: engine)
    }
    var generator = SplitMix64(seed: seed)
    let batch = workload.batchSize, length = workload.blockSize, vocab = workload.vocabSize
    let tokens = (0..<(batch * length)).map { _ in Int(generator.next() % UInt64(vocab)) }
    let step: () throws -> Float
    let model: any Module<Float>
    let configJSON: String
    switch workload.model {
    case let .mlp(config):
      let mlp = try CharacterMLP<Float>(config: config, std: workload.initialisationStandardDeviation, using: &generator)
      let targets = (0..<batch).map { _ in Int(generator.next() % UInt64(vocab)) }
      let optimizer = makeOptimizer(mlp, workload.optimizer)
      step = {
        let loss = try mlp(tokens, batch: batch).crossEntropy(targets: targets)
        loss.backward()
        optimizer.step()
        mlp.zeroGrad()
        return loss.item
      }
      model = mlp
      configJSON = String(decoding: try JSONEncoder.sorted.encode(config), as: UTF8.self)
    case .generate:
      preconditionFailure("generation workloads are run by generation(_:…)")
    case .gpt(let config), .gptLoRA(let config, _, _):
      let gpt = try GPT<Float>(config: config, using: &generator)
      if case let .gptLoRA(_, rank, alpha) = workload.model {
        try gpt.attachLoRA(rank: rank, alpha: alpha, using: &generator)
        // As the reference: A ~ N(0, 0.02²) (attachLoRA draws it from N(0, 1/r)).
        for p in gpt.namedParameters where p.name.hasSuffix("lora_A") {
          try p.tensor.assign(Tensor<Float>.normal(p.tensor.shape, std: workload.initialisationStandardDeviation, using: &generator).scalars)
        }
      }
      let targets = (0..<(batch * length)).map { _ in Int(generator.next() % UInt64(vocab)) }
      let optimizer = makeOptimizer(gpt, workload.optimizer)
      step = {
        let loss = try gpt.loss(tokens: tokens, targets: targets, batch: batch, length: length)
        loss.backward()
        optimizer.step()
        gpt.zeroGrad()
        return loss.item
      }
      model = gpt
      configJSON = String(decoding: try JSONEncoder.sorted.encode(config), as: UTF8.self)
    }
    var times: [Double] = []
    var loss: Float = 0
    for i in 0..<(warmup + steps) {
      let start = DispatchTime.now().uptimeNanoseconds
      loss = try step()
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      if i >= warmup { times.append(elapsed) }
    }
    times.sort()
    let median = times.isEmpty ? 0 : (times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2)
    let measurement = Measurement(
      name: workload.name, params: model.parameterCount, trainable_params: model.trainableParameterCount,
      step_ms: (median * 1000).rounded() / 1000, tokens_per_s: (Double(workload.tokensPerStep) / (median / 1000) * 10).rounded() / 10,
      final_loss: (Double(loss) * 10000).rounded() / 10000, engine: engine, threads: 2)
    return Outcome(measurement: measurement, model: model, metadata: ["config": configJSON, "workload": workload.name, "format": "pt"])
  }

  /// Greedy decoding with a KV cache (`GPT.cachedStep`): the prompt of `promptTokens` random ids is
  /// run once, then each of the `newTokens` tokens is the argmax of the last logits and is fed back
  /// alone. Times `warmup + steps` whole decodes and reports the median; tokens/s counts new tokens.
  static func generation(
    _ workload: BenchmarkWorkload, config: GPTConfig, promptTokens: Int, newTokens: Int, steps: Int, warmup: Int, seed: UInt64,
    engine: String
  ) throws -> Outcome {
    var generator = SplitMix64(seed: seed)
    let gpt = try GPT<Float>(config: config, using: &generator)
    let prompt = (0..<promptTokens).map { _ in Int(generator.next() % UInt64(config.vocabSize)) }
    var times: [Double] = []
    var produced: [Int] = []
    for i in 0..<(warmup + steps) {
      let start = DispatchTime.now().uptimeNanoseconds
      produced = try GradientMode.withoutRecording {
        var cache = [GPTLayerCache<Float>?](repeating: nil, count: gpt.blocks.count)
        var input = prompt, position = 0, out: [Int] = []
        for _ in 0..<newTokens {
          let logits = try gpt.cachedStep(input, batch: 1, start: position, cache: &cache)
          var best = 0
          for (index, value) in logits.enumerated() where value > logits[best] { best = index }
          out.append(best)
          position += input.count
          input = [best]
        }
        return out
      }
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      if i >= warmup { times.append(elapsed) }
    }
    times.sort()
    let median = times.isEmpty ? 0 : (times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2)
    let measurement = Measurement(
      name: workload.name, params: gpt.parameterCount, step_ms: (median * 1000).rounded() / 1000,
      tokens_per_s: (Double(newTokens) / (median / 1000) * 10).rounded() / 10, first_tokens: Array(produced.prefix(8)), engine: engine,
      threads: 2)
    let configJSON = String(decoding: try JSONEncoder.sorted.encode(config), as: UTF8.self)
    return Outcome(measurement: measurement, model: gpt, metadata: ["config": configJSON, "workload": workload.name, "format": "pt"])
  }

  static func makeOptimizer(_ model: some Module<Float>, _ settings: AdamWSettings) -> AdamW<Float> {
    AdamW(
      parameters: model.parameters, learningRate: settings.learningRate, betas: (settings.beta1, settings.beta2),
      eps: settings.epsilon, weightDecay: settings.weightDecay)
  }
}
