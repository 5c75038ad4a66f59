import Dispatch

/// Speed of the engine's float32 matrix product, for `workbench bench matmul`.
public enum MatmulBenchmark {
  /// GFLOP/s of an n×n×n product (2n³ FLOPs), median over repeats.
  public struct Result: Codable, Sendable {
    public let size: Int
    public let gflops: Double
    public let ms: Double
    /// The kernel family that ran the product (``KernelFamily``).
    public var kernels: String = KernelFamily.active.rawValue
  }

  /// Times `C = A·B` for random n×n matrices, repeating for about half a second.
  public static func run(size n: Int) throws -> Result {
    var generator = SplitMix64(seed: UInt64(n))
    let a = Tensor<Float>.normal([n, n], using: &generator), b = Tensor<Float>.normal([n, n], using: &generator)
    var times: [Double] = []
    var total = 0.0
    while times.count < 5 || (total < 0.5 && times.count < 1000) {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = try a.matmul(b)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      times.append(seconds)
      total += seconds
    }
    times.sort()
    let median = times[times.count / 2]
    return Result(size: n, gflops: (2 * Double(n * n * n) / median / 1e9 * 10).rounded() / 10, ms: (median * 1e6).rounded() / 1000)
  }
}
