/// The project's one seeded random number generator (SplitMix64, Steele et al. 2014).
///
/// Every initialisation, shuffle, dropout mask and sample takes one of these explicitly,
/// so the same seed on the same machine gives bit-identical results.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state; equal states produce equal streams.
  public private(set) var state: UInt64

  /// A generator whose stream is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal sample N(0, 1) (Box–Muller, one value per call).
  public mutating func nextNormal() -> Double {
    var u1 = nextUnit()
    while u1 <= .leastNonzeroMagnitude { u1 = nextUnit() }
    let u2 = nextUnit()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
  }

  /// A new generator whose stream is independent of this one's next draws
  /// (for handing a sub-task its own randomness without disturbing this stream).
  public mutating func split() -> SplitMix64 {
    SplitMix64(seed: next())
  }
}

import Foundation
