/// How the next token is chosen from a language model's logits z (one per id).
///
/// With temperature T > 0 the probabilities are softmax(z / T) over the ids the tokenizer knows;
/// `topK` keeps only the k most likely ids and `topP` the smallest set of most likely ids whose
/// probability reaches p (nucleus sampling); what is kept is renormalised. T = 0 takes the most
/// likely id (ties: the lowest) and draws nothing from the generator.
public struct SamplingSettings: Sendable, Equatable {
  /// T ≥ 0: below 1 sharpens the distribution, above 1 flattens it, 0 is greedy.
  public var temperature: Double
  /// Keep only the k most likely ids (nil: all).
  public var topK: Int?
  /// Keep the fewest most likely ids whose probabilities sum to at least p, in (0, 1] (nil: all).
  public var topP: Double?

  public init(temperature: Double, topK: Int? = nil, topP: Double? = nil) {
    self.temperature = temperature
    self.topK = topK
    self.topP = topP
  }

  /// The most likely id at every step.
  public static let greedy = SamplingSettings(temperature: 0)
}
