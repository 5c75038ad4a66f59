import Testing

@testable import Autograd

@Suite("Cached attention")
struct CachedAttentionTests {
  /// qkv `[batch, length, 3C]` drawn from N(0, 1).
  static func packed(batch: Int, length: Int, width: Int, seed: UInt64) -> Tensor<Float> {
    var g = SplitMix64(seed: seed)
    return Tensor(shape: [batch, length, 3 * width], scalars: (0..<(batch * length * 3 * width)).map { _ in Float(g.nextNormal()) })
  }

  @Test("a prompt of 5 then one position at a time gives the whole-sequence attention's rows, in every family")
  func matchesWholeSequence() throws {
    let (batch, length, heads, d) = (2, 9, 3, 4)
    let qkv = Self.packed(batch: batch, length: length, width: heads * d, seed: 3)
    let whole = try Kernels.$implementation.withValue(.reference) { try qkv.causalSelfAttention(headCount: heads) }
    for family in KernelFamily.supported {
      try KernelFamily.$override.withValue(family) {
        try GradientMode.withoutRecording {
          var cache = KeyValueCache<Float>(batch: batch, heads: heads, headWidth: d, capacity: 12)
          var rows: [Tensor<Float>] = [try qkv.slice(axis: 1, 0..<5).cachedSelfAttention(cache: &cache)]
          for position in 5..<length { rows.append(try qkv.slice(axis: 1, position..<(position + 1)).cachedSelfAttention(cache: &cache)) }
          #expect(cache.length == length)
          let cached = try Tensor.concatenate(rows, axis: 1)
          #expect(cached.shape == whole.shape)
          for (a, b) in zip(cached.scalars, whole.scalars) { #expect(abs(a - b) <= 1e-5 * (1 + abs(b)), "\(family)") }
        }
      }
    }
  }

  @Test("fast equals the reference loops in every family, and a full cache refuses more positions")
  func fastMatchesReference() throws {
    let (batch, heads, d) = (1, 2, 8)
    let prompt = Self.packed(batch: batch, length: 6, width: heads * d, seed: 8)
    let next = Self.packed(batch: batch, length: 1, width: heads * d, seed: 9)
    func run() throws -> [Float] {
      var cache = KeyValueCache<Float>(batch: batch, heads: heads, headWidth: d, capacity: 7)
      _ = try prompt.cachedSelfAttention(cache: &cache)
      let y = try next.cachedSelfAttention(cache: &cache).scalars
      #expect(throws: TensorError.self) { try next.cachedSelfAttention(cache: &cache) }
      return y
    }
    let reference = try Kernels.$implementation.withValue(.reference) { try run() }
    for family in KernelFamily.supported {
      let fast = try KernelFamily.$override.withValue(family) { try run() }
      for (a, b) in zip(fast, reference) { #expect(abs(a - b) <= 1e-5 * (1 + abs(b)), "\(family)") }
    }
  }
}
