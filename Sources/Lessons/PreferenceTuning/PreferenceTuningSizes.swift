/// Every size of the preference-tuning experiment, in one place, for the full run (release
/// build, two cores) and the quick run (tests).
struct PreferenceTuningSizes: Sendable, Equatable {
  /// Characters of context the model sees before each reply (a window of the support desk
  /// text that ends with `A:`); shortened when the checkpoint's block size needs it.
  var promptLength: Int
  /// Characters sampled for each reply; the rater judges these, DPO scores them.
  var completionLength: Int
  /// Prompts used to build preference pairs.
  var pairPrompts: Int
  /// Replies sampled for each of those prompts; the rater compares every two of them.
  var repliesPerPrompt: Int
  /// Fraction of the pairs held out to test the reward model and the DPO policies.
  var heldOutFraction: Double
  /// Prompts used to measure the trait rate and the KL divergence of each model.
  var evaluationPrompts: Int
  /// Replies per evaluation prompt drawn from the reference (for best-of-n).
  var bestOfN: Int
  /// DPO optimiser steps (overridden by `--steps`).
  var dpoSteps: Int
  /// Preference pairs per DPO step.
  var dpoBatchPairs: Int
  /// DPO learning rate (AdamW, no weight decay).
  var dpoLearningRate: Double
  /// Full-batch optimiser steps of the reward model.
  var rewardSteps: Int
  /// Sequences per sampling batch (bounds the key/value cache's memory).
  var samplingBatch: Int

  /// The full experiment (see `estimatedSeconds`).
  static let full = PreferenceTuningSizes(
    promptLength: 32, completionLength: 32, pairPrompts: 800, repliesPerPrompt: 4, heldOutFraction: 0.25, evaluationPrompts: 200,
    bestOfN: 4, dpoSteps: 60, dpoBatchPairs: 16, dpoLearningRate: 1e-4, rewardSteps: 300, samplingBatch: 200)

  /// The run of the tests: the full run's pairs, evaluation and DPO on the quick run's tiny reference
  /// (sampling and DPO take about a second there; the reference's training is what makes it quick).
  /// With a quarter of the pairs and half the evaluation prompts, DPO saw about 50 training pairs and
  /// its rise in the trait rate ranged from +13 to +42 points over seeds 1–5 on one CPU.
  static let quick = PreferenceTuningSizes(
    promptLength: 32, completionLength: 32, pairPrompts: 800, repliesPerPrompt: 4, heldOutFraction: 0.25, evaluationPrompts: 200,
    bestOfN: 4, dpoSteps: 60, dpoBatchPairs: 16, dpoLearningRate: 1e-4, rewardSteps: 200, samplingBatch: 200)
}
