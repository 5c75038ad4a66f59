/// The processes that train one model together, one copy of it each: MPI's ranks, started by
/// `mpirun` or Slurm's `srun`. Process `rank` (in `0..<size`) exchanges slices of `Float` buffers
/// with the others; both exchanges only move numbers, so their result never depends on the
/// network or on the order in which messages arrive.
public protocol ProcessGroup: AnyObject {
  /// This process's place in the group, 0 ..< `size`.
  var rank: Int { get }
  /// How many processes train together.
  var size: Int { get }
  /// All-to-all: `outgoing` is `size` consecutive slices of `counts[0]`, `counts[1]`, … elements, and
  /// slice `s` goes to rank `s`. Returns what every rank sent to this one: `size` slices of
  /// `counts[rank]` elements, in rank order.
  /// - Throws: `ProcessGroupError` when another process is gone or the exchange failed.
  func exchangeSlices(_ outgoing: [Float], counts: [Int]) throws -> [Float]
  /// All-gather: every rank contributes `own` (`counts[rank]` elements); returns all ranks'
  /// contributions one after the other in rank order (`counts.reduce(0, +)` elements).
  /// - Throws: `ProcessGroupError` when another process is gone or the exchange failed.
  func gatherSlices(_ own: [Float], counts: [Int]) throws -> [Float]
  /// Leaves the group at the end of a run (every rank calls it once).
  func finish()
  /// This process by itself, as a group of one on the same transport: the exchanges a run on one
  /// process makes. Leaving the group this came from leaves it too.
  /// - Throws: `ProcessGroupError` when the transport cannot make it.
  func alone() throws -> any ProcessGroup
}

extension ProcessGroup {
  /// Returns once every process of the group has called it (an all-gather of one number each).
  /// - Throws: `ProcessGroupError` when another process is gone or the exchange failed.
  public func barrier() throws {
    _ = try gatherSlices([Float(rank)], counts: [Int](repeating: 1, count: size))
  }
}

/// Why an exchange between the processes of a run failed.
public struct ProcessGroupError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The exchange that failed ("all-to-all", "all-gather").
  public let operation: String
  /// What the transport reported.
  public let reason: String

  public init(operation: String, reason: String) {
    self.operation = operation
    self.reason = reason
  }

  public var description: String {
    "Another process of this run stopped or cannot be reached (the \(operation) of the gradients failed: \(reason)); "
      + "the last checkpoint in the output folder still loads, and --resume continues from it with the same number of processes."
  }
}
