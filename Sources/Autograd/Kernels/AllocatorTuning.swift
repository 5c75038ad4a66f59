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
///
/// Blocks above glibc's largest mmap threshold (32 MiB: at GPT-2's size the logits, their softmax
/// and gradients, 100 MB each) would still come from `mmap` and go back on `free`, and the kernel's
/// zeroing of their fresh pages was 15.6% of the CPU time of the `gpt2-124m-lora` benchmark. So
/// `mmap` is not used for blocks at all (`M_MMAP_MAX` = 0): every block comes from the heap, whose
/// freed memory is reused (clear_page 0.65% after; peak resident memory of `gpt2-124m` unchanged).
///
/// Full training of GPT-2 124M frees more than 512 MiB at the end of each step (activations and
/// their gradients), so a 512 MiB trim threshold still handed that memory back and took it again
/// as 140,000 page faults per 4.7 s step; the threshold is now glibc's largest (2 GiB), and after
/// the second step there are none. Peak memory is unchanged; memory the process has once used
/// stays reserved until it exits.
public enum AllocatorTuning {
  /// Blocks up to this size come from the heap (glibc's upper limit for the setting).
  static let mmapThreshold: Int32 = 32 << 20
  /// Freed memory at the top of the heap is returned to the kernel only beyond this (2 GiB).
  static let trimThreshold: Int32 = .max
  /// How many blocks may come from `mmap` at once: none.
  static let mmapMaximum: Int32 = 0

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
      // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_MMAP_MAX
      let mmapThresholdOption: Int32 = -3, trimThresholdOption: Int32 = -1, mmapMaximumOption: Int32 = -4
      return mallopt(mmapThresholdOption, mmapThreshold) == 1 && mallopt(trimThresholdOption, trimThreshold) == 1
        && mallopt(mmapMaximumOption, mmapMaximum) == 1
    #else
      return false
    #endif
  }()
}
