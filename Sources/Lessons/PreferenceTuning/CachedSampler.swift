import Autograd
import Foundation
import NeuralNet

/// Samples continuations from a GPT for a batch of equally long contexts, keeping each layer's
/// keys and values (a KV cache) so that every new character costs one position's forward pass
/// instead of a pass over the whole sequence. No graph is recorded.
///
/// The arithmetic is the GPT's own forward pass (the model's layers, called in the same order);
/// `logits(after:)` is the whole-sequence reference that the tests compare it with.
struct CachedSampler {
  /// The model sampled from.
  let model: GPT<Float>

  /// `length` token ids sampled after each of `contexts` (all the same length, with
  /// context + `length` ≤ the block size) from softmax(logits / `temperature`).
  func sample(
    contexts: [[Int]], length: Int, temperature: Double, using generator: inout SplitMix64
  ) throws -> [[Int]] {
    let batch = contexts.count
    guard batch > 0, length > 0 else { return contexts.map { _ in [] } }
    let contextLength = contexts[0].count
    precondition(contexts.allSatisfy { $0.count == contextLength }, "contexts must be equally long")
    precondition(contextLength >= 1 && contextLength + length <= model.config.blockSize, "context + completion must fit the block")
    let vocabulary = model.config.vocabSize
    return try GradientMode.withoutRecording {
      var cache = [LayerCache?](repeating: nil, count: model.blocks.count)
      var logits = try step(contexts.flatMap { $0 }, batch: batch, start: 0, cache: &cache)
      var completions = [[Int]](repeating: [], count: batch)
      for position in 0..<length {
        var next: [Int] = []
        next.reserveCapacity(batch)
        for row in 0..<batch {
          let token = Self.draw(logits[(row * vocabulary)..<((row + 1) * vocabulary)], temperature: temperature, using: &generator)
          completions[row].append(token)
          next.append(token)
        }
        if position + 1 < length {
          logits = try step(next, batch: batch, start: contextLength + position, cache: &cache)
        }
      }
      return completions
    }
  }

  /// Logits `[batch × vocab]` for the next token after `contexts`, from the model's ordinary
  /// whole-sequence forward pass (the check for the cached path).
  func logits(after contexts: [[Int]]) throws -> [Float] {
    let (batch, length) = (contexts.count, contexts[0].count)
    return try GradientMode.withoutRecording {
      let all = try model(contexts.flatMap { $0 }, batch: batch, length: length)
      return try all.slice(axis: 1, (length - 1)..<length).scalars
    }
  }

  /// Keys and values of one layer so far, each `[B, H, t, C/H]`.
  typealias LayerCache = GPTLayerCache<Float>

  /// Runs `tokens` (`[batch, n]`, at positions `start..<start+n`) through the model, extending
  /// the cache; returns the logits `[batch × vocab]` at the last of the n positions (`GPT.cachedStep`).
  func step(_ tokens: [Int], batch: Int, start: Int, cache: inout [LayerCache?]) throws -> [Float] {
    try model.cachedStep(tokens, batch: batch, start: start, cache: &cache)
  }

  /// One id drawn from softmax(`logits` / `temperature`) by inverting the cumulative distribution.
  static func draw(_ logits: ArraySlice<Float>, temperature: Double, using generator: inout SplitMix64) -> Int {
    let peak = Double(logits.max() ?? 0)
    let weights = logits.map { Foundation.exp((Double($0) - peak) / temperature) }
    var target = generator.nextUnit() * weights.reduce(0, +)
    for (index, weight) in weights.enumerated() {
      target -= weight
      if target < 0 { return index }
    }
    return weights.lastIndex { $0 > 0 } ?? 0
  }
}
