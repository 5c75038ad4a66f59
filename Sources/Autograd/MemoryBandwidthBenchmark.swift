import Dispatch

/// How fast this machine streams memory into the cores, for `workbench bench bandwidth`: the
/// ceiling of any product that reads each weight once (decoding one token reads every weight of
/// the model once, so tokens/s ≤ bandwidth / bytes of weights).
public enum MemoryBandwidthBenchmark {
  /// Read bandwidth in GB/s (10⁹ bytes per second), median over rounds.
  public struct Result: Codable, Sendable {
    /// Bytes summed per round.
    public let bytes: Int
    /// Threads reading (each a contiguous share).
    public let threads: Int
    /// Median GB/s over the rounds.
    public let gigabytesPerSecond: Double
    /// Every round's GB/s, in the order run.
    public let rounds: [Double]
    /// The kernel family that summed (``KernelFamily``).
    public var kernels: String = KernelFamily.active.rawValue
  }

  /// Sums `bytes` of float32 (far larger than the caches) on `threads` threads (default: one per
  /// core), each reading its contiguous share 64 bytes at a time into four independent sums, `rounds`
  /// times after one untimed pass that touches every page.
  public static func run(bytes: Int = 1 << 30, threads: Int? = nil, rounds: Int = 7) -> Result {
    let count = bytes / MemoryLayout<Float>.stride
    // 64-byte aligned, so that no vector read straddles two cache lines.
    let buffer = UnsafeMutablePointer<Float>(
      OpaquePointer(UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)))
    defer { buffer.deallocate() }
    buffer.initialize(repeating: 1, count: count)
    let parts = max(1, min(threads ?? Kernels.threadCount, Kernels.threadCount))
    var speeds: [Double] = []
    let checksums = UnsafeMutablePointer<Float>.allocate(capacity: parts)
    defer { checksums.deallocate() }
    do {
      let base = UnsafePointer(buffer)
      for round in 0...rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        Kernels.parallelFor(parts) { part in
          let share = Kernels.share(count, parts: parts, part: part, granule: 4096)
          if !share.isEmpty { checksums[part] = Self.sum(base + share.lowerBound, share.count) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if round > 0 { speeds.append((Double(count * 4) / seconds / 1e8).rounded() / 10) }
      }
    }
    precondition((0..<parts).reduce(0) { $0 + checksums[$1] } == Float(count), "the sums read every value once")
    let sorted = speeds.sorted()
    return Result(bytes: count * 4, threads: parts, gigabytesPerSecond: sorted[sorted.count / 2], rounds: speeds)
  }

  /// Σ x[0..<count] (count a multiple of 4096), read as 64-byte vectors into four running sums.
  static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
    var (a, b, c, d) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
    let raw = UnsafeRawPointer(x)
    for offset in stride(from: 0, to: count * 4, by: 256) {
      a += raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
      b += raw.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
      c += raw.loadUnaligned(fromByteOffset: offset + 128, as: SIMD16<Float>.self)
      d += raw.loadUnaligned(fromByteOffset: offset + 192, as: SIMD16<Float>.self)
    }
    return ((a + b) + (c + d)).sum()
  }
}
