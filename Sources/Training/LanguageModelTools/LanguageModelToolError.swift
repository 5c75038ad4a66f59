import NeuralNet

/// Why a text could not be evaluated or generated from, naming the file or value and the fix.
public enum LanguageModelToolError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The text has fewer tokens than one full window needs (`blockSize + 1`).
  case textTooShort(tokenCount: Int, needed: Int, blockSize: Int)
  /// The prompt or text has characters outside the checkpoint's vocabulary (each listed once, in
  /// order of first appearance). `source` says where ("the prompt", "the text file notes.txt").
  /// `skipFlag` names the option that drops such characters where the command has one.
  case unknownCharacters(source: String, characters: [Unicode.Scalar], vocabularySize: Int, skipFlag: String? = nil)
  /// No character of the prompt is in the model's vocabulary, so there is no context to continue.
  case promptHasNoKnownCharacters(prompt: String)
  /// The sampling temperature is negative, infinite or NaN.
  case invalidTemperature(Double)
  /// The number of tokens to generate is negative.
  case invalidTokenCount(Int)

  public var description: String {
    switch self {
    case let .textTooShort(tokenCount, needed, blockSize):
      return
        "The text has \(tokenCount) tokens but evaluation needs at least \(needed) (one full window of block size \(blockSize) plus its next token); use a longer text."
    case let .unknownCharacters(source, characters, vocabularySize, skipFlag):
      let shown = characters.prefix(12).map(Self.render).joined(separator: ", ")
      let list = characters.count > 12 ? shown + " and \(characters.count - 12) more" : shown
      let noun = characters.count == 1 ? "character" : "characters"
      let them = characters.count == 1 ? "it" : "them"
      let flag = skipFlag ?? (source == "the prompt" ? "--skip-unknown" : nil)
      let fix = flag.map { "remove \(them) or pass \($0) to drop \(them)" } ?? "remove \(them) from the text"
      return
        "\(source.prefix(1).uppercased() + source.dropFirst()) has \(characters.count) \(noun) outside the checkpoint's vocabulary of \(vocabularySize): \(list); \(fix)."
    case let .promptHasNoKnownCharacters(prompt):
      return "No character of the prompt \"\(prompt)\" is in the model's vocabulary, so there is nothing to continue; use characters the model was trained on."
    case let .invalidTemperature(value):
      return "The temperature must be 0 (greedy) or a positive finite number, got \(value)."
    case let .invalidTokenCount(value):
      return "The number of tokens to generate must be 0 or more, got \(value)."
    }
  }

  /// The characters of `text` that `tokenizer` does not know, each once, in order of first appearance.
  public static func characters(of text: String, outside tokenizer: any Tokenizer) -> [Unicode.Scalar] {
    tokenizer.unencodableCharacters(in: text)
  }

  /// A character as `'x' (U+0078)`, or just its code point for spaces and control characters.
  static func render(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace { return code }
    return "'\(scalar)' (\(code))"
  }
}
