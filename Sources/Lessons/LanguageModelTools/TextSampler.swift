import Autograd
import Foundation
import NeuralNet

/// Text generation from a GPT by temperature sampling, reproducible from a seed.
///
/// Each step feeds the last `blockSize` tokens (the whole text so far when shorter), takes the
/// logits z of the last position, and draws the next token from softmax(z / temperature), computed
/// in Double: one uniform u = `generator.nextUnit()` per token and the first id whose cumulative
/// probability exceeds u. Temperature 0 picks the most likely token (ties: the lowest id) and
/// draws nothing.
public enum TextSampler {
  /// The `tokenCount` tokens that `model` writes after `prompt`, without the prompt.
  ///
  /// Characters of the prompt outside the tokenizer's vocabulary are refused
  /// (`LanguageModelToolError.unknownCharacters`, listing each of them) unless `skipUnknown` is
  /// true, which drops them from the context.
  public static func continuation(
    of prompt: String, model: GPT<Float>, tokenizer: any Tokenizer, tokenCount: Int, temperature: Double,
    skipUnknown: Bool = false, using generator: inout SplitMix64
  ) throws -> String {
    guard temperature.isFinite, temperature >= 0 else { throw LanguageModelToolError.invalidTemperature(temperature) }
    guard tokenCount >= 0 else { throw LanguageModelToolError.invalidTokenCount(tokenCount) }
    let unknown = LanguageModelToolError.characters(of: prompt, outside: tokenizer)
    guard skipUnknown || unknown.isEmpty else {
      throw LanguageModelToolError.unknownCharacters(
        source: "the prompt", characters: unknown, vocabularySize: tokenizer.vocabularySize)
    }
    let dropped = Set(unknown)
    var context = try tokenizer.encode(String(String.UnicodeScalarView(prompt.unicodeScalars.filter { !dropped.contains($0) })))
    guard !context.isEmpty else { throw LanguageModelToolError.promptHasNoKnownCharacters(prompt: prompt) }
    var produced: [Int] = []
    produced.reserveCapacity(tokenCount)
    let block = model.config.blockSize
    try GradientMode.withoutRecording {
      for _ in 0..<tokenCount {
        let window = Array(context.suffix(block))
        let logits = try model(window, batch: 1, length: window.count)
        let width = model.config.vocabSize
        let last = Array(logits.scalars[((window.count - 1) * width)..<(window.count * width)])
        let next = pick(from: last, temperature: temperature, using: &generator)
        context.append(next)
        produced.append(next)
      }
    }
    return try tokenizer.decode(produced)
  }

  /// One token id drawn from softmax(`logits` / `temperature`) (argmax when the temperature is 0).
  public static func pick(from logits: [Float], temperature: Double, using generator: inout SplitMix64) -> Int {
    precondition(!logits.isEmpty)
    if temperature == 0 {
      var best = 0
      for (index, value) in logits.enumerated() where value > logits[best] { best = index }
      return best
    }
    let scaled = logits.map { Double($0) / temperature }
    let peak = scaled.max()!
    let weights = scaled.map { Foundation.exp($0 - peak) }
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
