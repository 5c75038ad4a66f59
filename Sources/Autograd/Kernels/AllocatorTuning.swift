#if canImport(Glibc)
  import Glibc
#endif

/// Keeps freed tensor memory inside the process between training steps (glibc only).
///
/// A training step allocates tens of megabytes of activations and gradients and frees them at
/// the end. With glibc's defaults, blocks above 128 KiB–32 MiB come straight from `mmap` and the
/// top of the heap is handed back to the kernel as soon as 128 KiB–64 MiB are free, so every step
/// pays for page faults and for the kernel zeroing the same pages again (a quarter of the time of
/// the `gpt-tiny` benchmark). Raising both thresholds makes `malloc` reuse that memory instead;
/// the cost is that up to `trimThreshold` bytes of freed memory stay reserved by the process.
public enum AllocatorTuning {
  /// Blocks up to this size come from the heap (glibc's upper limit for the setting).
  static let mmapThreshold: Int32 = 32 << 20
  /// Freed memory at the top of the heap is returned to the kernel only beyond this.
  static let trimThreshold: Int32 = 512 << 20

  /// Applies the settings for the whole process (idempotent); true when they took effect. Tensors
  /// apply them on first use; a program that allocates large buffers elsewhere (images) calls this
  /// at start-up.
  @discardableResult
  public static func apply() -> Bool { applied }

  /// Applies the settings once per process (first use); true when they took effect.
  static let applied: Bool = {
    #if canImport(Glibc)
      // `mallopt` lives in <malloc.h>, which the Glibc module does not import: look it up.
      guard let symbol = dlsym(nil, "mallopt") else { return false }
      let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
      let mmapThresholdOption: Int32 = -3, trimThresholdOption: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
      return mallopt(mmapThresholdOption, mmapThreshold) == 1 && mallopt(trimThresholdOption, trimThreshold) == 1
    #else
      return false
    #endif
  }()
}
