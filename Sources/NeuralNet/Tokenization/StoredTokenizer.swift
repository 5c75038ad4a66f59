/// Reads back the tokenizer a checkpoint stores in `__metadata__["tokenizer"]`.
///
/// Two forms: a JSON array of one-character strings is a ``CharacterTokenizer`` (the form every
/// workbench checkpoint has used since the first one); a JSON object is a Hugging Face
/// `tokenizer.json` text, read as a ``ByteLevelBPETokenizer`` (or, when it is a character vocabulary
/// without merges or pre-tokenizer, as the ``CharacterTokenizer`` it was exported from).
public enum StoredTokenizer {
  /// The tokenizer whose ``Tokenizer/serialized`` form is `text`.
  /// - Throws: `TokenizerError` when the text is neither form, or names an unsupported kind.
  public static func decode(_ text: String) throws -> any Tokenizer {
    let firstSignificant = text.utf8.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    if firstSignificant == UInt8(ascii: "{") {
      return try TokenizerJSON.tokenizer(from: Array(text.utf8), source: "the stored tokenizer")
    }
    return try CharacterTokenizer(serialized: text)
  }
}
