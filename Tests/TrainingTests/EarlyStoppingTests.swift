import Autograd
import NeuralNet
import Testing

@testable import Training

/// Early stopping follows the lowest held-out loss and asks to stop after `patience` evaluations
/// without a lower one; replaying the evaluations rebuilds the same state.
@Suite struct EarlyStoppingTests {
  static let losses: [(Int, Double)] = [(0, 3.0), (5, 2.5), (10, 2.6), (15, 2.5), (20, 2.4), (25, 2.45), (30, 2.41), (35, 2.9)]

  @Test("the best is the first lowest loss; the stop comes after patience evaluations without improvement")
  func followsTheBest() throws {
    let stopping = EarlyStopping(lossName: "validation", patience: 3)
    var improved: [Int] = []
    stopping.onImprovement = { improved.append($0.step) }
    var stoppedAt: Int?
    for (step, loss) in Self.losses {
      try stopping.receive(.evaluation(step: step, losses: [NamedLoss("reference", 0), NamedLoss("validation", loss)], seconds: 0))
      try stopping.receive(.step(TrainingStepReport(
        step: step, totalSteps: nil, outcome: TrainingStepOutcome(loss: 9, learningRate: 0, gradientNorm: nil), tokens: 0, seconds: 0,
        stepSeconds: 0)))
      if stoppedAt == nil && stopping.stopRequested { stoppedAt = step }
    }
    // 2.5 at step 15 does not beat 2.5 at step 5; 2.4 at step 20 is the best; 2.45, 2.41, 2.9 do not beat it.
    #expect(improved == [0, 5, 20])
    #expect(stopping.best == EarlyStopping.Measurement(step: 20, loss: 2.4))
    #expect(stopping.last == EarlyStopping.Measurement(step: 35, loss: 2.9))
    #expect(stoppedAt == 35 && stopping.evaluationsWithoutImprovement == 3)

    let replayed = EarlyStopping(
      lossName: "validation", patience: 3, replaying: Self.losses.prefix(6).map { EarlyStopping.Measurement(step: $0.0, loss: $0.1) })
    #expect(replayed.best == EarlyStopping.Measurement(step: 20, loss: 2.4) && replayed.evaluationsWithoutImprovement == 1)
    #expect(!replayed.stopRequested)
    let never = EarlyStopping(
      lossName: "validation", patience: nil, replaying: Self.losses.map { EarlyStopping.Measurement(step: $0.0, loss: $0.1) })
    #expect(!never.stopRequested && never.best?.step == 20)
  }

  @Test("in the loop, early stopping ends the run after the evaluation that exhausts the patience")
  func stopsTheLoop() throws {
    let weight = Tensor<Double>(shape: [1], scalars: [0], requiresGrad: true)
    let step = TrainingStep(parameters: [weight], optimizer: SGD(parameters: [weight], learningRate: 0.1))
    let loop = TrainingLoop(step: step, batches: RepeatedBatch(())) { _, _ in try (weight * weight).sum() }
    // Held-out "losses" by step: falling until step 4, then rising.
    loop.evaluation = TrainingHook(every: 2) { steps in [NamedLoss("validation", Double((steps - 4) * (steps - 4)))] }
    let stopping = EarlyStopping(lossName: "validation", patience: 2)
    var ended: TrainingEvent?
    loop.observers = [stopping, EventHandler { event in if case .stopped = event { ended = event } }]
    #expect(try loop.run(totalSteps: 20) { $0 >= 20 } == .stopped)
    // Evaluations at 2 (4), 4 (0, best), 6 (4), 8 (16): the second without improvement stops after step 8.
    #expect(ended == .stopped(step: 8) && stopping.best == EarlyStopping.Measurement(step: 4, loss: 0))
  }
}
