import Autograd
import Foundation

/// Training-speed measurements of the reference workloads (`workbench bench`), comparable
/// with the PyTorch reference: one step is forward + cross-entropy + backward + AdamW + zero grads,
/// on one fixed batch of uniformly random token ids.
public enum Benchmark {
  /// One workload's result, as the JSON line printed by `workbench bench`.
  public struct Measurement: Codable, Sendable {
    public let name: String
    public let params: Int
    /// Median milliseconds per step.
    public let step_ms: Double
    public let tokens_per_s: Double
    public let final_loss: Double
    public let engine: String
    public let threads: Int
  }

  /// A trained workload: the measurement and the model, ready to save as a checkpoint.
  public struct Outcome {
    public let measurement: Measurement
    public let model: any Module<Float>
    public let metadata: [String: String]
  }

  /// Trains `workload` for `warmup + steps` steps and times the last `steps`.
  public static func run(_ workload: BenchmarkWorkload, steps: Int = 30, warmup: Int = 5, seed: UInt64 = 0, engine: String) throws -> Outcome {
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
    case let .gpt(config):
      let gpt = try GPT<Float>(config: config, using: &generator)
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
      name: workload.name, params: model.parameterCount, step_ms: (median * 1000).rounded() / 1000,
      tokens_per_s: (Double(workload.tokensPerStep) / (median / 1000) * 10).rounded() / 10,
      final_loss: (Double(loss) * 10000).rounded() / 10000, engine: engine, threads: 2)
    return Outcome(measurement: measurement, model: model, metadata: ["config": configJSON, "workload": workload.name, "format": "pt"])
  }

  static func makeOptimizer(_ model: some Module<Float>, _ settings: AdamWSettings) -> AdamW<Float> {
    AdamW(
      parameters: model.parameters, learningRate: settings.learningRate, betas: (settings.beta1, settings.beta2),
      eps: settings.epsilon, weightDecay: settings.weightDecay)
  }
}
