import Autograd
import Foundation
import NeuralNet

/// Text generation from a GPT: a prompt encoded, continued by the one `TokenSampler` (KV cache,
/// temperature, top-k, top-p, only ids the tokenizer knows), decoded, and cut before the first stop
/// string. Reproducible from a seed.
public enum TextSampler {
  /// The text that `model` writes after `prompt`, without the prompt: at most `tokenCount` tokens,
  /// ending just before the first of `stop` that it writes (the stop string is not included).
  ///
  /// Characters of the prompt outside the tokenizer's vocabulary are refused
  /// (`LanguageModelToolError.unknownCharacters`, listing each of them) unless `skipUnknown` is
  /// true, which drops them from the context.
  ///
  /// `observe(probabilities, id)`, when given, receives for every token written the probability of
  /// each id below the tokenizer's vocabulary size being drawn (after temperature, top-k and top-p;
  /// ``TokenSampler/probabilities(logits:)``) and the id drawn. `times`, when given, receives
  /// where the sampling time went (``DecodingTimes``).
  public static func continuation(
    of prompt: String, model: GPT<Float>, tokenizer: any Tokenizer, tokenCount: Int, temperature: Double, topK: Int? = nil,
    topP: Double? = nil, stop: [String] = [], skipUnknown: Bool = false, using generator: inout SplitMix64,
    observe: ((_ probabilities: [Double], _ id: Int) throws -> Void)? = nil,
    times: ((DecodingTimes) -> Void)? = nil
  ) throws -> String {
    guard temperature.isFinite, temperature >= 0 else { throw LanguageModelToolError.invalidTemperature(temperature) }
    guard tokenCount >= 0 else { throw LanguageModelToolError.invalidTokenCount(tokenCount) }
    let unknown = LanguageModelToolError.characters(of: prompt, outside: tokenizer)
    guard skipUnknown || unknown.isEmpty else {
      throw LanguageModelToolError.unknownCharacters(
        source: "the prompt", characters: unknown, vocabularySize: tokenizer.vocabularySize)
    }
    let dropped = Set(unknown)
    let context = try tokenizer.encode(String(String.UnicodeScalarView(prompt.unicodeScalars.filter { !dropped.contains($0) })))
    guard !context.isEmpty else { throw LanguageModelToolError.promptHasNoKnownCharacters(prompt: prompt) }
    let settings = SamplingSettings(temperature: temperature, topK: topK, topP: topP)
    let sampler = TokenSampler(model: model, vocabularySize: tokenizer.vocabularySize, settings: settings)
    let stops = stop.filter { !$0.isEmpty }
    let written = try sampler.sample(
      after: [context], count: tokenCount, using: &generator,
      stop: { _, ids in !stops.isEmpty && stops.contains { (try? tokenizer.decode(ids))?.contains($0) == true } },
      observe: observe.map { observe in { _, probabilities, id in try observe(probabilities, id) } }, times: times)[0]
    var text = try tokenizer.decode(written)
    if let cut = stops.compactMap({ text.range(of: $0)?.lowerBound }).min() { text = String(text[..<cut]) }
    return text
  }

  /// The ids of the `count` largest of `probabilities` (one per id) that are above 0, most likely
  /// first; equal probabilities in id order.
  public static func mostLikely(_ probabilities: [Double], count: Int) -> [Int] {
    let order = probabilities.indices.filter { probabilities[$0] > 0 }.sorted { (probabilities[$0], $1) > (probabilities[$1], $0) }
    return Array(order.prefix(max(0, count)))
  }
}
