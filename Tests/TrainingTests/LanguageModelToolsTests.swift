import Autograd
import Foundation
import NeuralNet
import Testing

@testable import Training

/// Held-out evaluation and text sampling, checked against the model's own loss and logits.
@Suite("LanguageModelTools")
struct LanguageModelToolsTests {
  static let tokenizer = try! CharacterTokenizer(text: "abcdefgh \n")

  static func model(seed: UInt64 = 3, blockSize: Int = 8, scale: Float = 40) throws -> GPT<Float> {
    var generator = SplitMix64(seed: seed)
    let config = GPTConfig(vocabSize: tokenizer.vocabularySize, blockSize: blockSize, layerCount: 1, headCount: 2, embeddingWidth: 8)
    let model = try GPT<Float>(config: config, using: &generator)
    // Larger weights than GPT-2's 0.02, so that the logits are far from uniform.
    for parameter in model.parameters { try parameter.assign(parameter.scalars.map { $0 * scale }) }
    return model
  }

  static func tokens(count: Int, seed: UInt64) -> [Int] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Int(generator.next() % UInt64(tokenizer.vocabularySize)) }
  }

  @Test("Evaluation is the mean cross-entropy of non-overlapping windows with stride T, the tail unscored",
        arguments: [9, 17, 40, 41, 200])
  func evaluationMatchesWindowedLoss(count: Int) throws {
    let model = try Self.model()
    let tokens = Self.tokens(count: count, seed: UInt64(count))
    let result = try HeldOutEvaluation.evaluate(model, tokens: tokens)
    let t = 8
    let windows = (count - 1) / t
    #expect(result.windowCount == windows)
    #expect(result.predictedTokens == windows * t)
    // Oracle: the model's own training loss (fused cross-entropy), one window at a time.
    var total = 0.0
    for w in 0..<windows {
      let loss = try GradientMode.withoutRecording {
        try model.loss(tokens: Array(tokens[(w * t)..<(w * t + t)]), targets: Array(tokens[(w * t + 1)...(w * t + t)]), batch: 1, length: t)
      }
      total += Double(loss.item)
    }
    #expect(abs(result.meanCrossEntropy - total / Double(windows)) < 1e-5)
    #expect(result.meanCrossEntropy > 0.5)  // the scaled-up weights make it far from trivial
    #expect(abs(result.bitsPerToken - result.meanCrossEntropy / log(2)) < 1e-12)
  }

  @Test("Scoring fewer windows uses the first ones; a text shorter than one window is refused")
  func windowLimitsAndShortText() throws {
    let model = try Self.model()
    let tokens = Self.tokens(count: 100, seed: 5)
    let firstTwo = try HeldOutEvaluation.evaluate(model, tokens: tokens, maxWindows: 2)
    let alone = try HeldOutEvaluation.evaluate(model, tokens: Array(tokens[0...16]))
    #expect(firstTwo.windowCount == 2)
    #expect(abs(firstTwo.meanCrossEntropy - alone.meanCrossEntropy) < 1e-12)
    #expect(throws: LanguageModelToolError.textTooShort(tokenCount: 8, needed: 9, blockSize: 8)) {
      try HeldOutEvaluation.evaluate(model, tokens: Array(tokens[0..<8]))
    }
  }

  @Test("Temperature 0 follows the argmax of the model's logits at every step")
  func greedyFollowsArgmax() throws {
    let model = try Self.model()
    var generator = SplitMix64(seed: 1)
    let text = try TextSampler.continuation(
      of: "abc", model: model, tokenizer: Self.tokenizer, tokenCount: 12, temperature: 0, using: &generator)
    #expect(generator.state == SplitMix64(seed: 1).state)  // greedy draws nothing
    var context = try Self.tokenizer.encode("abc")
    for produced in try Self.tokenizer.encode(text) {
      let window = Array(context.suffix(8))
      let logits = try GradientMode.withoutRecording { try model(window, batch: 1, length: window.count) }
      let last = Array(logits.scalars.suffix(Self.tokenizer.vocabularySize))
      #expect(produced == last.indices.max { last[$0] < last[$1] })
      context.append(produced)
    }
    #expect(text.count == 12)
  }

  @Test("A stop string ends the text just before its first occurrence")
  func stopStrings() throws {
    let model = try Self.model()
    func continuation(stop: [String]) throws -> String {
      var generator = SplitMix64(seed: 1)
      return try TextSampler.continuation(
        of: "abc", model: model, tokenizer: Self.tokenizer, tokenCount: 12, temperature: 0, stop: stop, using: &generator)
    }
    let whole = try continuation(stop: [])
    let stop = String(whole.dropFirst(4).prefix(2))
    let expected = String(whole[..<whole.range(of: stop)!.lowerBound])
    #expect(try continuation(stop: [stop]) == expected)
    #expect(try continuation(stop: ["never written \u{1}"]) == whole)
  }

  @Test("The same seed gives the same text, another seed another")
  func samplingIsSeeded() throws {
    let model = try Self.model(scale: 1)  // nearly uniform next-character distributions
    func sample(_ seed: UInt64) throws -> String {
      var generator = SplitMix64(seed: seed)
      return try TextSampler.continuation(
        of: "a b", model: model, tokenizer: Self.tokenizer, tokenCount: 40, temperature: 1, using: &generator)
    }
    #expect(try sample(7) == sample(7))
    #expect(try sample(7) != sample(8))
  }

  @Test("Characters outside the vocabulary: refused with the list of them (prompt and text), or skipped on request")
  func unknownPromptCharacters() throws {
    let model = try Self.model()
    var generator = SplitMix64(seed: 1)
    #expect(throws: LanguageModelToolError.unknownCharacters(source: "the prompt", characters: ["Z"], vocabularySize: 10)) {
      try TextSampler.continuation(of: "abZc", model: model, tokenizer: Self.tokenizer, tokenCount: 5, temperature: 1, using: &generator)
    }
    #expect(throws: LanguageModelToolError.unknownCharacters(source: "the prompt", characters: ["Z", "é", "Q"], vocabularySize: 10)) {
      try TextSampler.continuation(of: "aZbéZQ", model: model, tokenizer: Self.tokenizer, tokenCount: 5, temperature: 1, using: &generator)
    }
    #expect(
      LanguageModelToolError.unknownCharacters(source: "the prompt", characters: ["Z", "\t"], vocabularySize: 10).description
        == "The prompt has 2 characters outside the checkpoint's vocabulary of 10: 'Z' (U+005A), U+0009; remove them or pass --skip-unknown to drop them.")
    #expect(throws: LanguageModelToolError.unknownCharacters(source: "the text file x.txt", characters: ["Z"], vocabularySize: 10)) {
      try HeldOutEvaluation.evaluate(model, tokenizer: Self.tokenizer, text: "abcdefghZabcdefgh", source: "the text file x.txt")
    }
    var first = SplitMix64(seed: 4), second = SplitMix64(seed: 4)
    let skipped = try TextSampler.continuation(
      of: "abZc", model: model, tokenizer: Self.tokenizer, tokenCount: 10, temperature: 1, skipUnknown: true, using: &first)
    let clean = try TextSampler.continuation(
      of: "abc", model: model, tokenizer: Self.tokenizer, tokenCount: 10, temperature: 1, using: &second)
    #expect(skipped == clean)
    #expect(throws: LanguageModelToolError.promptHasNoKnownCharacters(prompt: "XYZ")) {
      try TextSampler.continuation(of: "XYZ", model: model, tokenizer: Self.tokenizer, tokenCount: 5, temperature: 1, skipUnknown: true, using: &generator)
    }
    #expect(throws: LanguageModelToolError.invalidTemperature(-1)) {
      try TextSampler.continuation(of: "ab", model: model, tokenizer: Self.tokenizer, tokenCount: 5, temperature: -1, using: &generator)
    }
  }
}
