import Autograd
import NeuralNet
import Training

/// Direct Preference Optimisation (Rafailov et al. 2023): trains a policy π, starting from the
/// reference π_ref, on preference pairs with the loss
///
///     L = −log σ(β · [(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))])
///
/// where log π(y|x) sums over the reply's characters only. β · (log π − log π_ref) is the
/// *implicit reward* of a reply; the bracket times β is the *implicit reward margin*.
struct DirectPreferenceOptimisation {
  /// The strength of the pull back to the reference (smaller β lets the policy drift further).
  let beta: Double
  /// AdamW learning rate (no weight decay: decay would move the policy by itself).
  let learningRate: Double
  /// Preference pairs per step.
  let batchPairs: Int
  /// Optimiser steps.
  let steps: Int

  /// What one step measured on its batch.
  struct Step: Sendable, Equatable {
    /// Mean DPO loss, nats.
    var loss: Double
    /// Mean implicit reward margin β·[Δ(chosen) − Δ(rejected)], nats.
    var margin: Double
    /// Fraction of pairs with a positive margin (a tie, as at the first step, counts half).
    var accuracy: Double
    /// Mean implicit reward of the chosen replies, β·(log π − log π_ref), nats.
    var chosenReward: Double
    /// Mean implicit reward of the rejected replies, nats.
    var rejectedReward: Double
  }

  /// Trains `policy` in place on `pairs`, whose reference log-probabilities are given, drawing
  /// batches in an order fixed by `generator`; reports progress after every step.
  func train(
    policy: GPT<Float>, pairs: [PreferencePair], referenceChosen: [Double], referenceRejected: [Double],
    promptLength: Int, using generator: inout SplitMix64, report: (Int, Step) -> Void
  ) throws -> [Step] {
    let step = TrainingStep(model: policy, adamW: AdamWSettings(learningRate: learningRate, weightDecay: 0), gradientClip: 1)
    // The last batch's log-ratios log π − log π_ref and margins, for the step's record.
    var measured: (ratios: [Float], margins: [Float]) = ([], [])
    let loop = TrainingLoop(step: step, batches: PairOrder(pairs: pairs.count, batchPairs: batchPairs, generator: generator)) {
      batch, _ in
      let sequences = batch.map { pairs[$0].chosenSequence } + batch.map { pairs[$0].rejectedSequence }
      let logProbabilities = try CompletionScoring.logProbabilities(policy, sequences: sequences, promptLength: promptLength)
      let reference = batch.map { Float(referenceChosen[$0]) } + batch.map { Float(referenceRejected[$0]) }
      let ratios = try logProbabilities - Tensor(reference)                      // log π − log π_ref, [2B]
      let halves = try ratios.split([batch.count, batch.count], axis: 0)
      let margins = try (halves[0] - halves[1]) * Float(beta)                    // [B]
      measured = (ratios.scalars, margins.scalars)
      return try margins.negativeLogSigmoid().mean()
    }
    var history: [Step] = []
    try withoutActuallyEscaping(report) { report in
      defer { loop.observers = [] }  // `report` must not outlive this call
      loop.observers = [EventHandler { event in
        guard case .step(let stepReport) = event else { return }
        let rewards = measured.ratios.map { beta * Double($0) }
        let pairCount = measured.margins.count, n = Double(pairCount)
        let record = Step(
          loss: stepReport.loss, margin: measured.margins.reduce(0) { $0 + Double($1) } / n,
          accuracy: measured.margins.reduce(0) { $0 + ($1 > 0 ? 1 : $1 == 0 ? 0.5 : 0) } / n,
          chosenReward: rewards[..<pairCount].reduce(0, +) / n, rejectedReward: rewards[pairCount...].reduce(0, +) / n)
        history.append(record)
        report(stepReport.step - 1, record)
      }]
      try loop.run(totalSteps: steps) { $0 >= steps }
    }
    generator = loop.batches.generator
    return history
  }

  /// The batches of DPO: `batchPairs` pair indices (at most all pairs) per step, taken from the end
  /// of a shuffled order of all pairs that is reshuffled by `generator` whenever it runs out.
  struct PairOrder: BatchSource {
    let pairs: Int
    let batchPairs: Int
    var generator: SplitMix64
    var order: [Int] = []

    init(pairs: Int, batchPairs: Int, generator: SplitMix64) {
      self.pairs = pairs
      self.batchPairs = batchPairs
      self.generator = generator
    }

    mutating func next(step: Int) -> [Int] {
      var batch: [Int] = []
      while batch.count < min(batchPairs, pairs) {
        if order.isEmpty { order = Array(0..<pairs).shuffled(using: &generator) }
        batch.append(order.removeLast())
      }
      return batch
    }
  }

  /// Fraction of `pairs` whose implicit reward margin under `policy` is positive (held-out
  /// preference accuracy of the policy read as a reward model).
  func accuracy(
    policy: GPT<Float>, pairs: [PreferencePair], referenceChosen: [Double], referenceRejected: [Double],
    promptLength: Int, batchSize: Int
  ) throws -> Double {
    guard !pairs.isEmpty else { return 0 }
    let chosen = try CompletionScoring.logProbabilityValues(
      policy, sequences: pairs.map(\.chosenSequence), promptLength: promptLength, batchSize: batchSize)
    let rejected = try CompletionScoring.logProbabilityValues(
      policy, sequences: pairs.map(\.rejectedSequence), promptLength: promptLength, batchSize: batchSize)
    let wins = pairs.indices.filter { (chosen[$0] - referenceChosen[$0]) - (rejected[$0] - referenceRejected[$0]) > 0 }.count
    return Double(wins) / Double(pairs.count)
  }
}
