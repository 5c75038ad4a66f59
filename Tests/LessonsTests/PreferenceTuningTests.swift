import Autograd
import Foundation
import NeuralNet
import Testing

@testable import Lessons
import WorkbenchFiles

/// The preference-tuning lesson in quick mode (its tiny reference is trained in the test process,
/// no earlier lesson run is needed): its claims hold for seeds 1…5, its plots decode, reruns are
/// identical, bad β is refused; and its parts checked against independent oracles.
@Suite("PreferenceTuning")
struct PreferenceTuningTests {
  static let runs = QuickLessonRuns.make(PreferenceTuningLesson(), seed: 1)

  /// The quick result for `seed` (seed 1 reuses the determinism runs).
  static func result(seed: UInt64) throws -> RunResult {
    if seed == 1 { return try runs.get().result }
    return try QuickLessonRuns.once(PreferenceTuningLesson(), seed: seed)
  }

  @Test("claims hold in quick mode", arguments: [UInt64(1), 2, 3, 4, 5])
  func claimsHold(seed: UInt64) throws {
    let result = try Self.result(seed: seed)
    #expect(result.claims.count == 4)
    for claim in result.claims { #expect(claim.passed, "seed \(seed): \(claim.statement): \(claim.detail)") }
    // Each acceptance figure restated from the metrics.
    let value = { (name: String) throws -> Double in try #require(result.value(of: name), "\(name) missing") }
    #expect(try value("beta") == PreferenceTuningLesson.defaultBeta)
    #expect(try value("comparison_beta") == PreferenceTuningLesson.defaultBeta * PreferenceTuningLesson.comparisonFactor)
    #expect(try value("reward_model_heldout_accuracy") >= 0.8)
    #expect(try value("trait_rate_dpo_beta") - value("trait_rate_reference") >= 0.2)
    #expect(try value("kl_dpo_comparison_beta") > value("kl_dpo_beta"))
    #expect(try value("kl_dpo_beta") > 0)
    // Best-of-n by the reward model picks thanking replies more often than a single draw.
    #expect(try value("trait_rate_best_of_n") > value("trait_rate_reference"))
    #expect(try value("preference_pairs_train") >= 20 && value("preference_pairs_heldout") >= 5)
  }

  @Test("DPO starts at ln 2 with zero margin: the policy begins as a copy of the reference")
  func dpoStartsAtTheReference() throws {
    let result = try Self.runs.get().result
    let series = result.history.filter { $0.name.hasPrefix("dpo beta=") }
    #expect(series.count == 2)
    for run in series {
      let loss = try #require(run.values.first { $0.0 == "dpo_loss" }?.1.first)
      let margin = try #require(run.values.first { $0.0 == "reward_margin" }?.1.first)
      let accuracy = try #require(run.values.first { $0.0 == "preference_accuracy" }?.1.first)
      #expect(abs(loss - Foundation.log(2.0)) < 1e-5, "\(run.name): first loss \(loss)")
      #expect(abs(margin) < 1e-5 && accuracy == 0.5)
      #expect(run.steps.count == PreferenceTuningSizes.quick.dpoSteps)
    }
  }

  @Test("plots decode at their sizes; samples are written; the same seed gives identical files")
  func plotsAndDeterminism() throws {
    let runs = try Self.runs.get()
    try runs.expectPlotsAndDeterminism(sizes: [
      "dpo-training.png": (1600, 1100), "trait-rate-and-kl.png": (1600, 800), "reward-scores.png": (1200, 800),
    ])
    let samples = try String(contentsOf: runs.firstFolder.appendingPathComponent("samples.txt"), encoding: .utf8)
    #expect(samples.contains("reference") && samples.contains("DPO β=1") && samples.contains("DPO β=0.1"))
    // As it runs, each tuned policy reports one reply after its prompt (shown live in the lab).
    #expect(runs.samples.count >= 2 && runs.samples.allSatisfy { !$0.text.isEmpty }, "\(runs.samples.map(\.phase))")
  }

  @Test("β that is zero, negative or not finite, and out-of-range steps, are refused", arguments: [
    LessonParameters([.beta: 0]), LessonParameters([.beta: -0.1]), LessonParameters([.beta: .nan]),
    LessonParameters([.beta: .infinity]), LessonParameters([.steps: 0]), LessonParameters([.steps: 1_000_000]),
  ])
  func refusesBadSettings(_ parameters: LessonParameters) throws {
    #expect {
      _ = try QuickLessonRuns.once(PreferenceTuningLesson(), seed: 1, parameters: parameters)
    } throws: { error in
      guard case .invalidParameter = error as? LessonError else { return false }
      return true
    }
  }

  @Test("a corrupt published reference checkpoint is a bad input, not a crash")
  func corruptReference() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("preference-corrupt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let url = PreferenceReference.checkpoint(in: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("not a safetensors file".utf8).write(to: url)
    #expect {
      _ = try PreferenceReference.obtain(outputRoot: root, seed: 1, quick: false, progress: SilentProgress())
    } throws: { error in
      guard case .badInput(let path, _) = error as? LessonError else { return false }
      return path == url.path
    }
  }

  @Test("a published pretrain-finetune run whose checkpoint is gone is a missing input, not a silent retrain")
  func missingReference() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("preference-missing-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let url = PreferenceReference.checkpoint(in: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let metrics = url.deletingLastPathComponent().appendingPathComponent("metrics.json")
    try Data(#"{"lesson": "pretrain-finetune", "quick": false, "seed": 3}"#.utf8).write(to: metrics)
    #expect(PreferenceReference.publishedRun(in: root, seed: 3))
    #expect(!PreferenceReference.publishedRun(in: root, seed: 4))
    #expect {
      _ = try PreferenceReference.obtain(outputRoot: root, seed: 3, quick: false, progress: SilentProgress())
    } throws: { error in
      guard case .missingInput(let path, let hint) = error as? LessonError else { return false }
      return path == url.path && hint.contains("workbench run pretrain-finetune --seed 3")
    }
  }

