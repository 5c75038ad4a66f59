import Autograd
import Foundation
import WorkbenchFiles

/// The one sampler of the project: token ids written by a GPT after a context, with a KV cache so
/// that each new token costs one position's forward pass (`GPT.cachedStep`), drawn by
/// `SamplingSettings` from a seeded generator. No graph is recorded.
///
/// Ids at or beyond `vocabularySize` (the tokenizer's; a model's vocabulary may be padded to a
/// round size) are never drawn: their probability is 0. When the text outgrows the model's block
/// size, the window slides: the last `blockSize` tokens are run again from an empty cache, so the
/// logits are always those of the whole-window forward pass (to float rounding).
///
/// Drawing: the kept ids' weights wᵢ = exp(zᵢ/T − max z/T) in id order, one uniform
/// u = `generator.nextUnit()` · Σw per token, and the first id whose cumulative weight exceeds u.
public struct TokenSampler {
  /// The model sampled from.
  public let model: GPT<Float>
  /// Ids `0..<vocabularySize` may be drawn (≤ the model's vocabulary).
  public let vocabularySize: Int
  /// Temperature, top-k and top-p.
  public let settings: SamplingSettings

  /// A sampler of `model` that draws only ids below `vocabularySize` (the model's whole vocabulary when nil).
  public init(model: GPT<Float>, vocabularySize: Int? = nil, settings: SamplingSettings) {
    let size = vocabularySize ?? model.config.vocabSize
    precondition(size >= 1 && size <= model.config.vocabSize, "the tokenizer's vocabulary must fit the model's")
    precondition(settings.temperature >= 0 && settings.temperature.isFinite, "the temperature must be finite and ≥ 0")
    self.model = model
    self.vocabularySize = size
    self.settings = settings
  }

  /// The probability of every id `0..<vocabularySize` being drawn next, given the next-token
  /// `logits` (`model.config.vocabSize` of them): softmax(z/T) restricted by top-k and top-p and
  /// renormalised; one-hot on the most likely id when T = 0.
  public func probabilities(logits: some Collection<Float>) -> [Double] {
    let weights = weights(Array(logits.prefix(vocabularySize)))
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
  }

  /// The next-token probabilities after each of `contexts` (equal lengths, at most the block size),
  /// from the model's ordinary whole-sequence forward pass.
  public func probabilities(after contexts: [[Int]]) throws -> [[Double]] {
    let vocabulary = model.config.vocabSize
    let logits = try lastLogits(contexts)
    return contexts.indices.map { probabilities(logits: logits[($0 * vocabulary)..<(($0 + 1) * vocabulary)]) }
  }

