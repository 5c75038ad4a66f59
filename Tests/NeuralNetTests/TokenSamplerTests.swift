import Autograd
import Foundation
import Testing

@testable import NeuralNet

/// The one sampler: KV-cached sampling equals sampling from the whole-window forward pass, padded
/// ids are never drawn, top-k and top-p keep what they say, and draws follow the probabilities.
@Suite struct TokenSamplerTests {
  static func model(vocabulary: Int = 11) throws -> GPT<Float> {
    var generator = SplitMix64(seed: 42)
    return try GPT<Float>(
      config: GPTConfig(vocabSize: vocabulary, blockSize: 12, layerCount: 2, headCount: 2, embeddingWidth: 8), using: &generator)
  }

  @Test("cached sampling draws the ids that the whole-window forward pass gives, past the block size too", arguments: [0.0, 0.8])
  func cachedEqualsUncached(temperature: Double) throws {
    let sampler = TokenSampler(model: try Self.model(), settings: SamplingSettings(temperature: temperature))
    let contexts = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]
    var cachedGenerator = SplitMix64(seed: 3)
    let cached = try sampler.sample(after: contexts, count: 20, using: &cachedGenerator)

    // Uncached: every token from the forward pass over the last 12 tokens of the text so far.
    var generator = SplitMix64(seed: 3)
    var texts = contexts, written: [[Int]] = [[], []]
    for _ in 0..<20 {
      let logits = try sampler.lastLogits(texts.map { Array($0.suffix(12)) })
      for row in 0..<2 {
        let id = sampler.draw(sampler.weights(Array(logits[(row * 11)..<((row + 1) * 11)])), using: &generator)
        texts[row].append(id)
        written[row].append(id)
      }
    }
    #expect(cached == written)
    #expect(cachedGenerator.state == generator.state)
  }

  @Test("ids beyond the tokenizer's vocabulary get probability 0 and are never drawn")
  func paddedVocabularyIsMasked() throws {
    let sampler = TokenSampler(model: try Self.model(), vocabularySize: 3, settings: SamplingSettings(temperature: 1))
    let logits: [Float] = [0, 0, 0, 50, 50, 50, 50, 50, 50, 50, 50]
    let third = 1.0 / 3
    #expect(sampler.probabilities(logits: logits) == [third, third, third])
    var generator = SplitMix64(seed: 1)
    let written = try sampler.sample(after: [[0, 1], [2, 2]], count: 200, using: &generator)
    #expect(written.joined().allSatisfy { $0 < 3 })
    #expect(Set(written.joined()) == [0, 1, 2])
    let greedy = TokenSampler(model: try Self.model(), vocabularySize: 3, settings: .greedy)
    let padded: [Float] = [0, 2, 1, 9, 9, 9, 9, 9, 9, 9, 9]
    #expect(greedy.probabilities(logits: padded) == [0, 1, 0])
  }

  @Test("top-k keeps the k most likely ids, top-p the fewest whose probability reaches p, renormalised")
  func topKAndTopP() throws {
    let model = try Self.model(vocabulary: 4)
    let logits: [Float] = [1, 0, -1, 2]
    let e = logits.map { exp(Double($0)) }
    let topK = TokenSampler(model: model, settings: SamplingSettings(temperature: 1, topK: 2)).probabilities(logits: logits)
    let expected = [e[0] / (e[0] + e[3]), 0, 0, e[3] / (e[0] + e[3])]
    #expect(zip(topK, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    // p(3) ≈ 0.644 alone reaches 0.5; with 0.7 id 0 (≈ 0.237) joins it.
    #expect(TokenSampler(model: model, settings: SamplingSettings(temperature: 1, topP: 0.5)).probabilities(logits: logits) == [0, 0, 0, 1])
    let nucleus = TokenSampler(model: model, settings: SamplingSettings(temperature: 1, topP: 0.7)).probabilities(logits: logits)
    #expect(zip(nucleus, expected).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  @Test("draws follow softmax(logits / temperature)", arguments: [0.5, 1.0, 2.0])
  func drawsFollowSoftmax(temperature: Double) throws {
    let sampler = TokenSampler(model: try Self.model(vocabulary: 4), settings: SamplingSettings(temperature: temperature))
    let logits: [Float] = [1.0, 0.0, -1.0, 2.0]
    let weights = sampler.weights(logits)
    var generator = SplitMix64(seed: 11)
    var counts = [0, 0, 0, 0]
    let draws = 40_000
    for _ in 0..<draws { counts[sampler.draw(weights, using: &generator)] += 1 }
    let softmax = logits.map { exp(Double($0) / temperature) }
    let total = softmax.reduce(0, +)
    for index in 0..<4 {
      let expected = softmax[index] / total
      let standardError = (expected * (1 - expected) / Double(draws)).squareRoot()
      #expect(abs(Double(counts[index]) / Double(draws) - expected) < 5 * standardError + 1e-4)
    }
  }

  @Test("a row that stops writes no more while the others go on")
  func stopPerRow() throws {
    let sampler = TokenSampler(model: try Self.model(), settings: SamplingSettings(temperature: 1))
    var generator = SplitMix64(seed: 5)
    let written = try sampler.sample(after: [[1, 2], [3, 4]], count: 6, using: &generator) { row, ids in row == 0 && ids.count == 2 }
    #expect(written[0].count == 2 && written[1].count == 6)
  }

  @Test("callers see each step's next-token probabilities and the id drawn from them")
  func observedProbabilities() throws {
    let sampler = TokenSampler(model: try Self.model(), vocabularySize: 9, settings: SamplingSettings(temperature: 0.9, topK: 5))
    var generator = SplitMix64(seed: 8)
    var seen: [(row: Int, probabilities: [Double], id: Int)] = []
    let written = try sampler.sample(after: [[1, 2, 3]], count: 4, using: &generator, observe: { seen.append(($0, $1, $2)) })
    #expect(seen.map(\.id) == written[0])
    // The first step's probabilities are those of the whole-sequence forward pass over the prompt.
    let first = try sampler.probabilities(after: [[1, 2, 3]])[0]
    #expect(seen[0].probabilities.count == 9)
    for (a, b) in zip(seen[0].probabilities, first) { #expect(abs(a - b) <= 1e-6) }
    for step in seen {
      #expect(abs(step.probabilities.reduce(0, +) - 1) <= 1e-12)
      #expect(step.probabilities.filter { $0 > 0 }.count == 5)
      #expect(step.probabilities[step.id] > 0)
    }
  }
}
