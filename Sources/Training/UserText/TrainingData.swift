import NeuralNet

/// The token ids a run trains and measures on: the user's text split into training and validation
/// parts, and the optional reference text (scored whole, never trained on).
public struct TrainingData: Sendable {
  /// Training and validation tokens.
  public let split: TokenSplit
  /// Tokens of the reference text, or nil.
  public let reference: [Int]?

  /// Encodes `text` (and `validation`, `reference`) with `tokenizer` as `setup` says and splits it
  /// for a model of `context` tokens: with a `validation` text, all of `text` is trained on and
  /// `validation` is held out; without, the end of `text` is (`setup.validationFraction`).
  /// - Throws: `TrainingError.textTooShort`, `LanguageModelToolError.unknownCharacters`.
  public init(
    text: String, validation: String? = nil, reference: String?, setup: TrainingSetup, tokenizer: any Tokenizer, context: Int
  ) throws {
    let source = setup.texts.count == 1 ? "the text file \(setup.texts[0].path)" : "the text files"
    let tokens = try setup.encode(text, with: tokenizer, source: source)
    if let validation, let path = setup.validationText?.path {
      let held = try setup.encode(validation, with: tokenizer, source: "the validation text \(path)")
      split = try TokenSplit(training: tokens, validation: held, validationName: "validation text \(path)", context: context)
    } else {
      split = try TokenSplit(tokens: tokens, validationFraction: setup.validationFraction, context: context)
    }
    if let reference, let path = setup.referenceText?.path {
      let ids = try setup.encode(reference, with: tokenizer, source: "the reference text \(path)")
      guard ids.count >= context + 1 else {
        throw TrainingError.textTooShort(part: "reference text \(path)", tokenCount: ids.count, needed: context + 1, context: context)
      }
      self.reference = ids
    } else {
      self.reference = nil
    }
  }

  /// Re-reads the files of `setup` (checking that they did not change) and encodes them again.
  init(setup: TrainingSetup, tokenizer: any Tokenizer, context: Int, reread: Bool) throws {
    let text = try TrainingText.reread(setup.texts)
    let validation = try setup.validationText.map { try TrainingText.reread([$0]).text }
    let reference = try setup.referenceText.map { try TrainingText.reread([$0]).text }
    try self.init(text: text.text, validation: validation, reference: reference, setup: setup, tokenizer: tokenizer, context: context)
  }
}
