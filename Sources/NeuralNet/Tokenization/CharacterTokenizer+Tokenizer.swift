extension CharacterTokenizer: Tokenizer {
  /// The ids of `text`, one per character, refusing characters outside the vocabulary
  /// (`encode(text, unknown: .reject)`).
  public func encode(_ text: String) throws -> [Int] { try encode(text, unknown: .reject) }

  /// The characters of `text` outside the vocabulary, each once, in order of first appearance.
  public func unencodableCharacters(in text: String) -> [Unicode.Scalar] {
    var seen: [Unicode.Scalar] = []
    var seenSet = Set<Unicode.Scalar>()
    for scalar in text.unicodeScalars where id(of: scalar) == nil && seenSet.insert(scalar).inserted { seen.append(scalar) }
    return seen
  }

  /// "character".
  public var kindName: String { "character" }
}
