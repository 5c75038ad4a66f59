import WorkbenchFiles
/// The chunk layer of the PNG format (length, four-letter type, data, CRC-32 of type and data),
/// used by ``AnimatedPNG`` to re-chunk libpng's output.
enum PNGChunks {
  /// One chunk: its type ("IHDR", "IDAT", …) and data.
  struct Chunk {
    let type: String
    let data: [UInt8]
  }

  /// Splits a PNG file into its chunks, checking the signature, the lengths and every CRC.
  /// Throws ``PlotError/unreadableImage(path:reason:)`` (path "PNG data") when the bytes are not a PNG.
  static func parse(_ bytes: [UInt8]) throws -> [Chunk] {
    guard bytes.count >= 8, Array(bytes[0..<8]) == AnimatedPNG.signature else {
      throw PlotError.unreadableImage(path: "PNG data", reason: "it lacks the PNG signature")
    }
    var chunks: [Chunk] = []
    var offset = 8
    while offset + 12 <= bytes.count {
      let length = Int(bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
      guard offset + 12 + length <= bytes.count else {
        throw PlotError.unreadableImage(path: "PNG data", reason: "a chunk runs past the end of the file")
      }
      let typeBytes = Array(bytes[offset + 4..<offset + 8])
      let data = Array(bytes[offset + 8..<offset + 8 + length])
      let stored = bytes[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      guard CRC32.ieee.checksum(typeBytes + data) == stored else {
        throw PlotError.unreadableImage(path: "PNG data", reason: "a chunk's CRC does not match its contents")
      }
      let type = String(decoding: typeBytes, as: UTF8.self)
      chunks.append(Chunk(type: type, data: data))
      offset += 12 + length
      if type == "IEND" { break }
    }
    return chunks
  }

  /// The bytes of one chunk: big-endian length, type, data, CRC-32 over type and data.
  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeBytes = Array(type.utf8)
    precondition(typeBytes.count == 4, "a PNG chunk type has four letters")
    return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.ieee.checksum(typeBytes + data))
  }
}
