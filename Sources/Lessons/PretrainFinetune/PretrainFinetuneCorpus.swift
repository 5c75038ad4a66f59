import Autograd
import NeuralNet

/// The three corpora of the `pretrain-finetune` lesson, their fixed train/validation splits, and
/// the character tokenizer over the union of their characters.
///
/// Each corpus is cut once: the last `validationFraction` (10%) of its characters is the validation
/// split, the rest is the training split. Training never sees a validation character.
public struct PretrainFinetuneCorpus: Sendable {
  /// Share of each corpus held out for validation (its last characters).
  public static let validationFraction = 0.1

  /// One corpus cut into its two splits.
  public struct Split: Sendable {
    /// Training text (the first 90%).
    public let train: String
    /// Validation text (the last 10%).
    public let validation: String
    /// Token ids of `train`.
    public let trainTokens: [Int]
    /// Token ids of `validation`.
    public let validationTokens: [Int]
    /// Characters in both splits together.
    public var characterCount: Int { trainTokens.count + validationTokens.count }
  }

  /// General English prose (pre-training).
  public let general: Split
  /// Northwind support-desk tickets (fine-tuning).
  public let domain: Split
  /// New general prose (continued pre-training).
  public let continued: Split
  /// The character tokenizer over every character of the three corpora, sorted by code point.
  public let tokenizer: CharacterTokenizer

  /// Generates the corpora with their own generators (in the lesson: split from the run's generator).
  public init(
    settings: PretrainFinetuneSettings, general generalGenerator: inout SplitMix64,
    domain domainGenerator: inout SplitMix64, continued continuedGenerator: inout SplitMix64
  ) throws {
    try self.init(
      general: Corpora.generalWithNotes(byteCount: settings.generalCharacters, using: &generalGenerator),
      domain: Corpora.domain(byteCount: settings.domainCharacters, using: &domainGenerator),
      continued: Corpora.continuedGeneral(byteCount: settings.continuedCharacters, using: &continuedGenerator))
  }

  /// Cuts three given texts into their splits and builds the tokenizer over all of them.
  init(general generalText: String, domain domainText: String, continued continuedText: String) throws {
    let tokenizer = try CharacterTokenizer(text: generalText + domainText + continuedText)
    func split(_ text: String) throws -> Split {
      let scalars = Array(text.unicodeScalars)
      let cut = scalars.count - Int((Double(scalars.count) * Self.validationFraction).rounded())
      var train = String.UnicodeScalarView(), validation = String.UnicodeScalarView()
      train.append(contentsOf: scalars[..<cut])
      validation.append(contentsOf: scalars[cut...])
      let (trainText, validationText) = (String(train), String(validation))
      return Split(
        train: trainText, validation: validationText, trainTokens: try tokenizer.encode(trainText),
        validationTokens: try tokenizer.encode(validationText))
    }
    self.tokenizer = tokenizer
    general = try split(generalText)
    domain = try split(domainText)
    continued = try split(continuedText)
  }
}
