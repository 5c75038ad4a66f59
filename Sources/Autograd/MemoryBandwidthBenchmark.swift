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

  /// Sums `bytes` of float32 (far larger than the caches) with the family's vector sum on
  /// `threads` threads (default: one per core), `rounds` times after one untimed pass that touches every page.
  public static func run(bytes: Int = 1 << 30, threads: Int? = nil, rounds: Int = 7) -> Result {
    let count = bytes / MemoryLayout<Float>.stride
    let buffer = [Float](repeating: 1, count: count)
    let native = NativeKernels<Float>(family: KernelFamily.active)
    let parts = max(1, min(threads ?? Kernels.threadCount, Kernels.threadCount))
    var speeds: [Double] = []
    buffer.withUnsafeBufferPointer { values in
      let base = values.baseAddress!
      for round in 0...rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        Kernels.parallelFor(parts) { part in
          let share = Kernels.share(count, parts: parts, part: part, granule: 4096)
          if !share.isEmpty { _ = native.sum(base + share.lowerBound, share.count) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if round > 0 { speeds.append((Double(count * 4) / seconds / 1e8).rounded() / 10) }
      }
    }
    let sorted = speeds.sorted()
    return Result(bytes: count * 4, threads: parts, gigabytesPerSecond: sorted[sorted.count / 2], rounds: speeds)
  }
}
