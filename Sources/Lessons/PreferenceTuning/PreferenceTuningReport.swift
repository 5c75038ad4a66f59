import Foundation
import Plotting
import WorkbenchFiles

/// Turns the measurements of a preference-tuning run into the lesson's result: metrics, checked
/// claims, tables, plots, samples side by side (`samples.txt`) and per-step history.
struct PreferenceTuningReport {
  let lesson: PreferenceTuningLesson
  let context: LessonContext
  let sizes: PreferenceTuningSizes
  let outcome: PreferenceExperiment.Outcome

  /// Replies shown side by side in the terminal notes (all of them go to `samples.txt`).
  static let noteSamples = 4
  /// Rows of `samples.txt`.
  static let fileSamples = 16

  func result() throws -> RunResult {
    var result = RunResult(lesson: lesson, context: context)
    let chosen = outcome.runs[0], comparison = outcome.runs[1]
    let n = sizes.bestOfN

    result.metric("beta", chosen.beta, unit: "β")
    result.metric("comparison_beta", comparison.beta, unit: "β")
    result.metric("base_rate", outcome.baseRate, unit: "fraction")
    result.metric("pair_prompt_replies", Double(outcome.pairSamples), unit: "replies")
    result.metric("preference_pairs_train", Double(outcome.trainPairs.count), unit: "pairs")
    result.metric("preference_pairs_heldout", Double(outcome.heldOutPairs.count), unit: "pairs")
    result.metric("reward_model_train_accuracy", outcome.rewardTrainAccuracy, unit: "fraction")
    result.metric("reward_model_heldout_accuracy", outcome.rewardHeldOutAccuracy, unit: "fraction")
    result.metric("trait_rate_reference", outcome.referenceRate, unit: "fraction")
    result.metric("trait_rate_best_of_n", outcome.bestOfNRate, unit: "fraction")
    result.metric("best_of_n", Double(n), unit: "replies")
    for (run, suffix) in [(chosen, "beta"), (comparison, "comparison_beta")] {
      result.metric("trait_rate_dpo_\(suffix)", run.traitRate, unit: "fraction")
      result.metric("kl_dpo_\(suffix)", run.kl, unit: "nats per reply")
      result.metric("kl_standard_error_dpo_\(suffix)", run.klStandardError, unit: "nats per reply")
      result.metric("dpo_heldout_accuracy_\(suffix)", run.heldOutAccuracy, unit: "fraction")
      result.metric("dpo_final_loss_\(suffix)", run.history.last?.loss ?? .nan, unit: "nats")
      result.metric("mean_reward_dpo_\(suffix)", run.meanReward, unit: "reward")
      // The implicit rewards of `dpo-training.png`, so the narrative can quote their course.
      if let peak = run.history.indices.max(by: { run.history[$0].chosenReward < run.history[$1].chosenReward }) {
        result.metric("dpo_peak_chosen_reward_\(suffix)", run.history[peak].chosenReward, unit: "nats")
        result.metric("dpo_peak_chosen_reward_step_\(suffix)", Double(peak + 1), unit: "step")
      }
      result.metric("dpo_final_chosen_reward_\(suffix)", run.history.last?.chosenReward ?? .nan, unit: "nats")
      result.metric("dpo_final_rejected_reward_\(suffix)", run.history.last?.rejectedReward ?? .nan, unit: "nats")
    }
    result.metric("mean_reward_reference", outcome.referenceMeanReward, unit: "reward")
    result.metric("mean_reward_best_of_n", outcome.bestOfNMeanReward, unit: "reward")
    result.metric("dpo_steps", Double(sizes.dpoSteps), unit: "steps")
    result.metric("reply_length", Double(sizes.completionLength), unit: "characters")
    result.metric("prompt_length", Double(sizes.promptLength), unit: "characters")

    let b = PreferenceExperiment.number(chosen.beta), bSmall = PreferenceExperiment.number(comparison.beta)
    result.claim(
      "The rater's trait is present but unusual in the reference model's replies (base rate between 1% and 50%)",
      outcome.baseRate >= 0.01 && outcome.baseRate <= 0.5,
      detail: "measured \(pct(outcome.baseRate)) of \(outcome.pairSamples) sampled replies open with \"\(ThankingRater.phrase)\"")
    result.claim(
      "The Bradley–Terry reward model ranks held-out pairs like the rater (accuracy >= 0.8)",
      outcome.rewardHeldOutAccuracy >= 0.8,
      detail: String(format: "measured %.3f on %d held-out pairs (%.3f on %d training pairs)",
                     outcome.rewardHeldOutAccuracy, outcome.heldOutPairs.count, outcome.rewardTrainAccuracy, outcome.trainPairs.count))
    let rise = chosen.traitRate - outcome.referenceRate
    result.claim(
      "DPO with β = \(b) raises the share of replies that open with \"\(ThankingRater.phrase)\" by at least 20 percentage points",
      rise >= 0.2,
      detail: "measured \(pct(outcome.referenceRate)) before, \(pct(chosen.traitRate)) after (\(String(format: "%+.1f", 100 * rise)) points)")
    result.claim(
      "The tuned model drifts further from the reference with the smaller β (KL at β = \(bSmall) > KL at β = \(b))",
      comparison.kl > chosen.kl,
      detail: String(format: "measured KL %.2f ± %.2f nats per reply at β = %@, %.2f ± %.2f at β = %@",
                     comparison.kl, comparison.klStandardError, bSmall, chosen.kl, chosen.klStandardError, b))

    let bound = Foundation.log(Double(n)) - Double(n - 1) / Double(n)
    result.tables.append(ResultTable(
      title: "Replies to \(outcome.questions.count) held-out questions: the rater's trait, the reward model's score and the drift",
      columns: ["model", "opens with \"\(ThankingRater.phrase)\"", "mean reward", "KL to reference (nats/reply)"],
      rows: [
        ["reference (fine-tuned)", pct(outcome.referenceRate), fmt(outcome.referenceMeanReward), "0"],
        ["best-of-\(n) by reward model", pct(outcome.bestOfNRate), fmt(outcome.bestOfNMeanReward), String(format: "≤ %.2f (log n − (n−1)/n)", bound)],
        ["DPO β = \(b)", pct(chosen.traitRate), fmt(chosen.meanReward), String(format: "%.2f ± %.2f", chosen.kl, chosen.klStandardError)],
        ["DPO β = \(bSmall)", pct(comparison.traitRate), fmt(comparison.meanReward), String(format: "%.2f ± %.2f", comparison.kl, comparison.klStandardError)],
      ]))
    result.tables.append(ResultTable(
      title: "Preference data and how well each model ranks held-out pairs",
      columns: ["item", "value"],
      rows: [
        ["replies sampled for rating (\(sizes.repliesPerPrompt) per prompt)", "\(outcome.pairSamples)"],
        ["pairs kept (of two replies to one prompt, exactly one opens with thanks)", "\(outcome.trainPairs.count + outcome.heldOutPairs.count)"],
        ["training / held-out pairs", "\(outcome.trainPairs.count) / \(outcome.heldOutPairs.count)"],
        ["reward model, held-out accuracy", fmt(outcome.rewardHeldOutAccuracy)],
        ["DPO β = \(b) implicit reward, held-out accuracy", fmt(chosen.heldOutAccuracy)],
        ["DPO β = \(bSmall) implicit reward, held-out accuracy", fmt(comparison.heldOutAccuracy)],
      ]))

    let samples = sampleLines(count: Self.fileSamples)
    try OutputFolder.write(Data((samples.joined(separator: "\n") + "\n").utf8), to: context.file("samples.txt"))
    result.notes.append("Replies before and after DPO (first \(Self.noteSamples); more in samples.txt; ✓ = opens with \"\(ThankingRater.phrase)\"):")
    result.notes.append(sampleLines(count: Self.noteSamples).dropFirst(2).joined(separator: "\n"))

    for run in outcome.runs {
      let h = run.history
      result.history.append(HistorySeries(
        name: "dpo beta=\(PreferenceExperiment.number(run.beta))", steps: h.indices.map { $0 + 1 },
        values: [("dpo_loss", h.map(\.loss)), ("reward_margin", h.map(\.margin)), ("preference_accuracy", h.map(\.accuracy)),
                 ("chosen_reward", h.map(\.chosenReward)), ("rejected_reward", h.map(\.rejectedReward))]))
    }
    result.history.append(HistorySeries(
      name: "reward model", steps: outcome.rewardLosses.indices.map { $0 + 1 }, values: [("bradley_terry_loss", outcome.rewardLosses)]))

    let plots = PreferenceTuningPlots(outcome: outcome, bestOfN: n)
    result.plots.append(try context.savePlot(
      plots.training(), file: "dpo-training.png", title: "DPO training: loss, implicit reward margin and preference accuracy",
      caption: "Per DPO step, on the training batch: the loss falls from ln 2 ≈ 0.69, the implicit reward margin β·[(log π − log π_ref)(chosen) − (log π − log π_ref)(rejected)] grows, and the share of pairs ranked like the rater rises. The smaller β needs larger log-ratio changes for the same margin.",
      alt: "Four line charts against DPO step for two values of beta: DPO loss decreasing, implicit reward margin increasing, preference accuracy rising towards 1, and implicit rewards of chosen replies above those of rejected ones.",
      width: 1600, height: 1100))
    result.plots.append(try context.savePlot(
      plots.rateAndDrift(), file: "trait-rate-and-kl.png", title: "What preference tuning buys and what it costs",
      caption: "Left: share of sampled replies that open with \"\(ThankingRater.phrase)\" for the reference, best-of-\(n) picked by the reward model, and the two DPO policies (the dashed line is the reference's rate plus 20 points, the lesson's target). Right: their estimated KL divergence from the reference, nats per \(sizes.completionLength)-character reply (mean of log π − log π_ref over the policy's own samples; error bars are not drawn, see the table for ± one standard error).",
      alt: "Two bar charts. The share of replies opening with Thank you rises from the reference to best-of-n to the DPO policies; the KL divergence from the reference is largest for the smaller beta.",
      width: 1600, height: 800))
    result.plots.append(try context.savePlot(
      plots.rewardScores(), file: "reward-scores.png", title: "Reward model scores of the reference's replies",
      caption: "Bradley–Terry reward of the reference model's replies to held-out questions, split by whether the reply opens with \"\(ThankingRater.phrase)\" (each group's histogram has area 1, so the rare group stays visible). The reward model never saw the rule, only which reply of a pair the rater preferred.",
      alt: "Two overlapping histograms of reward scores: replies that open with Thank you score clearly higher than the others."))

    result.timings = outcome.timings
    return result
  }

