import Autograd
import NeuralNet

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
    let optimizer = AdamW(parameters: policy.trainableParameters, learningRate: learningRate, weightDecay: 0)
    var order: [Int] = []
    var history: [Step] = []
    for step in 0..<steps {
      var batch: [Int] = []
      while batch.count < min(batchPairs, pairs.count) {
        if order.isEmpty { order = Array(pairs.indices).shuffled(using: &generator) }
        batch.append(order.removeLast())
      }
      let sequences = batch.map { pairs[$0].chosenSequence } + batch.map { pairs[$0].rejectedSequence }
      let logProbabilities = try CompletionScoring.logProbabilities(policy, sequences: sequences, promptLength: promptLength)
      let reference = batch.map { Float(referenceChosen[$0]) } + batch.map { Float(referenceRejected[$0]) }
      let ratios = try logProbabilities - Tensor(reference)                      // log π − log π_ref, [2B]
      let halves = try ratios.split([batch.count, batch.count], axis: 0)
      let margins = try (halves[0] - halves[1]) * Float(beta)                    // [B]
      let loss = try margins.negativeLogSigmoid().mean()
      loss.backward()
      clipGradientNorm(policy.trainableParameters, maxNorm: 1)
      optimizer.step()
      policy.zeroGrad()

      let rewards = ratios.scalars.map { beta * Double($0) }
      let n = Double(batch.count)
      let record = Step(
        loss: Double(loss.item), margin: margins.scalars.reduce(0) { $0 + Double($1) } / n,
        accuracy: margins.scalars.reduce(0) { $0 + ($1 > 0 ? 1 : $1 == 0 ? 0.5 : 0) } / n,
        chosenReward: rewards[..<batch.count].reduce(0, +) / n, rejectedReward: rewards[batch.count...].reduce(0, +) / n)
      history.append(record)
      report(step, record)
    }
    return history
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
