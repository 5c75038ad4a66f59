/// Why text could not be turned into token ids (or back), naming the offending character or id.
public enum TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A character of the input is not in the vocabulary; `position` counts Unicode scalars from 0.
  case unknownCharacter(Unicode.Scalar, position: Int)
  /// A token id outside `0..<vocabularySize`.
  case idOutOfRange(id: Int, position: Int, vocabularySize: Int)
  /// A vocabulary that lists a character twice.
  case duplicateCharacter(Unicode.Scalar)
  /// A vocabulary with no characters.
  case emptyVocabulary
  /// A replacement character for unknown input that is itself not in the vocabulary.
  case replacementNotInVocabulary(Unicode.Scalar)
  /// A serialised vocabulary that is not a JSON array of one-character strings.
  case malformedVocabulary(reason: String)

  /// A readable rendering of a character: itself when printable, else its code point (e.g. `U+000A`).
  static func render(_ scalar: Unicode.Scalar) -> String {
    let code = "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count))
      + String(scalar.value, radix: 16, uppercase: true)
    if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
      return code
    }
    return "'\(scalar)' (\(code))"
  }

  public var description: String {
    switch self {
    case let .unknownCharacter(scalar, position):
      return
        "The character \(Self.render(scalar)) at position \(position) is not in the tokenizer's vocabulary; remove it or encode with a lossy policy."
    case let .idOutOfRange(id, position, vocabularySize):
      return "The token id \(id) at position \(position) is outside the vocabulary 0..<\(vocabularySize)."
    case let .duplicateCharacter(scalar):
      return "The vocabulary lists the character \(Self.render(scalar)) more than once; each character needs one id."
    case .emptyVocabulary:
      return "The vocabulary is empty; build the tokenizer from a non-empty text."
    case let .replacementNotInVocabulary(scalar):
      return
        "The replacement character \(Self.render(scalar)) is not in the vocabulary itself; choose one that is, or skip unknown characters."
    case let .malformedVocabulary(reason):
      return "The stored vocabulary is not a JSON array of one-character strings: \(reason)."
    }
  }
}
