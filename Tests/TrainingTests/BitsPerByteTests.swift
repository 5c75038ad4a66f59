import Autograd
import Foundation
import NeuralNet
import Testing

@testable import Training

/// Bits per byte: nats per token × scored tokens ÷ (bytes of those tokens × ln 2), the bytes
/// counted independently from the text itself.
@Suite struct BitsPerByteTests {
  static let text = String(repeating: "Zürich ☃ café: the snowman reads the menu, the model reads the text.\n", count: 6)

  static func model(vocabulary: Int) throws -> GPT<Float> {
    var generator = SplitMix64(seed: 5)
    return try GPT<Float>(config: GPTConfig(vocabSize: vocabulary, blockSize: 16, layerCount: 1, headCount: 2, embeddingWidth: 16), using: &generator)
  }

  @Test("a character model: bits per byte is the loss over the UTF-8 bytes of the scored characters")
  func characters() throws {
    let tokenizer = try CharacterTokenizer(text: Self.text)
    let tokens = try tokenizer.encode(Self.text)
    let result = try HeldOutEvaluation.evaluate(try Self.model(vocabulary: tokenizer.vocabularySize), tokens: tokens)
    // One token per Unicode scalar: the scored targets are the scalars 1 … W·T of the text.
    let scalars = Array(Self.text.unicodeScalars)
    let bytes = scalars[1...result.predictedTokens].reduce(0) { $0 + String($1).utf8.count }
    #expect(bytes > result.predictedTokens, "the text has characters of more than one byte")
    let expected = result.meanCrossEntropy * Double(result.predictedTokens) / (Double(bytes) * log(2))
    let measured = try HeldOutEvaluation.bitsPerByte(result, tokens: tokens, tokenizer: tokenizer)
    #expect(abs(measured - expected) < 1e-12)
  }

  @Test("byte-level BPE: each token counts its own bytes, summing to the text's, and the identity holds")
  func bytePairs() throws {
    let tokenizer = try ByteLevelBPETokenizer.train(on: Self.text, merges: 40)
    let tokens = try tokenizer.encode(Self.text)
    // Tokens may hold parts of ☃ (3 bytes) or ü (2): each counts its own bytes, and all of them are the text's.
    #expect(try tokenizer.byteCount(of: tokens) == Self.text.utf8.count)
    let result = try HeldOutEvaluation.evaluate(try Self.model(vocabulary: tokenizer.vocabularySize), tokens: tokens)
    // The bytes of the scored targets: the text's bytes without the first token's and the unscored tail's.
    let unscored = [tokens[0]] + tokens[(result.predictedTokens + 1)...]
    let bytes = Self.text.utf8.count - (try tokenizer.byteCount(of: Array(unscored)))
    let expected = result.meanCrossEntropy * Double(result.predictedTokens) / (Double(bytes) * log(2))
    #expect(abs(try HeldOutEvaluation.bitsPerByte(result, tokens: tokens, tokenizer: tokenizer) - expected) < 1e-12)
    #expect(tokens.count < Self.text.utf8.count, "merges make tokens of several bytes")
  }
}
