import COpenMPI
import Foundation
import Training

/// The processes of an Open MPI job (`MPI_COMM_WORLD`) as a `ProcessGroup`: the all-to-all is
/// `MPI_Alltoallv`, the all-gather `MPI_Allgatherv`, both on `MPI_FLOAT`. Errors are returned, not
/// fatal (`MPI_ERRORS_RETURN`), and become `ProcessGroupError`s; an exchange that waits longer than
/// `timeout` seconds for another process prints the group error's sentence and ends the job.
public final class MPIProcessGroup: ProcessGroup {
  public let rank: Int
  public let size: Int
  /// Seconds an exchange may wait for the other processes before the job is ended.
  public let timeout: Double
  private let watchdog: ExchangeWatchdog

  /// Initialises MPI (once per process) and joins `MPI_COMM_WORLD`.
  /// - Throws: `ProcessGroupError` when MPI cannot start.
  public init(timeout: Double = 120) throws {
    var provided: Int32 = 0
    try Self.check(MPI_Init_thread(nil, nil, Int32(MPI_THREAD_FUNNELED), &provided), operation: "start")
    try Self.check(MPI_Comm_set_errhandler(workbench_mpi_comm_world(), workbench_mpi_errors_return()), operation: "start")
    var rank: Int32 = 0, size: Int32 = 0
    try Self.check(MPI_Comm_rank(workbench_mpi_comm_world(), &rank), operation: "start")
    try Self.check(MPI_Comm_size(workbench_mpi_comm_world(), &size), operation: "start")
    self.rank = Int(rank)
    self.size = Int(size)
    self.timeout = timeout
    watchdog = ExchangeWatchdog(timeout: timeout)
  }

  public func exchangeSlices(_ outgoing: [Float], counts: [Int]) throws -> [Float] {
    precondition(counts.count == size && counts.reduce(0, +) == outgoing.count, "one slice per rank")
    let sendCounts = counts.map(Int32.init), sendOffsets = Self.offsets(counts)
    let own = counts[rank]
    let receiveCounts = [Int32](repeating: Int32(own), count: size)
    let receiveOffsets = (0..<size).map { Int32($0 * own) }
    var incoming = [Float](repeating: 0, count: own * size)
    try watchdog.guarding("all-to-all") {
      try Self.check(
        MPI_Alltoallv(
          outgoing, sendCounts, sendOffsets, workbench_mpi_float(), &incoming, receiveCounts, receiveOffsets, workbench_mpi_float(),
          workbench_mpi_comm_world()), operation: "all-to-all")
    }
    return incoming
  }

  public func gatherSlices(_ own: [Float], counts: [Int]) throws -> [Float] {
    precondition(counts.count == size && own.count == counts[rank], "this rank's slice")
    var all = [Float](repeating: 0, count: counts.reduce(0, +))
    try watchdog.guarding("all-gather") {
      try Self.check(
        MPI_Allgatherv(
          own, Int32(own.count), workbench_mpi_float(), &all, counts.map(Int32.init), Self.offsets(counts), workbench_mpi_float(),
          workbench_mpi_comm_world()), operation: "all-gather")
    }
    return all
  }

  public func finish() { MPI_Finalize() }

  private static func offsets(_ counts: [Int]) -> [Int32] {
    var offsets: [Int32] = [], total = 0
    for count in counts {
      offsets.append(Int32(total))
      total += count
    }
    return offsets
  }

  private static func check(_ code: Int32, operation: String) throws {
    guard code != workbench_mpi_success() else { return }
    var text = [CChar](repeating: 0, count: Int(workbench_mpi_max_error_string()) + 1)
    var length: Int32 = 0
    MPI_Error_string(code, &text, &length)
    throw ProcessGroupError(operation: operation, reason: String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }
}

/// Ends the job when an exchange waits longer than `timeout` seconds: a process that died mid-step
/// never sends its slices, and MPI would wait for them for ever.
final class ExchangeWatchdog: @unchecked Sendable {
  let timeout: Double
  private let lock = NSLock()
  private var generation = 0

  init(timeout: Double) { self.timeout = timeout }

  /// Runs `exchange`; if it has not returned after `timeout` seconds, prints the sentence of a lost
  /// process to standard error and aborts the MPI job (exit code 1).
  func guarding(_ operation: String, _ exchange: () throws -> Void) throws {
    let mine: Int = lock.withLock {
      generation += 1
      return generation
    }
    let timeout = timeout
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
      guard let self, self.lock.withLock({ self.generation == mine }) else { return }
      let error = ProcessGroupError(operation: operation, reason: "no answer within \(Int(timeout)) s")
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      MPI_Abort(workbench_mpi_comm_world(), 1)
    }
    defer { lock.withLock { generation += 1 } }
    try exchange()
  }
}