  /// `samples.txt`: for each of the first `count` held-out questions, the reference's reply and
  /// each DPO policy's reply (the same random numbers drive every model's sampling).
  func sampleLines(count: Int) -> [String] {
    var lines = [
      "Replies to held-out questions, \(sizes.completionLength) characters each, sampled at temperature \(PreferenceExperiment.number(PreferenceTuningLesson.temperature)) with the same random numbers for every model; ✓ = opens with \"\(ThankingRater.phrase)\".",
      "",
    ]
    let rater = ThankingRater()
    func show(_ reply: String) -> String {
      (rater.prefers(reply) ? "✓ " : "  ") + "A: Hello!" + reply.replacingOccurrences(of: "\n", with: "⏎")
    }
    for i in 0..<min(count, outcome.questions.count) {
      lines.append(outcome.questions[i])
      lines.append("  reference      " + show(outcome.referenceReplies[i]))
      for run in outcome.runs {
        let label = "DPO β=\(PreferenceExperiment.number(run.beta))"
        lines.append("  " + label.padding(toLength: 15, withPad: " ", startingAt: 0) + show(run.replies[i]))
      }
      lines.append("")
    }
    return lines
  }

  func pct(_ fraction: Double) -> String { String(format: "%.1f%%", 100 * fraction) }
  func fmt(_ value: Double) -> String { String(format: "%.3f", value) }
}
