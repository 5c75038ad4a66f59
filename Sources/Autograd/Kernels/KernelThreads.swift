import CKernels
import Foundation

/// How kernels share work across threads: every part writes disjoint memory and every output
/// element is summed in an order that does not depend on the split, so results do not depend on
/// the number of threads.
extension Kernels {
  /// Number of threads the kernels split large work across (the machine's active cores).
  static let threadCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Runs `body(part)` for `part` in `0..<parts`, in parallel when `parts > 1`: on the kernels'
  /// spinning worker threads (`wb_pool_run`), or through Dispatch when the pool is taken (another
  /// thread's job, or a part that itself asks for threads).
  /// Every part must write disjoint memory; results then do not depend on scheduling.
  static func parallelFor(_ parts: Int, _ body: (Int) -> Void) {
    if parts <= 1 {
      for part in 0..<Swift.max(parts, 0) { body(part) }
      return
    }
    // Worker threads run outside the caller's task: carry its kernel family over to them.
    let family = KernelFamily.override
    withoutActuallyEscaping(body) { body in
      var job = PoolJob(run: family == nil ? body : { part in KernelFamily.$override.withValue(family) { body(part) } })
      let ran = withUnsafeMutablePointer(to: &job) { pointer in
        wb_pool_run(parts, { context, part in context!.assumingMemoryBound(to: PoolJob.self).pointee.run(part) }, pointer)
      }
      if ran == 1 { return }
      // The parts write disjoint memory through pointers the closure captures, which Swift cannot
      // prove safe to share; the box asserts it.
      let shared = UncheckedSendable(job.run)
      DispatchQueue.concurrentPerform(iterations: parts) { part in shared.value(part) }
    }
  }

  /// Elementwise work below this many elements stays on one thread (starting threads costs
  /// microseconds, about as long as a pass over this many floats).
  static let parallelElementThreshold = 1 << 15

  /// Runs `body` over `0..<count` split into one contiguous range per thread (bounds multiples of
  /// `granule`), or over the whole range when `count · cost` is below the threshold. For kernels whose
  /// every output element is computed independently, so that results do not depend on the split.
  static func parallelRanges(_ count: Int, granule: Int = 8, cost: Int = 1, _ body: (Range<Int>) -> Void) {
    let parts = count * cost >= parallelElementThreshold ? Swift.min(threadCount, (count + granule - 1) / granule) : 1
    if parts <= 1 {
      if count > 0 { body(0..<count) }
      return
    }
    parallelFor(parts) { part in
      let range = share(count, parts: parts, part: part, granule: granule)
      if !range.isEmpty { body(range) }
    }
  }

  /// Splits `0..<count` into `parts` contiguous ranges whose bounds are multiples of `granule`
  /// (except the last), and returns range `part`.
  static func share(_ count: Int, parts: Int, part: Int, granule: Int = 1) -> Range<Int> {
    let units = (count + granule - 1) / granule
    let (base, extra) = units.quotientAndRemainder(dividingBy: parts)
    let first = part * base + Swift.min(part, extra)
    let length = base + (part < extra ? 1 : 0)
    return Swift.min(count, first * granule)..<Swift.min(count, (first + length) * granule)
  }
}

/// A split of `0..<count` for threads that claim parts in order as they come free (the pool's
/// `parallelFor`): each part is 1/(2·threads) of what the parts before it left, in whole granules
/// (at least one). The first parts are large, so there are few claims (about 2·threads·ln(count /
/// granule)); the last are one granule each, so the threads finish within one granule's time of
/// each other instead of one equal share's. One thread gets one part.
struct DecreasingShares {
  /// Part p is `bounds[p]..<bounds[p + 1]`; `bounds` starts at 0 and ends at `count`.
  let bounds: [Int]

  init(_ count: Int, threads: Int, granule: Int) {
    guard threads > 1 else {
      bounds = [0, count]
      return
    }
    let units = (count + granule - 1) / granule
    var bounds = [0], done = 0
    while done < units {
      done += Swift.max(1, (units - done) / (2 * threads))
      bounds.append(Swift.min(count, done * granule))
    }
    self.bounds = bounds
  }

  /// Number of parts.
  var count: Int { bounds.count - 1 }

  /// The range of part `part`.
  subscript(part: Int) -> Range<Int> { bounds[part]..<bounds[part + 1] }
}

/// The parts of one `parallelFor`, as the pool's C workers call them.
private struct PoolJob {
  let run: (Int) -> Void
}

/// A value shared across threads by a kernel that guarantees the threads touch disjoint memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
