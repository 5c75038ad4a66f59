/// A 32-bit cyclic redundancy check with a reflected polynomial, initial value and final XOR
/// 0xFFFFFFFF: `ieee` as PNG, zlib and gzip use it (`checksum("123456789") == 0xCBF43926`), and
/// `castagnoli` (CRC-32C) as TFRecord and TensorBoard's event files use it (`0xE3069283`).
public struct CRC32: Sendable {
  /// The reflected generator polynomial.
  public let polynomial: UInt32
  /// The byte-at-a-time lookup table.
  private let table: [UInt32]

  /// The CRC with reflected generator polynomial `polynomial`.
  public init(reflectedPolynomial polynomial: UInt32) {
    self.polynomial = polynomial
    table = (0..<256).map { n in (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? polynomial ^ (c >> 1) : c >> 1 } }
  }

  /// CRC-32 of PNG, zlib, gzip and Ethernet (polynomial 0x04C11DB7, reflected 0xEDB88320).
  public static let ieee = CRC32(reflectedPolynomial: 0xEDB8_8320)
  /// CRC-32C, Castagnoli's (polynomial 0x1EDC6F41, reflected 0x82F63B78).
  public static let castagnoli = CRC32(reflectedPolynomial: 0x82F6_3B78)

  /// The checksum of `bytes`.
  public func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }
}
