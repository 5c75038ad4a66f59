import Autograd
import Foundation
import NeuralNet
import WorkbenchFiles

/// The experiment behind the lesson, step by step: sample K replies per prompt from the
/// reference, let the rater compare every two of them, fit the reward model on the pairs, measure the reference (and best-of-n), then run
/// DPO for each β and measure the trait rate and the KL divergence of the tuned policy.
struct PreferenceExperiment {
  /// Sizes, with the prompt and reply lengths fitted to the reference's block size.
  let sizes: PreferenceTuningSizes
  let context: LessonContext
  /// The frozen reference π_ref (also the policy's starting point).
  let referenceModel: PreferenceReference
  var reference: GPT<Float> { referenceModel.model }
  var tokenizer: CharacterTokenizer { referenceModel.tokenizer }
  let rater = ThankingRater()
  /// Characters a reply needs for the rater to judge it (" Thank you" and a little more).
  static let shortestReply = 12

  /// Fits `sizes` to the reference's block size: a short block is shared, the reply gets half
  /// (at least `shortestReply`), the prompt the rest.
  init(reference: PreferenceReference, sizes: PreferenceTuningSizes, context: LessonContext) throws {
    self.referenceModel = reference
    self.context = context
    let block = reference.model.config.blockSize
    let shortest = ReplyPrompt.ending.count + Self.shortestReply
    guard block >= shortest else {
      throw LessonError.badInput(
        path: PreferenceReference.checkpoint(in: context.outputRoot).path,
        reason: "its block size \(block) is too short for a prompt and a reply (at least \(shortest) characters are needed)")
    }
    var fitted = sizes
    fitted.completionLength = min(sizes.completionLength, max(Self.shortestReply, block / 2))
    fitted.promptLength = min(sizes.promptLength, block - fitted.completionLength)
    self.sizes = fitted
  }

  /// What one DPO run produced and measured.
  struct PolicyRun {
    var beta: Double
    var history: [DirectPreferenceOptimisation.Step]
    /// Fraction of sampled replies that open with thanks.
    var traitRate: Double
    /// Estimated KL(π ‖ π_ref) per reply, nats: mean of log π(y|x) − log π_ref(y|x) over y ~ π.
    var kl: Double
    /// Standard error of that mean, nats.
    var klStandardError: Double
    /// Held-out pairs ranked correctly by the implicit reward.
    var heldOutAccuracy: Double
    /// Mean reward-model score of the sampled replies.
    var meanReward: Double
    /// The sampled replies, one per evaluation prompt.
    var replies: [String]
  }

  /// Everything the report needs.
  struct Outcome {
    var pairSamples: Int
    /// Trait rate of the reference, measured first on the pair prompts' samples.
    var baseRate: Double
    var trainPairs: [PreferencePair]
    var heldOutPairs: [PreferencePair]
    var rewardLosses: [Double]
    var rewardTrainAccuracy: Double
    var rewardHeldOutAccuracy: Double
    /// Reference trait rate on the evaluation prompts (all best-of-n draws).
    var referenceRate: Double
    var referenceMeanReward: Double
    var bestOfNRate: Double
    var bestOfNMeanReward: Double
    /// Reward-model scores of the reference's evaluation replies, with and without the trait.
    var rewardsWithTrait: [Double]
    var rewardsWithoutTrait: [Double]
    var questions: [String]
    /// The reference's first reply to each evaluation prompt.
    var referenceReplies: [String]
    var runs: [PolicyRun]
    var timings: [Timing]
  }

