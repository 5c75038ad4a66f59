import NeuralNet

/// Reads the bytes as a `tokenizer.json` and as a checkpoint's stored tokenizer text; when one
/// reads, encodes and decodes a short text with it.
enum FuzzTokenizerJSON {
  static func run(_ bytes: [UInt8]) {
    if let tokenizer = try? TokenizerJSON.tokenizer(from: bytes, source: "tokenizer.json") { exercise(tokenizer) }
    if let tokenizer = try? StoredTokenizer.decode(String(decoding: bytes, as: UTF8.self)) { exercise(tokenizer) }
  }

  /// Encodes and decodes a text with letters, a space, a newline and a non-ASCII character.
  static func exercise(_ tokenizer: any Tokenizer) {
    let text = "the cat\né"
    _ = tokenizer.unencodableCharacters(in: text)
    guard let ids = try? tokenizer.encode(text) else { return }
    for id in ids { precondition(id >= 0 && id < tokenizer.vocabularySize, "encode gave id \(id) outside the vocabulary") }
    _ = try? tokenizer.decode(ids)
  }
}
