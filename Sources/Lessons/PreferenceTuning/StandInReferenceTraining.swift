import Autograd
import NeuralNet

/// Next-character training of a GPT on a token stream: random windows, AdamW with warm-up and
/// cosine decay, gradient clipping at norm 1.
///
/// Test support only: the tests of `preference-tuning` use it to make a stand-in for the
/// `pretrain-finetune` checkpoint until that lesson is on main. It lives in this optimised module
/// because generic tensor code called from the unoptimised test target runs about 100× slower.
enum StandInReferenceTraining {
  /// Trains `model` in place for `steps` steps of `batch` windows of its block size drawn from `ids`.
  static func train(
    _ model: GPT<Float>, ids: [Int], steps: Int, batch: Int, learningRate: Double, using generator: inout SplitMix64
  ) throws {
    let length = model.config.blockSize
    precondition(ids.count > length + 1, "the token stream must be longer than one window")
    let optimizer = AdamW(parameters: model.parameters, learningRate: learningRate, weightDecay: 0.01)
    let schedule = LearningRateSchedule.warmupCosine(
      peak: learningRate, warmupSteps: min(20, steps), totalSteps: steps, minimum: learningRate / 10)
    for step in 0..<steps {
      var tokens: [Int] = [], targets: [Int] = []
      for _ in 0..<batch {
        let start = Int(generator.next() % UInt64(ids.count - length - 1))
        tokens += ids[start..<(start + length)]
        targets += ids[(start + 1)..<(start + length + 1)]
      }
      optimizer.learningRate = schedule.rate(at: step)
      let loss = try model.loss(tokens: tokens, targets: targets, batch: batch, length: length)
      loss.backward()
      clipGradientNorm(model.parameters, maxNorm: 1)
      optimizer.step()
      model.zeroGrad()
    }
  }
}
