/// Turns text into token ids and back: what a language model reads and writes.
///
/// Two kinds conform: ``CharacterTokenizer`` (one id per Unicode scalar of a fixed vocabulary) and
/// ``ByteLevelBPETokenizer`` (GPT-2's byte-level byte-pair encoding, which encodes every text).
/// A checkpoint stores a tokenizer as its ``serialized`` JSON text, read back by
/// ``StoredTokenizer/decode(_:)``.
public protocol Tokenizer: Sendable {
  /// Number of distinct ids: every id `encode` returns and `decode` accepts is in `0..<vocabularySize`.
  var vocabularySize: Int { get }

  /// The token ids of `text`.
  /// - Throws: `TokenizerError` when `text` has a character the tokenizer cannot represent.
  func encode(_ text: String) throws -> [Int]

  /// The text of the token ids `ids` (for byte-level BPE, bytes that are not valid UTF-8 become U+FFFD).
  /// - Throws: `TokenizerError.idOutOfRange` for an id outside `0..<vocabularySize`.
  func decode(_ ids: [Int]) throws -> String

  /// The characters of `text` that `encode` cannot represent, each once, in order of first appearance
  /// (always empty for byte-level BPE).
  func unencodableCharacters(in text: String) -> [Unicode.Scalar]

  /// The JSON text stored in a checkpoint's `__metadata__["tokenizer"]`.
  var serialized: String { get }

  /// What kind of tokenizer this is, for messages: "character" or "byte-level BPE".
  var kindName: String { get }

  /// The number of bytes of UTF-8 text the token ids `ids` stand for (each token's own bytes,
  /// summed: the denominator of bits per byte).
  /// - Throws: `TokenizerError.idOutOfRange` for an id outside `0..<vocabularySize`.
  func byteCount(of ids: [Int]) throws -> Int
}

extension Tokenizer {
  /// The bytes of each token's text, summed (exact when every token decodes to whole characters).
  public func byteCount(of ids: [Int]) throws -> Int {
    var count = 0
    var lengths: [Int: Int] = [:]
    for id in ids {
      if let length = lengths[id] { count += length; continue }
      let length = try decode([id]).utf8.count
      lengths[id] = length
      count += length
    }
    return count
  }
}
