import COpenMPI
import Foundation
import Training

/// The processes of an Open MPI job (`MPI_COMM_WORLD`, or `MPI_COMM_SELF` for ``alone()``) as a
/// `ProcessGroup`: the all-to-all is `MPI_Alltoallv`, the all-gather `MPI_Allgatherv`, both on `MPI_FLOAT`. Errors are returned, not
/// fatal (`MPI_ERRORS_RETURN`), and become `ProcessGroupError`s. While an exchange waits, the
/// processes of the group on this machine are watched: when one of them is gone (mpirun then ends
/// the others a second later), or the exchange has waited `timeout` seconds, this process prints
/// the group error's sentence and exits with 1.
public final class MPIProcessGroup: ProcessGroup {
  public let rank: Int
  public let size: Int
  /// Seconds an exchange may wait for the other processes before the job is ended.
  public let timeout: Double
  private let watchdog: ExchangeWatchdog
  /// `MPI_COMM_WORLD`, or `MPI_COMM_SELF` for a group of this process alone.
  private let communicator: MPI_Comm
  /// Whether `finish` ends MPI in this process (the world group only).
  private let endsMPI: Bool

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
    // Every rank's host name (hashed) and process id, to watch the processes on this machine.
    var hostname = [CChar](repeating: 0, count: 256)
    gethostname(&hostname, 255)
    var hash: UInt32 = 2_166_136_261
    for byte in hostname.prefix(while: { $0 != 0 }) { hash = (hash ^ UInt32(UInt8(bitPattern: byte))) &* 16_777_619 }
    let own: [Int32] = [Int32(bitPattern: hash), getpid()]
    var all = [Int32](repeating: 0, count: 2 * Int(size))
    try Self.check(MPI_Allgather(own, 2, workbench_mpi_int(), &all, 2, workbench_mpi_int(), workbench_mpi_comm_world()), operation: "start")
    let neighbours = (0..<Int(size)).filter { $0 != Int(rank) && all[2 * $0] == own[0] }.map { all[2 * $0 + 1] }
    watchdog = ExchangeWatchdog(timeout: timeout, neighbours: neighbours)
    communicator = workbench_mpi_comm_world()
    endsMPI = true
  }

  private init(alone timeout: Double) {
    rank = 0
    size = 1
    self.timeout = timeout
    watchdog = ExchangeWatchdog(timeout: timeout, neighbours: [])
    communicator = workbench_mpi_comm_self()
    endsMPI = false
  }

  public func alone() throws -> any ProcessGroup {
    try Self.check(MPI_Comm_set_errhandler(workbench_mpi_comm_self(), workbench_mpi_errors_return()), operation: "start")
    return MPIProcessGroup(alone: timeout)
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
          communicator), operation: "all-to-all")
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
          communicator), operation: "all-gather")
    }
    return all
  }

  public func finish() {
    if endsMPI { MPI_Finalize() }
  }


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

/// Ends the process when an exchange waits in vain: a process that died mid-step never sends its
/// slices, and MPI would wait for them for ever.
final class ExchangeWatchdog: @unchecked Sendable {
  /// Seconds an exchange may wait.
  let timeout: Double
  /// Process ids of the other ranks on this machine.
  let neighbours: [pid_t]
  private let lock = NSLock()
  private var generation = 0

  init(timeout: Double, neighbours: [pid_t]) {
    self.timeout = timeout
    self.neighbours = neighbours
  }

  /// Whether process `pid` has ended (gone, or a zombie its parent has not reaped yet).
  static func hasEnded(_ pid: pid_t) -> Bool {
    if kill(pid, 0) != 0 && errno == ESRCH { return true }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
  }

  /// Runs `exchange`; if, before it returns, another rank on this machine ends or `timeout` seconds
  /// pass, prints the sentence of a lost process to standard error and exits with 1.
  func guarding(_ operation: String, _ exchange: () throws -> Void) throws {
    // Open MPI's TCP transport ends the process itself when it finds a peer gone: look first.
    if let lost = neighbours.first(where: Self.hasEnded) {
      throw ProcessGroupError(operation: operation, reason: "the process \(lost) on this machine has ended")
    }
    let mine: Int = lock.withLock {
      generation += 1
      return generation
    }
    let started = Date()
    let check = { [timeout, neighbours] in
      while self.lock.withLock({ self.generation == mine }) {
        Thread.sleep(forTimeInterval: 0.02)
        let reason: String? =
          if let lost = neighbours.first(where: Self.hasEnded) {
            "the process \(lost) on this machine has ended"
          } else if Date().timeIntervalSince(started) >= timeout { "no answer within \(Int(timeout)) s" } else { nil }
        if let reason, self.lock.withLock({ self.generation == mine }) {
          let error = ProcessGroupError(operation: operation, reason: reason)
          FileHandle.standardError.write(Data((error.description + "\n").utf8))
          _exit(1)
        }
      }
    }
    let watcher = Watcher(check: check)
    Thread.detachNewThread { watcher.check() }
    defer { lock.withLock { generation += 1 } }
    try exchange()
  }
}

/// The watching closure, handed to its thread (it reads only the lock-guarded generation, the neighbours' process states and the clock).
private struct Watcher: @unchecked Sendable {
  let check: () -> Void
}
