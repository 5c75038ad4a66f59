/// Counts the floating-point operations performed by tensor operations, forward and
/// backward separately, so lessons can compare counted compute with the 6·N·D rule.
///
/// Conventions: a multiply-add counts 2 (so `matmul [m,k]×[k,n]` is 2·m·k·n), every other
/// elementwise arithmetic or elementary function counts 1 per element, and a reduction of
/// n elements counts n. Backward counts only the gradients actually computed (a frozen
/// input's gradient is skipped) plus the additions that accumulate gradients.
public final class FLOPCounter: @unchecked Sendable {
  /// Operations counted in forward passes.
  public private(set) var forward: Int = 0
  /// Operations counted in backward passes.
  public private(set) var backward: Int = 0
  /// Forward plus backward.
  public var total: Int { forward + backward }

  @TaskLocal static var current: FLOPCounter?

  public init() {}

  /// Runs `body` with this counter collecting every operation's FLOPs.
  public func counting<R>(_ body: () throws -> R) rethrows -> R {
    try Self.$current.withValue(self, operation: body)
  }

  /// Sets both counts to zero.
  public func reset() { forward = 0; backward = 0 }

  static func addForward(_ count: Int) { current?.forward += count }
  static func addBackward(_ count: Int) { current?.backward += count }
}
