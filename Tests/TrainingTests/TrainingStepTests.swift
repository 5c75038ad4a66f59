import Autograd
import NeuralNet
import Testing

@testable import Training

/// The one training step: the same numbers as the step written out by hand, its gradient norm, and
/// what happens to a step whose loss is not finite.
@Suite struct TrainingStepTests {
  static let config = GPTConfig(vocabSize: 11, blockSize: 8, layerCount: 2, headCount: 2, embeddingWidth: 16)
  static let tokens: [Int] = {
    var generator = SplitMix64(seed: 5)
    return (0..<200).map { _ in Int(generator.next() % 11) }
  }()
  static let schedule = LearningRateSchedule.warmupCosine(peak: 3e-3, warmupSteps: 2, totalSteps: 6, minimum: 3e-4)

  static func model() throws -> GPT<Float> {
    var generator = SplitMix64(seed: 9)
    return try GPT<Float>(config: config, using: &generator)
  }

  @Test("six loop steps leave the same weights, bit for bit, as the step written out by hand")
  func loopEqualsHandWrittenStep() throws {
    let looped = try Self.model()
    let step = TrainingStep(
      model: looped, adamW: .languageModel(learningRate: 1, weightDecay: 0.1), decayMatricesOnly: true, schedule: Self.schedule,
      gradientClip: 0.5)
    let loop = TrainingLoop(step: step, batches: RandomWindows(tokens: Self.tokens, rows: 3, length: 8, generator: SplitMix64(seed: 2))) {
      batch, _ in try looped.loss(batch)
    }
    var loopLosses: [Double] = []
    loop.observers = [EventHandler { event in if case .step(let report) = event { loopLosses.append(report.loss) } }]
    #expect(try loop.run(totalSteps: 6) { $0 >= 6 } == .finished)

    let manual = try Self.model()
    let optimizer = AdamW<Float>(
      parameters: manual.parameters, learningRate: 1, betas: (0.9, 0.95), eps: 1e-8, weightDecay: 0.1, decayMatricesOnly: true)
    var windows = RandomWindows(tokens: Self.tokens, rows: 3, length: 8, generator: SplitMix64(seed: 2))
    var manualLosses: [Double] = []
    for index in 0..<6 {
      let batch = windows.next(step: index)
      optimizer.learningRate = Self.schedule.rate(at: index)
      let loss = try manual.loss(tokens: batch.inputs, targets: batch.targets, batch: 3, length: 8)
      loss.backward()
      manualLosses.append(Double(loss.item))
      clipGradientNorm(manual.trainableParameters, maxNorm: 0.5)
      optimizer.step()
      manual.zeroGrad()
    }
    #expect(loopLosses == manualLosses)
    for (a, b) in zip(looped.parameters, manual.parameters) { #expect(a.scalars == b.scalars) }
    #expect(looped.parameters.allSatisfy { $0.grad == nil })
  }

  @Test("the reported gradient norm is √Σg² of the unclipped gradient, and the rate is the schedule's")
  func gradientNormAndRate() throws {
    let weight = Tensor<Double>(shape: [2], scalars: [3, -4], requiresGrad: true)
    let step = TrainingStep(
      parameters: [weight], optimizer: SGD(parameters: [weight], learningRate: 1), schedule: .constant(0.5), gradientClip: 1)
    // loss = Σ w²: gradient 2w = (6, −8), norm 10, clipped to norm 1 (0.6, −0.8), update −0.5·g.
    let outcome = try step.take(0) { _ in try (weight * weight).sum() }
    #expect(outcome == TrainingStepOutcome(loss: 25, learningRate: 0.5, gradientNorm: 10))
    #expect(abs(weight.scalars[0] - (3 - 0.5 * 0.6 * 10 / (10 + 1e-6))) < 1e-12)
    #expect(abs(weight.scalars[1] - (-4 + 0.5 * 0.8 * 10 / (10 + 1e-6))) < 1e-12)
    #expect(weight.grad == nil)
  }

  @Test("a step without clipping reports no gradient norm")
  func noClipNoNorm() throws {
    let weight = Tensor<Double>(shape: [1], scalars: [2], requiresGrad: true)
    let step = TrainingStep(parameters: [weight], optimizer: SGD(parameters: [weight], learningRate: 0.25))
    let outcome = try step.take(3) { _ in try (weight * weight).sum() }
    #expect(outcome.gradientNorm == nil && outcome.loss == 4)
    #expect(weight.scalars == [1])  // 2 − 0.25·4
  }

  @Test("a NaN loss throws naming the 1-based step, and the parameters are neither updated nor left with gradients")
  func nonFiniteLoss() throws {
    let weight = Tensor<Double>(shape: [1], scalars: [2], requiresGrad: true)
    let step = TrainingStep(parameters: [weight], optimizer: SGD(parameters: [weight], learningRate: 0.25), gradientClip: 1)
    #expect(throws: TensorError.nonFinite(op: "loss at step 4", value: .infinity)) {
      try step.take(3) { _ in (weight * Double.infinity).sum() }
    }
    #expect(weight.scalars == [2] && weight.grad == nil)
  }
}
