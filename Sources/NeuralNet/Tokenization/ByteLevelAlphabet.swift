/// GPT-2's reversible map between the 256 byte values and 256 printable Unicode characters, so that
/// byte-level BPE can treat any UTF-8 text as a string of visible symbols (`bytes_to_unicode` in
/// OpenAI's `encoder.py` and Hugging Face's `ByteLevel` pre-tokenizer).
///
/// The bytes `!`…`~` (0x21–0x7E), `¡`…`¬` (0xA1–0xAC) and `®`…`ÿ` (0xAE–0xFF) stand for themselves;
/// the other 68 bytes, in increasing order, get U+0100, U+0101, … (so the space 0x20 is `Ġ`, U+0120,
/// and the newline 0x0A is `Ċ`, U+010A).
public enum ByteLevelAlphabet {
  /// `symbols[b]` is the character that stands for the byte `b`.
  public static let symbols: [Unicode.Scalar] = {
    var table = [Unicode.Scalar](repeating: "\0", count: 256)
    var next: UInt32 = 256
    for byte in 0..<256 {
      if (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte) {
        table[byte] = Unicode.Scalar(UInt32(byte))!
      } else {
        table[byte] = Unicode.Scalar(next)!
        next += 1
      }
    }
    return table
  }()

  /// The byte that `symbol` stands for, or nil when it is not one of the 256 symbols.
  public static func byte(for symbol: Unicode.Scalar) -> UInt8? {
    let value = symbol.value
    if (0x21...0x7E).contains(value) || (0xA1...0xAC).contains(value) || (0xAE...0xFF).contains(value) {
      return UInt8(value)
    }
    guard (256..<(256 + 68)).contains(value) else { return nil }
    return unmappedBytes[Int(value) - 256]
  }

  /// The 68 bytes that do not stand for themselves, in increasing order (`unmappedBytes[k]` ↔ U+0100 + k).
  private static let unmappedBytes: [UInt8] = (0..<256).compactMap { byte in
    (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte) ? nil : UInt8(byte)
  }

  /// The symbols of `bytes`, one per byte, as a string (e.g. the bytes of `" é"` give `"ĠÃ©"`).
  public static func string(of bytes: some Sequence<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes { scalars.append(symbols[Int(byte)]) }
    return String(scalars)
  }

  /// The bytes that the symbols of `text` stand for, or nil if a character of `text` is not a symbol.
  public static func bytes(of text: String) -> [UInt8]? {
    var result: [UInt8] = []
    result.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      guard let byte = byte(for: scalar) else { return nil }
      result.append(byte)
    }
    return result
  }
}
