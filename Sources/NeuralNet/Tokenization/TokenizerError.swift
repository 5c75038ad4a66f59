/// Why text could not be turned into token ids (or back), or a tokenizer could not be built or read,
/// naming the offending character, id or file.
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
  /// A byte that a BPE vocabulary has no one-byte token for (it lacks part of the byte alphabet).
  case byteNotInVocabulary(UInt8)
  /// A negative number of BPE merges to learn.
  case invalidMergeCount(Int)
  /// An empty text to learn BPE merges from.
  case emptyTrainingText
  /// A tokenizer file (`source` names it) that cannot be read: not JSON, or a field missing or mistyped.
  case malformedTokenizer(source: String, reason: String)
  /// A tokenizer file of a kind the workbench does not implement; `kind` says which (e.g. "WordPiece model").
  case unsupportedTokenizer(source: String, kind: String)

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
    case let .byteNotInVocabulary(byte):
      return "The BPE vocabulary has no token for the byte 0x\(String(byte, radix: 16, uppercase: true)), so it cannot encode this text; use a byte-level vocabulary with all 256 bytes."
    case let .invalidMergeCount(count):
      return "The number of BPE merges must be 0 or more, got \(count)."
    case .emptyTrainingText:
      return "The text to learn BPE merges from is empty; give a non-empty text."
    case let .malformedTokenizer(source, reason):
      return "\(source.prefix(1).uppercased() + source.dropFirst()) cannot be read as a tokenizer: \(reason)."
    case let .unsupportedTokenizer(source, kind):
      return
        "\(source.prefix(1).uppercased() + source.dropFirst()) holds a \(kind), which the workbench does not implement; supported: a BPE model with a ByteLevel pre-tokenizer (as GPT-2 ships it) or a character vocabulary."
    }
  }
}
