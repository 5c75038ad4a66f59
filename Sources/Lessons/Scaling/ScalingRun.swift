import Autograd
import NeuralNet
import Training
import TrainingCost

/// One finished run of the scaling grid: a model size trained on a token budget, with its
/// parameter counts, its validation loss and the FLOPs the engine counted while training.
public struct ScalingRun: Sendable, Equatable {
  /// The model shape.
  public let model: ScalingModelSize
  /// Training tokens D (steps × batch × block).
  public let tokens: Int
  /// Optimizer steps.
  public let steps: Int
  /// Non-embedding parameters, Kaplan et al. 2020's convention: everything except the token and
  /// position embedding tables (blocks and final LayerNorm, with biases and norm gains).
  public let nonEmbeddingParameters: Int
  /// N of this lesson: the non-embedding parameters plus the output head (the tied token
  /// embedding, vocab × d_model), because the head's matrix multiply costs 6 FLOPs per weight per
  /// token like any other; only the position table (a lookup) is left out.
  public let parameters: Int
  /// Mean next-token cross-entropy on the held-out validation sequences, nats per character.
  public let validationLoss: Double
  /// Mean training loss over the last 10 % of steps, nats per character.
  public let finalTrainingLoss: Double
  /// FLOPs the engine counted in forward passes of training (`FLOPCounter`).
  public let countedForwardFLOPs: Double
  /// FLOPs the engine counted in backward passes of training.
  public let countedBackwardFLOPs: Double
  /// Context length the attention term uses.
  public let blockSize: Int

  /// C = 6·N·D with this lesson's N: the compute axis of the scaling law.
  public var flops: Double { TrainingCompute.trainingFLOPs(parameters: Double(parameters), tokens: Double(tokens)) }

  /// 12·n_layer·n_ctx·d_model·D: attention scores and the weighted sum of values, which use no weights.
  public var attentionFLOPs: Double {
    TrainingCompute.attentionFLOPs(
      shape: TrainingCost.ModelShape(layers: model.layers, modelWidth: model.width, contextLength: blockSize),
      tokens: Double(tokens))
  }

  /// 6·N·D + attention: what the cost model predicts the run costs.
  public var formulaFLOPs: Double { flops + attentionFLOPs }

  /// Forward plus backward FLOPs the engine counted.
  public var countedFLOPs: Double { countedForwardFLOPs + countedBackwardFLOPs }

  /// Counted / (6·N·D + attention).
  public var countedToFormulaRatio: Double { countedFLOPs / formulaFLOPs }
}

/// Trains the GPTs of the scaling grid.
struct ScalingTrainer {
  let grid: ScalingGrid
  let data: ScalingData

  /// Trains `size` on `tokens` tokens starting from the weights drawn by `initialisation` (the same
  /// generator state for every budget of one size), and scores it on the validation sequences.
  func run(
    _ size: ScalingModelSize, tokens: Int, initialisation: SplitMix64, progress: @escaping (Int, Int, Double) -> Void
  ) throws -> ScalingRun {
    precondition(tokens % grid.tokensPerStep == 0, "token budget \(tokens) is not a whole number of steps")
    let steps = tokens / grid.tokensPerStep
    precondition(steps * grid.batchSize <= data.trainSequenceCount, "the corpus is too small for \(tokens) tokens")
    var generator = initialisation
    let config = GPTConfig(
      vocabSize: data.tokenizer.vocabularySize, blockSize: grid.blockSize, layerCount: size.layers,
      headCount: size.heads, embeddingWidth: size.width)
    let gpt = try GPT<Float>(config: config, using: &generator)
    if grid.embeddingScale > 0 {
      // Rescale the N(0, 0.02) draw to N(0, (k/√width)²): the tied head's logits start at unit scale.
      let scale = Float(grid.embeddingScale / Double(size.width).squareRoot() / 0.02)
      try gpt.tokenEmbedding.weight.assign(gpt.tokenEmbedding.weight.scalars.map { $0 * scale })
    }
    let embeddingCount = gpt.tokenEmbedding.weight.count + gpt.positionEmbedding.weight.count
    let nonEmbedding = gpt.parameterCount - embeddingCount
    let counter = FLOPCounter()
    let step = TrainingStep(
      model: gpt, adamW: .languageModel(learningRate: grid.peakLearningRate(for: size), weightDecay: 0.1), decayMatricesOnly: true,
      schedule: grid.schedule(for: size, steps: steps), gradientClip: 1, synchronisation: LocalGradients(counting: counter))
    let loop = TrainingLoop(step: step, batches: ScalingBatches(grid: grid, data: data)) { batch, _ in try gpt.loss(batch) }
    var lateLosses: [Double] = []
    loop.observers = [EventHandler { event in
      guard case .step(let report) = event else { return }
      if report.step > steps - max(1, steps / 10) { lateLosses.append(report.loss) }
      progress(report.step, steps, report.loss)
    }]
    try loop.run(totalSteps: steps) { $0 >= steps }
    return ScalingRun(
      model: size, tokens: tokens, steps: steps, nonEmbeddingParameters: nonEmbedding,
      parameters: nonEmbedding + gpt.tokenEmbedding.weight.count,
      validationLoss: try validationLoss(gpt),
      finalTrainingLoss: lateLosses.reduce(0, +) / Double(lateLosses.count),
      countedForwardFLOPs: Double(counter.forward), countedBackwardFLOPs: Double(counter.backward),
      blockSize: grid.blockSize)
  }

  /// Mean cross-entropy of `gpt` over every validation sequence, in nats per token.
  func validationLoss(_ gpt: GPT<Float>) throws -> Double {
    try GradientMode.withoutRecording {
      var total = 0.0
      let chunk = 32
      for first in stride(from: 0, to: data.validationStarts.count, by: chunk) {
        let starts = Array(data.validationStarts[first..<min(first + chunk, data.validationStarts.count)])
        let (inputs, targets) = data.batch(starts, from: data.validation)
        let loss = try gpt.loss(tokens: inputs, targets: targets, batch: starts.count, length: data.blockSize)
        total += Double(loss.item) * Double(starts.count)
      }
      return total / Double(data.validationStarts.count)
    }
  }
}