  /// `count` ids written after each of `contexts` (all of one length ≥ 1), with the KV cache.
  /// `stop(row, ids)` is asked after every token with the ids written so far for that row; a row it
  /// stops writes no more (the others go on), so rows may end up shorter than `count`.
  /// `observe(row, probabilities, id)`, when given, receives every row's next-token probabilities
  /// (those of ``probabilities(logits:)``, one per id below `vocabularySize`) and the id drawn from them.
  /// `times`, when given, receives at the end where the wall-clock time went (prompt pass, cached steps).
  public func sample(
    after contexts: [[Int]], count: Int, using generator: inout SplitMix64,
    stop: (_ row: Int, _ written: [Int]) throws -> Bool = { _, _ in false },
    observe: ((_ row: Int, _ probabilities: [Double], _ id: Int) throws -> Void)? = nil,
    times: ((DecodingTimes) -> Void)? = nil
  ) throws -> [[Int]] {
    let batch = contexts.count
    guard batch > 0, count > 0 else { return contexts.map { _ in [] } }
    let contextLength = contexts[0].count
    precondition(contextLength >= 1 && contexts.allSatisfy { $0.count == contextLength }, "contexts must be equally long and not empty")
    let block = model.config.blockSize, vocabulary = model.config.vocabSize
    var texts = contexts
    var written = [[Int]](repeating: [], count: batch)
    var stopped = [Bool](repeating: false, count: batch)
    return try GradientMode.withoutRecording {
      var caches = model.emptyCaches(batch: batch)
      var position = min(contextLength, block)
      var spent = DecodingTimes()
      let clock = ContinuousClock()
      var started = clock.now
      var logits = try model.cachedStep(texts.flatMap { $0.suffix(block) }, batch: batch, caches: &caches)
      spent.promptTokens += batch * position
      spent.promptSeconds += WallClock.seconds(clock.now - started)
      started = clock.now
      for index in 0..<count {
        var next: [Int] = []
        next.reserveCapacity(batch)
        for row in 0..<batch {
          let weights = weights(Array(logits[(row * vocabulary)..<(row * vocabulary + vocabularySize)]))
          let id = draw(weights, using: &generator)
          if let observe {
            let total = weights.reduce(0, +)
            if !stopped[row] { try observe(row, weights.map { $0 / total }, id) }
          }
          next.append(id)
          texts[row].append(id)
          if !stopped[row] {
            written[row].append(id)
            stopped[row] = try stop(row, written[row])
          }
        }
        if index + 1 == count || !stopped.contains(false) { break }
        if position < block {
          logits = try model.cachedStep(next, batch: batch, caches: &caches)
          position += 1
          spent.steps += 1
          spent.stepSeconds += WallClock.seconds(clock.now - started)
        } else {
          // The window slides: every position shifts, so the cache is rebuilt from the last `block` tokens.
          caches = model.emptyCaches(batch: batch)
          logits = try model.cachedStep(texts.flatMap { $0.suffix(block) }, batch: batch, caches: &caches)
          spent.promptTokens += batch * block
          spent.promptSeconds += WallClock.seconds(clock.now - started)
        }
        started = clock.now
      }
      times?(spent)
      return written
    }
  }

  /// Logits `[batch × vocab]` for the next token after `contexts` from the whole-sequence forward pass.
  func lastLogits(_ contexts: [[Int]]) throws -> [Float] {
    let (batch, length) = (contexts.count, contexts[0].count)
    precondition(length >= 1 && length <= model.config.blockSize && contexts.allSatisfy { $0.count == length })
    return try GradientMode.withoutRecording {
      try model(contexts.flatMap { $0 }, batch: batch, length: length).slice(axis: 1, (length - 1)..<length).scalars
    }
  }

  /// Unnormalised weights of the ids given their `logits`: exp(z/T − max z/T) on the ids top-k and
  /// top-p keep, 0 elsewhere; at T = 0, 1 on the first most likely id.
  func weights(_ logits: [Float]) -> [Double] {
    if settings.temperature == 0 {
      var best = 0
      for (index, value) in logits.enumerated() where value > logits[best] { best = index }
      var weights = [Double](repeating: 0, count: logits.count)
      weights[best] = 1
      return weights
    }
    let scaled = logits.map { Double($0) / settings.temperature }
    let peak = scaled.max()!
    var weights = scaled.map { Foundation.exp($0 - peak) }
    if settings.topK != nil || settings.topP != nil {
      // Most likely first; ties by id, so the kept set does not depend on the sort's stability.
      let order = weights.indices.sorted { (weights[$0], $1) > (weights[$1], $0) }
      var keep = min(settings.topK ?? order.count, order.count)
      if let topP = settings.topP {
        let total = weights.reduce(0, +)
        var cumulative = 0.0, needed = 0
        while needed < keep && cumulative < topP * total {
          cumulative += weights[order[needed]]
          needed += 1
        }
        keep = max(1, needed)
      }
      for id in order[keep...] { weights[id] = 0 }
    }
    return weights
  }

  /// One id drawn with probability proportional to `weights` (the greedy one-hot draws nothing).
  func draw(_ weights: [Double], using generator: inout SplitMix64) -> Int {
    if settings.temperature == 0 { return weights.firstIndex(of: 1)! }
    let total = weights.reduce(0, +)
    let u = generator.nextUnit() * total
    var cumulative = 0.0
    for (index, weight) in weights.enumerated() {
      cumulative += weight
      if u < cumulative { return index }
    }
    return weights.lastIndex { $0 > 0 } ?? weights.count - 1
  }
}
