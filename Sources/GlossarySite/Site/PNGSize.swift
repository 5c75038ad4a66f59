import Foundation

/// The pixel size of a PNG, read from its `IHDR` chunk.
struct PNGSize: Sendable, Hashable {
  let width: Int
  let height: Int

  private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The size in `data`, or `nil` when it does not start like a PNG (signature, then `IHDR`).
  init?(data: Data) {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, Array(bytes[0..<8]) == Self.signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
      return nil
    }
    func bigEndian(_ offset: Int) -> Int {
      bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
    width = bigEndian(16)
    height = bigEndian(20)
    guard width > 0, height > 0 else { return nil }
  }
}
