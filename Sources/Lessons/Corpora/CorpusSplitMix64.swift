/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast 64-bit generator whose whole state is one
/// `UInt64`, used by the seed-taking ``Corpora`` functions.
///
/// Internal on purpose: the engine will provide a public `SplitMix64` in `Autograd`; this local copy
/// only keeps the corpora independent of it until the two are unified. The output sequence is the
/// standard SplitMix64 sequence, so swapping in another correct implementation changes nothing.
struct CorpusSplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's entire state; advanced by the golden-ratio increment on every draw.
  private var state: UInt64

  /// A generator whose sequence is fully determined by `seed`.
  init(seed: UInt64) {
    state = seed
  }

  /// The next 64 uniformly distributed bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
