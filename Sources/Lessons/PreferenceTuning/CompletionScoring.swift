import Autograd
import NeuralNet

/// How a language model scores replies: the log-probability of a reply's characters given its
/// prompt, and a summary vector of the reply for the reward model.
///
/// Every sequence is prompt + reply, with the same prompt length and reply length for all.
enum CompletionScoring {
  /// log π(reply | prompt) in nats for each sequence, `[N]`: the sum over the reply's characters
  /// of the log-probability the model gives each one after the characters before it (the prompt's
  /// own characters are not counted). Differentiable with respect to the model's parameters.
  static func logProbabilities(_ model: GPT<Float>, sequences: [[Int]], promptLength: Int) throws -> Tensor<Float> {
    let batch = sequences.count
    let length = sequences[0].count
    let replyLength = length - promptLength
    precondition(promptLength >= 1 && replyLength >= 1 && sequences.allSatisfy { $0.count == length })
    let inputs = sequences.flatMap { $0.dropLast() }
    let logits = try model(inputs, batch: batch, length: length - 1)                  // [N, T−1, V]
    // The logits at position t predict character t + 1: keep the ones that predict the reply.
    let replyLogits = try logits.slice(axis: 1, (promptLength - 1)..<(length - 1))   // [N, L, V]
    let vocabulary = model.config.vocabSize
    var pick = [Float](repeating: 0, count: batch * replyLength * vocabulary)
    for (row, sequence) in sequences.enumerated() {
      for t in 0..<replyLength {
        pick[(row * replyLength + t) * vocabulary + sequence[promptLength + t]] = 1
      }
    }
    let picked = try replyLogits.logSoftmax() * Tensor(shape: [batch, replyLength, vocabulary], scalars: pick)
    return try picked.sum(alongAxes: [1, 2])
  }

  /// ``logProbabilities(_:sequences:promptLength:)`` without a graph, as numbers, in batches of `batchSize`.
  static func logProbabilityValues(
    _ model: GPT<Float>, sequences: [[Int]], promptLength: Int, batchSize: Int
  ) throws -> [Double] {
    try GradientMode.withoutRecording {
      try stride(from: 0, to: sequences.count, by: batchSize).flatMap { start in
        let chunk = Array(sequences[start..<min(start + batchSize, sequences.count)])
        return try logProbabilities(model, sequences: chunk, promptLength: promptLength).scalars.map(Double.init)
      }
    }
  }

  /// The model's final hidden state (after the last LayerNorm, before the output layer) averaged
  /// over the reply's positions: one `C`-vector per sequence, the reward model's input.
  static func replyFeatures(
    _ model: GPT<Float>, sequences: [[Int]], promptLength: Int, batchSize: Int
  ) throws -> [[Double]] {
    let width = model.config.embeddingWidth
    return try GradientMode.withoutRecording {
      try stride(from: 0, to: sequences.count, by: batchSize).flatMap { start -> [[Double]] in
        let chunk = Array(sequences[start..<min(start + batchSize, sequences.count)])
        let (batch, length) = (chunk.count, chunk[0].count)
        let hidden = try model.hiddenStates(chunk.flatMap { $0 }, batch: batch, length: length)
        let pooled = try hidden.slice(axis: 1, promptLength..<length).mean(alongAxes: [1])  // [N, C]
        let values = pooled.scalars
        return (0..<batch).map { row in values[(row * width)..<((row + 1) * width)].map(Double.init) }
      }
    }
  }
}
