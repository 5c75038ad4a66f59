import Autograd
import NeuralNet
import Training

/// A reward model r(x, y) = w · standardise(φ(y)), where φ(y) is the frozen reference GPT's mean
/// final hidden state over the reply (``CompletionScoring/replyFeatures(_:sequences:promptLength:batchSize:)``),
/// trained on preference pairs with the Bradley–Terry loss −log σ(r(chosen) − r(rejected)).
///
/// A bias would cancel in every difference of two rewards, so there is none; rewards are only
/// meaningful relative to each other.
struct LinearRewardModel: Sendable {
  /// Per-feature mean and standard deviation of the training replies.
  let mean: [Double]
  let deviation: [Double]
  /// The weights w, one per feature.
  let weights: [Double]

  /// The reward of each reply given its features.
  func rewards(_ features: [[Double]]) -> [Double] {
    features.map { row in
      var total = 0.0
      for j in row.indices { total += weights[j] * (row[j] - mean[j]) / deviation[j] }
      return total
    }
  }

  /// Fraction of pairs whose chosen reply gets the higher reward.
  func accuracy(chosen: [[Double]], rejected: [[Double]]) -> Double {
    let wins = zip(rewards(chosen), rewards(rejected)).filter { $0 > $1 }.count
    return Double(wins) / Double(max(chosen.count, 1))
  }

  /// Fits w by full-batch AdamW (in the training loop) on the mean Bradley–Terry loss of the pairs
  /// (`chosen[i]` preferred to `rejected[i]`) with L2 weight decay; returns the model and the
  /// loss before each step.
  static func train(
    chosen: [[Double]], rejected: [[Double]], steps: Int, learningRate: Double = 0.05, weightDecay: Double = 0.01
  ) throws -> (model: LinearRewardModel, losses: [Double]) {
    precondition(!chosen.isEmpty && chosen.count == rejected.count)
    let width = chosen[0].count
    let (mean, deviation) = standardisation(chosen + rejected)
    // r(chosen) − r(rejected) = w · (z(chosen) − z(rejected)): one difference row per pair.
    var differences: [Float] = []
    differences.reserveCapacity(chosen.count * width)
    for (w, l) in zip(chosen, rejected) {
      for j in 0..<width { differences.append(Float((w[j] - l[j]) / deviation[j])) }
    }
    let design = Tensor<Float>(shape: [chosen.count, width], scalars: differences)
    let weight = Tensor<Float>.zeros([width, 1], requiresGrad: true)
    let settings = AdamWSettings(learningRate: learningRate, weightDecay: weightDecay)
    let step = TrainingStep(parameters: [weight], optimizer: AdamW(parameters: [weight], settings: settings))
    let loop = TrainingLoop(step: step, batches: RepeatedBatch(design)) { design, _ in
      try design.matmul(weight).negativeLogSigmoid().mean()
    }
    var losses: [Double] = []
    loop.observers = [EventHandler { event in if case .step(let report) = event { losses.append(report.loss) } }]
    try loop.run(totalSteps: steps) { $0 >= steps }
    let model = LinearRewardModel(mean: mean, deviation: deviation, weights: weight.scalars.map(Double.init))
    return (model, losses)
  }

  /// Per-feature mean and standard deviation (at least 1e-6) of `rows`.
  static func standardisation(_ rows: [[Double]]) -> (mean: [Double], deviation: [Double]) {
    let width = rows[0].count, count = Double(rows.count)
    var mean = [Double](repeating: 0, count: width)
    for row in rows { for j in 0..<width { mean[j] += row[j] / count } }
    var variance = [Double](repeating: 0, count: width)
    for row in rows { for j in 0..<width { variance[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / count } }
    return (mean, variance.map { max($0.squareRoot(), 1e-6) })
  }
}