  // MARK: parts against oracles

  @Test("−log σ(x) and its derivative σ(x) − 1, including x = 0", arguments: [-30.0, -2.5, -1e-3, 0, 1e-3, 0.7, 4, 30])
  func negativeLogSigmoid(x: Double) throws {
    let input = Tensor<Float>(shape: [1], scalars: [Float(x)], requiresGrad: true)
    let output = try input.negativeLogSigmoid()
    output.sum().backward()
    let expected = x > 0 ? Foundation.log1p(Foundation.exp(-x)) : -x + Foundation.log1p(Foundation.exp(x))
    let sigmoid = 1 / (1 + Foundation.exp(-x))
    #expect(abs(Double(output.scalars[0]) - expected) < 1e-5 * max(1, expected))
    #expect(abs(Double(try #require(input.grad)[0]) - (sigmoid - 1)) < 1e-5)
  }

  /// A small random GPT for the oracle checks.
  static func smallModel() throws -> GPT<Float> {
    var generator = SplitMix64(seed: 42)
    return try GPT<Float>(
      config: GPTConfig(vocabSize: 11, blockSize: 12, layerCount: 2, headCount: 2, embeddingWidth: 8), using: &generator)
  }

  @Test("log π(reply | prompt) sums the log-softmax of the reply's characters only")
  func replyLogProbability() throws {
    let model = try Self.smallModel()
    let sequences = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 0, 1]]
    let promptLength = 3
    let scored = try CompletionScoring.logProbabilityValues(model, sequences: sequences, promptLength: promptLength, batchSize: 1)
    for (row, sequence) in sequences.enumerated() {
      // Oracle: one forward pass per prefix, the next character's probability from softmax by hand.
      var expected = 0.0
      for t in promptLength..<sequence.count {
        let logits = try GradientMode.withoutRecording {
          try model(Array(sequence[..<t]), batch: 1, length: t).slice(axis: 1, (t - 1)..<t).scalars.map(Double.init)
        }
        let peak = logits.max()!
        let normaliser = logits.reduce(0) { $0 + Foundation.exp($1 - peak) }
        expected += logits[sequence[t]] - peak - Foundation.log(normaliser)
      }
      #expect(abs(scored[row] - expected) < 1e-4, "row \(row): \(scored[row]) vs \(expected)")
    }
  }

  @Test("the rater wants thanks at the start of the reply, after an optional greeting")
  func rater() {
    let rater = ThankingRater()
    #expect(rater.prefers(" Thank you for your message."))
    #expect(rater.prefers("Thank you"))
    #expect(rater.prefers(" Hello! Thank you"))
    #expect(!rater.prefers(" Sorry about the delay. Thank you"))
    #expect(!rater.prefers(" thank you"))
    #expect(!rater.prefers(" Thanks"))
    #expect(rater.choose(" Thank you", " Of course.") == true)
    #expect(rater.choose(" Of course.", " Thank you") == false)
    #expect(rater.choose(" Thank you", " Thank you!") == nil)
    #expect(rater.choose(" Sorry", " Of course.") == nil)
  }

  @Test("every two replies to a prompt become a pair when the rater decides between them")
  func pairsFromKReplies() {
    // Prompt 0: replies a (trait), b, c → pairs (a, b), (a, c). Prompt 1: no trait → none.
    let replies = [[[1], [4]], [[2], [5]], [[3], [6]]]
    let trait: Set<Int> = [1]
    let pairs = PreferencePair.labelled(prompts: [[0], [9]], replies: replies) { i, j, k in
      let (a, b) = (trait.contains(replies[j][i][0]), trait.contains(replies[k][i][0]))
      return a == b ? nil : a
    }
    #expect(pairs == [
      PreferencePair(promptIndex: 0, prompt: [0], chosen: [1], rejected: [2]),
      PreferencePair(promptIndex: 0, prompt: [0], chosen: [1], rejected: [3]),
    ])
  }

  @Test("the Bradley–Terry reward model learns a preference that one feature decides")
  func rewardModel() throws {
    var generator = SplitMix64(seed: 7)
    func features(_ preferred: Bool) -> [Double] {
      [generator.nextNormal() + (preferred ? 2 : 0), generator.nextNormal(), generator.nextNormal()]
    }
    let chosen = (0..<80).map { _ in features(true) }, rejected = (0..<80).map { _ in features(false) }
    let fit = try LinearRewardModel.train(chosen: chosen, rejected: rejected, steps: 200)
    #expect(abs(fit.losses[0] - Foundation.log(2.0)) < 1e-6)   // w = 0: σ(0) for every pair
    #expect(fit.losses.last! < 0.3)
    #expect(fit.model.weights[0] > 3 * abs(fit.model.weights[1]) && fit.model.weights[0] > 3 * abs(fit.model.weights[2]))
    let heldChosen = (0..<200).map { _ in features(true) }, heldRejected = (0..<200).map { _ in features(false) }
    // Oracle: with a mean gap of 2 and unit noise on each side, P(correct) = Φ(2/√2) ≈ 0.92.
    #expect(abs(fit.model.accuracy(chosen: heldChosen, rejected: heldRejected) - 0.92) < 0.06)
  }
}
