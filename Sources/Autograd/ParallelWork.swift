/// Elementwise work shared out across the machine's cores (the optimizers' parameter updates use it).
public enum ParallelWork {
  /// Runs `body` over `0..<count`, split into one contiguous range per core (bounds multiples of
  /// `granule`) when `count · cost` is large enough to pay for starting threads, else in one call.
  /// `body` must compute every element independently and write only inside its range, so that the
  /// result does not depend on the split.
  public static func ranges(_ count: Int, granule: Int = 8, cost: Int = 1, _ body: (Range<Int>) -> Void) {
    Kernels.parallelRanges(count, granule: granule, cost: cost, body)
  }
}
