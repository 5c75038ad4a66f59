import Autograd
import Foundation
import NeuralNet

/// The smallest reference workload (`workbench bench moons`): a 2-16-16-1 tanh MLP trained full-batch
/// on 100 points of the two-moons dataset. At this size the time is per-op overhead (graph nodes,
/// closures, small allocations), not arithmetic.
public enum MoonsBenchmark {
  /// One timed training run, as the JSON line printed by `workbench bench moons`.
  public struct Measurement: Codable, Sendable {
    public let name: String
    /// Points in the batch.
    public let points: Int
    /// Full-batch training steps timed.
    public let steps: Int
    /// Wall-clock seconds for all steps (forward, loss, backward, SGD update, zero grads).
    public let seconds: Double
    public let final_loss: Double
    /// Fraction of the points classified correctly after training.
    public let accuracy: Double
  }

  /// `count` points of two interleaved half circles with Gaussian noise (`noise` standard deviation),
  /// labels ±1: the upper moon centred at (0, 0), the lower one at (1, 0.5), as scikit-learn's `make_moons`.
  public static func moons(count: Int, noise: Double = 0.1, using generator: inout SplitMix64) -> (points: [Float], labels: [Float]) {
    var points: [Float] = [], labels: [Float] = []
    for i in 0..<count {
      let upper = i % 2 == 0
      let angle = Double.pi * generator.nextUnit()
      let x = upper ? cos(angle) : 1 - cos(angle)
      let y = upper ? sin(angle) : 0.5 - sin(angle)
      points += [Float(x + noise * generator.nextNormal()), Float(y + noise * generator.nextNormal())]
      labels.append(upper ? 1 : -1)
    }
    return (points, labels)
  }

  /// Trains a fresh MLP for `steps` full-batch steps of SGD (momentum 0.9) on the hinge loss in the
  /// training loop and times them; the model, data and result depend only on `seed`.
  public static func run(points count: Int = 100, steps: Int = 100, learningRate: Double = 0.1, seed: UInt64 = 1) throws -> Measurement {
    var generator = SplitMix64(seed: seed)
    let data = moons(count: count, using: &generator)
    let x = Tensor<Float>(shape: [count, 2], scalars: data.points)
    let labels = Tensor<Float>(shape: [count, 1], scalars: data.labels)
    let model = MLP<Float>(sizes: [2, 16, 16, 1], activation: .tanh, using: &generator)
    let step = TrainingStep(parameters: model.parameters, optimizer: SGD(parameters: model.parameters, learningRate: learningRate, momentum: 0.9))
    let loop = TrainingLoop(step: step, batches: RepeatedBatch((x, labels))) { batch, _ in try Loss.hinge(model(batch.0), labels: batch.1) }
    var loss = 0.0
    loop.observers = [EventHandler { event in if case .step(let report) = event { loss = report.loss } }]
    try loop.run(totalSteps: steps) { $0 >= steps }
    let seconds = loop.stepSeconds
    let scores = try GradientMode.withoutRecording { try model(x) }
    let correct = zip(scores.scalars, data.labels).filter { ($0 > 0) == ($1 > 0) }.count
    return Measurement(
      name: "moons-mlp", points: count, steps: steps, seconds: (seconds * 1e5).rounded() / 1e5,
      final_loss: (loss * 1e4).rounded() / 1e4, accuracy: Double(correct) / Double(count))
  }
}
