import WorkbenchFiles

/// A character-level tokenizer: each distinct character is one token, and its id is its index in
/// `vocabulary`.
///
/// "Character" means a Unicode scalar (a code point), as in Python's `str`, so that
/// `decode(encode(text)) == text` for every text the vocabulary covers (grapheme clusters would
/// merge across token boundaries, e.g. "e" followed by a combining accent).
public struct CharacterTokenizer: Equatable, Hashable, Sendable {
  /// What `encode` does with a character that is not in the vocabulary.
  public enum UnknownCharacterPolicy: Equatable, Sendable {
    /// Throw `TokenizerError.unknownCharacter` naming the character and its position (the default).
    case reject
    /// Drop the character: the output has fewer ids than the input has characters.
    case skip
    /// Encode the character as this one, which must itself be in the vocabulary
    /// (e.g. `"?"`); the output has one id per input character.
    case replace(with: Unicode.Scalar)
  }

  /// The characters in id order: `vocabulary[id]` is the character with that id.
  public let vocabulary: [Unicode.Scalar]
  private let ids: [Unicode.Scalar: Int]

  /// A tokenizer over the distinct characters of `text`, sorted by code point
  /// (as `sorted(set(text))` does in Python).
  /// - Throws: `TokenizerError.emptyVocabulary` when `text` is empty.
  public init(text: String) throws {
    try self.init(vocabulary: Set(text.unicodeScalars).sorted { $0.value < $1.value })
  }

  /// A tokenizer whose ids are the positions of the characters in `vocabulary`.
  /// - Throws: `TokenizerError.duplicateCharacter` or `.emptyVocabulary`.
  public init(vocabulary: [Unicode.Scalar]) throws {
    guard !vocabulary.isEmpty else { throw TokenizerError.emptyVocabulary }
    var ids: [Unicode.Scalar: Int] = [:]
    for (id, scalar) in vocabulary.enumerated() {
      guard ids.updateValue(id, forKey: scalar) == nil else { throw TokenizerError.duplicateCharacter(scalar) }
    }
    self.vocabulary = vocabulary
    self.ids = ids
  }

  /// Number of distinct tokens.
  public var vocabularySize: Int { vocabulary.count }

  /// The id of `character`, or `nil` when it is not in the vocabulary.
  public func id(of character: Unicode.Scalar) -> Int? { ids[character] }

  /// The token ids of `text`, one per character (fewer under `.skip`).
  /// - Throws: `TokenizerError.unknownCharacter` under `.reject`, `.replacementNotInVocabulary` under
  ///   `.replace` with a character outside the vocabulary.
  public func encode(_ text: String, unknown policy: UnknownCharacterPolicy = .reject) throws -> [Int] {
    var replacementID: Int? = nil
    if case let .replace(replacement) = policy {
      guard let id = ids[replacement] else { throw TokenizerError.replacementNotInVocabulary(replacement) }
      replacementID = id
    }
    var result: [Int] = []
    result.reserveCapacity(text.unicodeScalars.count)
    for (position, scalar) in text.unicodeScalars.enumerated() {
      if let id = ids[scalar] {
        result.append(id)
        continue
      }
      switch policy {
      case .reject: throw TokenizerError.unknownCharacter(scalar, position: position)
      case .skip: continue
      case .replace: result.append(replacementID!)
      }
    }
    return result
  }

  /// The text whose characters have the ids `tokens`.
  /// - Throws: `TokenizerError.idOutOfRange` for an id outside `0..<vocabularySize`.
  public func decode(_ tokens: [Int]) throws -> String {
    var scalars = String.UnicodeScalarView()
    for (position, id) in tokens.enumerated() {
      guard vocabulary.indices.contains(id) else {
        throw TokenizerError.idOutOfRange(id: id, position: position, vocabularySize: vocabularySize)
      }
      scalars.append(vocabulary[id])
    }
    return String(scalars)
  }

  /// The vocabulary as a compact JSON array of one-character strings in id order, e.g. `["\n"," ","a"]`;
  /// stored in checkpoints as `__metadata__["tokenizer"]`.
  public var serialized: String {
    "[" + vocabulary.map { JSONWriter.quoted(String($0)) }.joined(separator: ",") + "]"
  }

  /// The tokenizer whose `serialized` form is `json`.
  /// - Throws: `TokenizerError.malformedVocabulary`, `.duplicateCharacter` or `.emptyVocabulary`.
  public init(serialized json: String) throws {
    let value: JSONValue
    do {
      value = try JSONParser.parse(Array(json.utf8))
    } catch {
      throw TokenizerError.malformedVocabulary(reason: "\(error.reason) at byte \(error.offset)")
    }
    guard case let .array(items) = value else {
      throw TokenizerError.malformedVocabulary(reason: "it is \(value.kindDescription), not an array")
    }
    var vocabulary: [Unicode.Scalar] = []
    for (index, item) in items.enumerated() {
      guard case let .string(text) = item, text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
        throw TokenizerError.malformedVocabulary(reason: "entry \(index) is not a one-character string")
      }
      vocabulary.append(scalar)
    }
    try self.init(vocabulary: vocabulary)
  }

  public static func == (lhs: CharacterTokenizer, rhs: CharacterTokenizer) -> Bool { lhs.vocabulary == rhs.vocabulary }
  public func hash(into hasher: inout Hasher) { hasher.combine(vocabulary) }
}
