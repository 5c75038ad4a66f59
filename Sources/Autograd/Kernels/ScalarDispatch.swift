import Foundation

/// Runs each kernel as code specialised for `Float` or `Double`, even when the caller is
/// unspecialised generic code (a debug-built test calling `GPT<Float>`): generic code that does
/// arithmetic on `Scalar` pays a protocol call per operation, SIMD code on a generic scalar
/// about a hundred. A kernel's generic entry point checks the type once and calls its
/// implementation with concrete pointers, which the compiler specialises.
enum ScalarKind {
  case float, double, other

  /// The kind of `S`.
  @inline(__always)
  static func of<S: TensorScalar>(_: S.Type) -> ScalarKind {
    if S.self == Float.self { return .float }
    if S.self == Double.self { return .double }
    return .other
  }
}

extension Kernels {
  /// `p` seen as a pointer to `T`; only valid when `T` is the type `p` points to.
  @inline(__always)
  static func cast<S, T>(_ p: UnsafePointer<S>, _: T.Type) -> UnsafePointer<T> {
    UnsafeRawPointer(p).assumingMemoryBound(to: T.self)
  }

  /// `p` seen as a mutable pointer to `T`; only valid when `T` is the type `p` points to.
  @inline(__always)
  static func cast<S, T>(_ p: UnsafeMutablePointer<S>, _: T.Type) -> UnsafeMutablePointer<T> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: T.self)
  }

  /// `x` converted to `T`; only valid when `T` is the type of `x`.
  @inline(__always)
  static func cast<S: TensorScalar, T: TensorScalar>(_ x: S, _: T.Type) -> T {
    unsafeBitCast(x, to: T.self)
  }

  /// Number of threads the kernels split large work across (the machine's active cores).
  static let threadCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Runs `body(part)` for `part` in `0..<parts`, in parallel when `parts > 1`.
  /// Every part must write disjoint memory; results then do not depend on scheduling.
  static func parallelFor(_ parts: Int, _ body: (Int) -> Void) {
    if parts <= 1 {
      for part in 0..<Swift.max(parts, 0) { body(part) }
    } else {
      // The parts write disjoint memory through pointers the closure captures, which Swift cannot
      // prove safe to share; the box asserts it.
      // Worker threads run outside the caller's task: carry its kernel family over to them.
      let family = KernelFamily.override
      withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
          KernelFamily.$override.withValue(family) { shared.value(part) }
        }
      }
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

/// A value shared across threads by a kernel that guarantees the threads touch disjoint memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
