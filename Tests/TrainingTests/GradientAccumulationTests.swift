import Autograd
import NeuralNet
import Testing

@testable import Training

/// Gradient accumulation: K micro-batches of B/K rows, one optimizer step, leave the weights a
/// batch of B leaves (in Double, to the rounding of sums taken in another order).
@Suite struct GradientAccumulationTests {
  static let config = GPTConfig(vocabSize: 13, blockSize: 8, layerCount: 2, headCount: 2, embeddingWidth: 16)
  static let tokens: [Int] = {
    var generator = SplitMix64(seed: 11)
    return (0..<300).map { _ in Int(generator.next() % 13) }
  }()

  /// Four loop steps of batch 8 with `microBatches` micro-batches (AdamW, warm-up and clipping as
  /// `train` uses); the losses reported and the weights after.
  static func train(microBatches: Int) throws -> (losses: [Double], weights: [[Double]]) {
    var generator = SplitMix64(seed: 4)
    let model = try GPT<Double>(config: config, using: &generator)
    let step = TrainingStep(
      model: model, adamW: .languageModel(learningRate: 1, weightDecay: 0.1), decayMatricesOnly: true,
      schedule: .warmupCosine(peak: 1e-2, warmupSteps: 2, totalSteps: 4, minimum: 1e-3), gradientClip: 0.5,
      synchronisation: microBatches > 1 ? GradientAccumulation<Double>(microBatches: microBatches) : LocalGradients<Double>())
    let loop = TrainingLoop(step: step, batches: RandomWindows(tokens: tokens, rows: 8, length: 8, generator: SplitMix64(seed: 3))) {
      batch, shard in try model.loss(batch, microBatch: shard, of: microBatches)
    }
    var losses: [Double] = []
    loop.observers = [EventHandler { event in if case .step(let report) = event { losses.append(report.loss) } }]
    try loop.run(totalSteps: 4) { $0 >= 4 }
    return (losses, model.parameters.map(\.scalars))
  }

  @Test("K micro-batches of B/K then one step agree with batch B to 1e-12 in Double", arguments: [2, 4, 8])
  func agreesWithWholeBatch(microBatches: Int) throws {
    let whole = try Self.train(microBatches: 1), accumulated = try Self.train(microBatches: microBatches)
    for (a, b) in zip(whole.losses, accumulated.losses) { #expect(abs(a - b) < 1e-12, "loss \(a) vs \(b)") }
    var largest = 0.0, moved = 0.0
    var generator = SplitMix64(seed: 4)
    let initial = try GPT<Double>(config: Self.config, using: &generator).parameters.map(\.scalars)
    for (index, (a, b)) in zip(whole.weights, accumulated.weights).enumerated() {
      for (x, y) in zip(a, b) { largest = max(largest, abs(x - y)) }
      for (x, y) in zip(a, initial[index]) { moved = max(moved, abs(x - y)) }
    }
    #expect(largest < 1e-12, "largest weight difference \(largest)")
    // The steps really moved the weights, so the agreement is not that of untouched copies.
    #expect(moved > 1e-3)
  }

  @Test("without the 1/K share, K micro-batches would give K times the gradient: the weights differ")
  func shareMatters() throws {
    var generator = SplitMix64(seed: 4)
    let model = try GPT<Double>(config: Self.config, using: &generator)
    var windows = RandomWindows(tokens: Self.tokens, rows: 4, length: 8, generator: SplitMix64(seed: 3))
    let batch = windows.next(step: 0)
    let sync = GradientAccumulation<Double>(microBatches: 2)
    let value = try sync.backward { shard in try model.loss(batch, microBatch: shard, of: 2) }
    let summed = model.parameters.compactMap(\.grad).flatMap { $0 }
    model.zeroGrad()
    let whole = try model.loss(batch)
    whole.backward()
    let expected = model.parameters.compactMap(\.grad).flatMap { $0 }
    #expect(abs(value - whole.item) < 1e-12)
    #expect(zip(summed, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(summed.count == expected.count && expected.contains { abs($0) > 1e-6 })
  }
}
