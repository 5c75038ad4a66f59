import Autograd
import Foundation
import NeuralNet

/// Training-speed measurements of the reference workloads (`workbench bench`), comparable
/// with the PyTorch reference: one step is forward + cross-entropy + backward + AdamW + zero grads,
/// on one fixed batch of uniformly random token ids, taken by the same `TrainingLoop` that
/// `workbench train` runs.
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
    let timed: (times: [Double], loss: Double)
    let model: any Module<Float>
    let configJSON: String
    switch workload.model {
    case let .mlp(config):
      let mlp = try CharacterMLP<Float>(config: config, std: workload.initialisationStandardDeviation, using: &generator)
      let targets = (0..<batch).map { _ in Int(generator.next() % UInt64(vocab)) }
      timed = try timeTraining(mlp, workload, steps: steps, warmup: warmup) { try mlp(tokens, batch: batch).crossEntropy(targets: targets) }
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
      let tokenBatch = TokenBatch(inputs: tokens, targets: targets, rows: batch, length: length)
      timed = try timeTraining(gpt, workload, steps: steps, warmup: warmup) { try gpt.loss(tokenBatch) }
      model = gpt
      configJSON = String(decoding: try JSONEncoder.sorted.encode(config), as: UTF8.self)
    }
    let median = Self.median(timed.times), loss = timed.loss
    let measurement = Measurement(
      name: workload.name, params: model.parameterCount, trainable_params: model.trainableParameterCount,
      step_ms: (median * 1000).rounded() / 1000, tokens_per_s: (Double(workload.tokensPerStep) / (median / 1000) * 10).rounded() / 10,
      final_loss: (loss * 10000).rounded() / 10000, engine: engine, threads: 2)
    return Outcome(measurement: measurement, model: model, metadata: ["config": configJSON, "workload": workload.name, "format": "pt"])
  }

  /// Greedy decoding by the sampler users run (`TokenSampler`, KV cache): the prompt of
  /// `promptTokens` random ids is run once, then each of the `newTokens` tokens is the argmax of the
  /// last logits and is fed back alone. Times `warmup + steps` whole decodes and reports the median; tokens/s counts new tokens.
  static func generation(
    _ workload: BenchmarkWorkload, config: GPTConfig, promptTokens: Int, newTokens: Int, steps: Int, warmup: Int, seed: UInt64,
    engine: String
  ) throws -> Outcome {
    var generator = SplitMix64(seed: seed)
    let gpt = try GPT<Float>(config: config, using: &generator)
    let prompt = (0..<promptTokens).map { _ in Int(generator.next() % UInt64(config.vocabSize)) }
    let sampler = TokenSampler(model: gpt, settings: .greedy)
    var unused = SplitMix64(seed: 0)  // greedy decoding draws nothing
    var times: [Double] = []
    var produced: [Int] = []
    for i in 0..<(warmup + steps) {
      let start = DispatchTime.now().uptimeNanoseconds
      produced = try sampler.sample(after: [prompt], count: newTokens, using: &unused)[0]
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      if i >= warmup { times.append(elapsed) }
    }
    let median = Self.median(times)
    let measurement = Measurement(
      name: workload.name, params: gpt.parameterCount, step_ms: (median * 1000).rounded() / 1000,
      tokens_per_s: (Double(newTokens) / (median / 1000) * 10).rounded() / 10, first_tokens: Array(produced.prefix(8)), engine: engine,
      threads: 2)
    let configJSON = String(decoding: try JSONEncoder.sorted.encode(config), as: UTF8.self)
    return Outcome(measurement: measurement, model: gpt, metadata: ["config": configJSON, "workload": workload.name, "format": "pt"])
  }

  /// The median of `times` (0 when empty).
  static func median(_ times: [Double]) -> Double {
    let sorted = times.sorted(), middle = sorted.count / 2
    if sorted.isEmpty { return 0 }
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// Runs `warmup + steps` steps of the training loop on one fixed batch whose loss `loss` gives
  /// (AdamW with the workload's settings on every trainable parameter, weight decay on all) and
  /// returns the milliseconds of the last `steps` steps and the last step's loss.
  static func timeTraining(
    _ model: some Module<Float>, _ workload: BenchmarkWorkload, steps: Int, warmup: Int, loss: @escaping () throws -> Tensor<Float>
  ) throws -> (times: [Double], loss: Double) {
    let step = TrainingStep(model: model, adamW: workload.optimizer)
    let loop = TrainingLoop(step: step, batches: RepeatedBatch((), tokens: workload.tokensPerStep)) { _, _ in try loss() }
    var times: [Double] = [], last = 0.0
    times.reserveCapacity(steps)
    loop.observers = [EventHandler { event in
      guard case .step(let report) = event else { return }
      if report.step > warmup { times.append(report.seconds * 1000) }
      last = report.loss
    }]
    try loop.run(totalSteps: warmup + steps) { $0 >= warmup + steps }
    return (times, last)
  }
}
