/// Tensors filled with constants or seeded random values.
extension Tensor {
  /// All zeros.
  public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
    Tensor(shape: shape, scalars: repeated(0, count: shape.product), requiresGrad: requiresGrad)
  }

  /// All ones.
  public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
    Tensor(shape: shape, scalars: repeated(1, count: shape.product), requiresGrad: requiresGrad)
  }

  /// `count` copies of `value`, written by every core when large: the first write to fresh memory
  /// is a page fault per 4 KB, and building GPT-2 124M's parameters (0.5 GB) spent most of its time
  /// in them on one core.
  private static func repeated(_ value: Scalar, count: Int) -> [Scalar] {
    [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
      Kernels.parallelRanges(count, granule: 1024) { range in
        (buffer.baseAddress! + range.lowerBound).initialize(repeating: value, count: range.count)
      }
      initialized = count
    }
  }

  /// Samples of N(mean, std²) drawn from `generator`, in row-major order.
  public static func normal(
    _ shape: [Int], mean: Double = 0, std: Double = 1, requiresGrad: Bool = false,
    using generator: inout SplitMix64
  ) -> Tensor {
    Tensor(shape: shape, scalars: (0..<shape.product).map { _ in Scalar(mean + std * generator.nextNormal()) }, requiresGrad: requiresGrad)
  }

  /// Samples of U[low, high) drawn from `generator`, in row-major order.
  public static func uniform(
    _ shape: [Int], low: Double = 0, high: Double = 1, requiresGrad: Bool = false,
    using generator: inout SplitMix64
  ) -> Tensor {
    Tensor(shape: shape, scalars: (0..<shape.product).map { _ in Scalar(low + (high - low) * generator.nextUnit()) }, requiresGrad: requiresGrad)
  }
}
