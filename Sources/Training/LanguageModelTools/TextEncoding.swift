import NeuralNet

/// A user's text turned into token ids, with an error that lists every character the tokenizer
/// cannot represent (a character tokenizer's out-of-vocabulary characters; byte-level BPE has none).
public enum TextEncoding {
  /// The ids of `text` under `tokenizer`.
  /// - Throws: `LanguageModelToolError.unknownCharacters` naming `source` (e.g. "the text file a.txt")
  ///   and listing each character outside the vocabulary once.
  public static func ids(of text: String, tokenizer: any Tokenizer, source: String) throws -> [Int] {
    let unknown = tokenizer.unencodableCharacters(in: text)
    guard unknown.isEmpty else {
      throw LanguageModelToolError.unknownCharacters(source: source, characters: unknown, vocabularySize: tokenizer.vocabularySize)
    }
    return try tokenizer.encode(text)
  }
}
