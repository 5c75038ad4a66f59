import Autograd
import NeuralNet
import Testing

@testable import Training

/// The loop's events, in order, with evaluations, samples, saves and a stop; and the batch sources.
@Suite struct TrainingLoopTests {
  /// An observer that records every event and asks to stop once `stopAfter` steps are reported.
  final class Recorder: TrainingObserver {
    var events: [TrainingEvent] = []
    let stopAfter: Int?
    init(stopAfter: Int? = nil) { self.stopAfter = stopAfter }
    func receive(_ event: TrainingEvent) { events.append(event) }
    var stopRequested: Bool {
      guard let stopAfter else { return false }
      return events.contains { if case .step(let report) = $0 { return report.step >= stopAfter } else { return false } }
    }
    /// The events without the steps' measurements: "step 1", "evaluation 0", …
    var outline: [String] {
      events.map {
        switch $0 {
        case .step(let report): "step \(report.step)"
        case .evaluation(let step, let losses, _): "evaluation \(step) \(losses.map(\.value))"
        case .sample(let step, let text): "sample \(step) \(text)"
        case .checkpointSaved(let step): "saved \(step)"
        case .stopped(let step): "stopped \(step)"
        case .finished(let step): "finished \(step)"
        }
      }
    }
  }

  /// A loop that fits w to 3 by SGD on (w − 3)², evaluating every 2 steps, sampling every 3 and saving every 2.
  static func loop(_ recorder: Recorder, weight: Tensor<Double>) -> TrainingLoop<RepeatedBatch<Double>, Double> {
    let step = TrainingStep(parameters: [weight], optimizer: SGD(parameters: [weight], learningRate: 0.25))
    let loop = TrainingLoop(step: step, batches: RepeatedBatch(3.0, tokens: 4), observers: [recorder]) { target, _ in
      try ((weight - target) * (weight - target)).sum()
    }
    loop.evaluation = TrainingHook(every: 2) { _ in [NamedLoss("distance", abs(weight.scalars[0] - 3))] }
    loop.sampling = TrainingHook(every: 3) { steps in "w\(steps)" }
    loop.checkpointing = TrainingHook(every: 2) { _ in }
    return loop
  }

  @Test("events come in order: step, evaluation when due and at the end, sample, save when due, then finished")
  func eventOrder() throws {
    let recorder = Recorder()
    let weight = Tensor<Double>(shape: [1], scalars: [1], requiresGrad: true)
    let loop = Self.loop(recorder, weight: weight)
    try loop.evaluate()
    #expect(try loop.run(totalSteps: 5) { $0 >= 5 } == .finished)
    // w moves halfway to 3 at every step (w ← w − 0.25·2(w − 3)): distance 2, 1, 0.5, 0.25, …
    #expect(recorder.outline == [
      "evaluation 0 [2.0]", "step 1", "step 2", "evaluation 2 [0.5]", "saved 2", "step 3", "sample 3 w3", "step 4",
      "evaluation 4 [0.125]", "saved 4", "step 5", "evaluation 5 [0.0625]", "saved 5", "finished 5",
    ])
    guard case .step(let report) = recorder.events[1] else { Issue.record("no step event"); return }
    #expect(report.loss == 4 && report.tokens == 4 && report.totalSteps == 5 && report.outcome.learningRate == 0.25)
  }

  @Test("a stop request after step 3 saves, reports stopped, and a new loop continues from step 3")
  func stopAndContinue() throws {
    let recorder = Recorder(stopAfter: 3)
    let weight = Tensor<Double>(shape: [1], scalars: [1], requiresGrad: true)
    let first = Self.loop(recorder, weight: weight)
    #expect(try first.run(totalSteps: 5) { $0 >= 5 } == .stopped)
    #expect(recorder.outline.suffix(3) == ["sample 3 w3", "saved 3", "stopped 3"])
    #expect(first.stepsTaken == 3)

    let rest = Recorder()
    let step = TrainingStep(parameters: [weight], optimizer: SGD(parameters: [weight], learningRate: 0.25))
    let second = TrainingLoop(step: step, batches: RepeatedBatch(3.0), observers: [rest], stepsTaken: first.stepsTaken) { target, _ in
      try ((weight - target) * (weight - target)).sum()
    }
    try second.run(totalSteps: 5) { $0 >= 5 }
    #expect(rest.outline == ["step 4", "step 5", "finished 5"])
    #expect(weight.scalars == [3 - 2 / 32])
  }

  @Test("random windows: targets are the inputs shifted by one token, and every window lies inside the text")
  func randomWindows() throws {
    var windows = RandomWindows(tokens: Array(0..<50), rows: 4, length: 6, generator: SplitMix64(seed: 3))
    for index in 0..<20 {
      let batch = windows.next(step: index)
      #expect(batch.inputs.count == 24 && windows.tokenCount(of: batch) == 24)
      #expect(zip(batch.inputs, batch.targets).allSatisfy { $1 == $0 + 1 })
      for row in 0..<4 {
        let window = batch.inputs[(row * 6)..<(row * 6 + 6)]
        #expect(window.last! - window.first! == 5 && batch.targets[row * 6 + 5] <= 49)
      }
    }
  }

  @Test("a hook every k steps is due at multiples of k, and never when k ≤ 0")
  func hookInterval() {
    #expect((1...9).filter(TrainingHook<Void>(every: 3) { _ in }.isDue) == [3, 6, 9])
    #expect((1...9).filter(TrainingHook<Void>(every: 0) { _ in }.isDue).isEmpty)
  }

  @Test("a shard of a token batch holds its rows' tokens")
  func tokenBatchRows() {
    let batch = TokenBatch(inputs: Array(0..<12), targets: Array(1...12), rows: 3, length: 4)
    #expect(batch.rows(1..<3) == TokenBatch(inputs: Array(4..<12), targets: Array(5...12), rows: 2, length: 4))
  }
}