  func run(betas: [Double]) throws -> Outcome {
    var timings: [Timing] = []
    func timed<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
      let start = DispatchTime.now().uptimeNanoseconds
      defer { timings.append(Timing(phase: phase, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
      return try body()
    }
    let promptLength = sizes.promptLength
    var generator = context.makeGenerator()
    var promptGenerator = generator.split()
    var pairGenerator = generator.split()
    let evaluationGenerator = generator.split()
    var bestOfGenerator = generator.split()
    let batchOrderGenerator = generator.split()

    // 1. Prompts: windows of fresh support-desk text ending in "A: Hello!".
    let prompts = ReplyPrompt.make(
      count: sizes.pairPrompts + sizes.evaluationPrompts, length: promptLength, using: &promptGenerator
    ) { (try? tokenizer.encode($0)) != nil }
    let encoded = try prompts.map { try tokenizer.encode($0.context) }
    let pairContexts = Array(encoded[..<sizes.pairPrompts])
    let evaluationContexts = Array(encoded[sizes.pairPrompts...])
    let sampler = TokenSampler(model: reference, vocabularySize: tokenizer.vocabularySize, settings: Self.sampling)

    // 2. K replies per prompt from the reference; the rater compares every two replies to the same
    //    prompt and keeps the pairs where exactly one opens with thanks.
    let draws = try timed("sample pairs") {
      try (0..<sizes.repliesPerPrompt).map { _ in
        try sample(sampler, pairContexts, using: &pairGenerator, phase: "sampling replies to rate")
      }
    }
    let drawnText = try draws.map { try $0.map(decode) }
    let replyCount = sizes.repliesPerPrompt * pairContexts.count
    let traitCount = drawnText.joined().filter(rater.prefers).count
    let baseRate = Double(traitCount) / Double(replyCount)
    let pairs = PreferencePair.labelled(prompts: pairContexts, replies: draws) { i, j, k in
      rater.choose(drawnText[j][i], drawnText[k][i])
    }
    // Hold out the pairs of the last prompts (about `heldOutFraction` of the pairs), so that no
    // held-out prompt or reply is seen in training.
    let heldOutCount = Int((Double(pairs.count) * sizes.heldOutFraction).rounded())
    let firstHeldOutPrompt = heldOutCount > 0 ? pairs[pairs.count - heldOutCount].promptIndex : Int.max
    let trainPairs = pairs.filter { $0.promptIndex < firstHeldOutPrompt }
    let heldOutPairs = pairs.filter { $0.promptIndex >= firstHeldOutPrompt }
    guard trainPairs.count >= 4, heldOutPairs.count >= 2 else {
      throw LessonError.badInput(
        path: PreferenceReference.checkpoint(in: context.outputRoot).path,
        reason: "its replies open with \"\(ThankingRater.phrase)\" in \(traitCount) of \(replyCount) samples, which gives only \(pairs.count) preference pairs; fine-tune it longer with `workbench run pretrain-finetune`")
    }
    context.progress.finish(phase: "preference pairs", summary: "\(pairs.count) pairs from \(replyCount) replies (base rate \(Self.percent(baseRate)))")

    // 3. Reward model on the frozen reference's features.
    let batch = sizes.samplingBatch
    func features(_ sequences: [[Int]]) throws -> [[Double]] {
      try CompletionScoring.replyFeatures(reference, sequences: sequences, promptLength: promptLength, batchSize: batch)
    }
    let (rewardModel, rewardLosses, trainAccuracy, heldOutAccuracy) = try timed("reward model") {
      let trainChosen = try features(trainPairs.map(\.chosenSequence))
      let trainRejected = try features(trainPairs.map(\.rejectedSequence))
      let fit = try LinearRewardModel.train(chosen: trainChosen, rejected: trainRejected, steps: sizes.rewardSteps)
      let heldOut = fit.model.accuracy(
        chosen: try features(heldOutPairs.map(\.chosenSequence)), rejected: try features(heldOutPairs.map(\.rejectedSequence)))
      return (fit.model, fit.losses, fit.model.accuracy(chosen: trainChosen, rejected: trainRejected), heldOut)
    }
    context.progress.finish(phase: "reward model", summary: "held-out preference accuracy \(Self.percent(heldOutAccuracy))")

    // 4. The reference on the evaluation prompts: n replies each, for its trait rate and best-of-n.
    var evaluationDraws: [[[Int]]] = []
    try timed("reference and best-of-n") {
      var common = evaluationGenerator
      evaluationDraws.append(try sample(sampler, evaluationContexts, using: &common, phase: "sampling the reference"))
      for _ in 1..<max(sizes.bestOfN, 1) {
        evaluationDraws.append(try sample(sampler, evaluationContexts, using: &bestOfGenerator, phase: "sampling the reference"))
      }
    }
    let drawText = try evaluationDraws.map { try $0.map(decode) }
    let drawRewards = try evaluationDraws.map { replies in
      rewardModel.rewards(try features(zip(evaluationContexts, replies).map { $0 + $1 }))
    }
    let allText = drawText.flatMap { $0 }, allRewards = drawRewards.flatMap { $0 }
    let referenceRate = Self.rate(allText.map(rater.prefers))
    let best = evaluationContexts.indices.map { i in evaluationDraws.indices.max { drawRewards[$0][i] < drawRewards[$1][i] }! }
    let bestOfNRate = Self.rate(best.enumerated().map { rater.prefers(drawText[$0.element][$0.offset]) })
    let bestOfNMeanReward = Self.mean(best.enumerated().map { drawRewards[$0.element][$0.offset] })

    // 5. DPO for each β, from the same start and the same batch order.
    let referenceLogProbabilities = try timed("reference log-probabilities") {
      (chosen: try logProbabilities(reference, trainPairs.map(\.chosenSequence)),
       rejected: try logProbabilities(reference, trainPairs.map(\.rejectedSequence)),
       heldOutChosen: try logProbabilities(reference, heldOutPairs.map(\.chosenSequence)),
       heldOutRejected: try logProbabilities(reference, heldOutPairs.map(\.rejectedSequence)))
    }
    var runs: [PolicyRun] = []
    for beta in betas {
      let label = "DPO β=\(Self.number(beta))"
      let policy = try referenceModel.policy()
      let dpo = DirectPreferenceOptimisation(
        beta: beta, learningRate: sizes.dpoLearningRate, batchPairs: sizes.dpoBatchPairs, steps: sizes.dpoSteps)
      var order = batchOrderGenerator
      let history = try timed("\(label) training") {
        try dpo.train(
          policy: policy, pairs: trainPairs, referenceChosen: referenceLogProbabilities.chosen,
          referenceRejected: referenceLogProbabilities.rejected, promptLength: promptLength, using: &order
        ) { step, record in
          context.progress.report(phase: label, step: step + 1, total: sizes.dpoSteps, loss: record.loss)
        }
      }
      let run = try timed("\(label) evaluation") { () throws -> PolicyRun in
        var common = evaluationGenerator
        let replies = try sample(TokenSampler(model: policy, vocabularySize: tokenizer.vocabularySize, settings: Self.sampling), evaluationContexts, using: &common, phase: "sampling \(label)")
        let sequences = zip(evaluationContexts, replies).map { $0 + $1 }
        let own = try logProbabilities(policy, sequences)
        let anchored = try logProbabilities(reference, sequences)
        let differences = zip(own, anchored).map { $0 - $1 }
        let text = try replies.map(decode)
        let accuracy = try dpo.accuracy(
          policy: policy, pairs: heldOutPairs, referenceChosen: referenceLogProbabilities.heldOutChosen,
          referenceRejected: referenceLogProbabilities.heldOutRejected, promptLength: promptLength, batchSize: batch)
        return PolicyRun(
          beta: beta, history: history, traitRate: Self.rate(text.map(rater.prefers)), kl: Self.mean(differences),
          klStandardError: Self.standardError(differences), heldOutAccuracy: accuracy,
          meanReward: Self.mean(rewardModel.rewards(try features(sequences))), replies: text)
      }
      if let prompt = evaluationContexts.first, let reply = run.replies.first {
        context.progress.sampled(phase: label, step: nil, text: try decode(prompt) + reply)
      }
      context.progress.finish(
        phase: label, summary: "trait rate \(Self.percent(run.traitRate)), KL \(String(format: "%.2f", run.kl)) nats")
      runs.append(run)
    }

    return Outcome(
      pairSamples: replyCount, baseRate: baseRate, trainPairs: trainPairs,
      heldOutPairs: heldOutPairs, rewardLosses: rewardLosses, rewardTrainAccuracy: trainAccuracy,
      rewardHeldOutAccuracy: heldOutAccuracy, referenceRate: referenceRate, referenceMeanReward: Self.mean(allRewards),
      bestOfNRate: bestOfNRate, bestOfNMeanReward: bestOfNMeanReward,
      rewardsWithTrait: zip(allText, allRewards).filter { rater.prefers($0.0) }.map(\.1),
      rewardsWithoutTrait: zip(allText, allRewards).filter { !rater.prefers($0.0) }.map(\.1),
      questions: prompts[sizes.pairPrompts...].map(\.question), referenceReplies: drawText[0], runs: runs, timings: timings)
  }

  // MARK: helpers

  /// Replies are drawn at the lesson's temperature from the whole distribution.
  static let sampling = SamplingSettings(temperature: PreferenceTuningLesson.temperature)

  func decode(_ ids: [Int]) throws -> String { try tokenizer.decode(ids) }

  /// Replies to `contexts`, sampled in batches of `sizes.samplingBatch`.
  func sample(_ sampler: TokenSampler, _ contexts: [[Int]], using generator: inout SplitMix64, phase: String) throws -> [[Int]] {
    var replies: [[Int]] = []
    for start in stride(from: 0, to: contexts.count, by: sizes.samplingBatch) {
      let chunk = Array(contexts[start..<min(start + sizes.samplingBatch, contexts.count)])
      replies += try sampler.sample(after: chunk, count: sizes.completionLength, using: &generator)
    }
    return replies
  }

  func logProbabilities(_ model: GPT<Float>, _ sequences: [[Int]]) throws -> [Double] {
    try CompletionScoring.logProbabilityValues(model, sequences: sequences, promptLength: sizes.promptLength, batchSize: sizes.samplingBatch)
  }

  static func rate(_ flags: [Bool]) -> Double { Double(flags.filter { $0 }.count) / Double(max(flags.count, 1)) }
  static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
  static func standardError(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let m = mean(values)
    let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    return (variance / Double(values.count)).squareRoot()
  }
  static func percent(_ fraction: Double) -> String { String(format: "%.0f%%", 100 * fraction) }
  /// A β for labels: "0.1", "0.4", "0.025".
  static func number(_ value: Double) -> String {
    var text = String(format: "%.4g", value)
    if text.contains("e") { text = "\(value)" }
    return text
  }
}
