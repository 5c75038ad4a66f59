/// Widening conversions from the 16-bit float formats found in published checkpoints to `Float`.
/// Both are exact: every binary16 and bfloat16 value is representable as a binary32.
enum HalfPrecision {
  /// The `Float` whose IEEE 754 binary16 bit pattern is `bits`
  /// (1 sign bit, 5 exponent bits with bias 15, 10 fraction bits).
  static func float(fromFloat16Bits bits: UInt16) -> Float {
    let sign: UInt32 = UInt32(bits >> 15) << 31
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = UInt32(bits & 0x3FF)
    switch exponent {
    case 0x1F:  // infinity (fraction 0) or NaN (payload kept in the top fraction bits)
      return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
    case 0:  // zero or subnormal: fraction × 2⁻²⁴
      let magnitude = Float(fraction) * 0x1p-24
      return sign == 0 ? magnitude : -magnitude
    default:  // normal: rebias the exponent from 15 to 127
      return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | fraction << 13)
    }
  }

  /// The `Float` whose top 16 bits are the bfloat16 bit pattern `bits` (the low 16 bits are zero).
  static func float(fromBFloat16Bits bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }
}
