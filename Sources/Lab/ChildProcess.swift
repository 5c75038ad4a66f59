import Foundation

/// A child `workbench` process started with an argument list (never through a shell), whose
/// standard output is delivered line by line in order, followed by how it ended.
final class ChildProcess: @unchecked Sendable {
  /// What the child produced: a line of standard output, then its end.
  enum Output: Sendable {
    case line(String)
    /// `status` is the exit code, or the signal number when `signalled`; `errorText` is its standard error.
    case ended(status: Int32, signalled: Bool, errorText: String)
  }

  private let process = Process()
  /// Kept open while the child runs: the child stops when it reads end-of-file here (the lab ended).
  private let input = Pipe()
  /// The child's output, in order, ending with ``Output/ended(status:signalled:errorText:)``.
  let output: AsyncStream<Output>

  /// The child's process id.
  var processIdentifier: Int32 { process.processIdentifier }

  /// Starts `executable` with `arguments`.
  init(executable: URL, arguments: [String]) throws {
    process.executableURL = executable
    process.arguments = arguments
    let standardOutput = Pipe(), standardError = Pipe()
    process.standardInput = input
    process.standardOutput = standardOutput
    process.standardError = standardError
    let (stream, continuation) = AsyncStream<Output>.makeStream(bufferingPolicy: .unbounded)
    output = stream
    try process.run()
    let process = self.process
    let errorText = CollectedText()
    Thread { errorText.finish(String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)) }.start()
    Thread {
      var pending = Data()
      let reader = standardOutput.fileHandleForReading
      while true {
        let data = reader.availableData
        if data.isEmpty { break }
        pending.append(data)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
          continuation.yield(.line(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)))
          pending.removeSubrange(pending.startIndex...newline)
        }
      }
      if !pending.isEmpty { continuation.yield(.line(String(decoding: pending, as: UTF8.self))) }
      process.waitUntilExit()
      continuation.yield(.ended(
        status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, errorText: errorText.wait()))
      continuation.finish()
    }.start()
  }

  /// Sends `signal` (SIGINT to stop and save what it can, SIGKILL as a last resort).
  func send(_ signal: Int32) {
    if process.isRunning { kill(process.processIdentifier, signal) }
  }

  /// Whether the child is still running.
  var isRunning: Bool { process.isRunning }

  /// Runs `executable` with `arguments` to its end and returns its exit status, standard output and
  /// standard error; a child still running after `timeLimit` seconds is killed (SIGKILL).
  static func run(executable: URL, arguments: [String], timeLimit: Double? = nil) async throws -> (status: Int32, output: Data, errorText: String) {
    let child = try ChildProcess(executable: executable, arguments: arguments)
    if let timeLimit {
      Task {
        try? await Task.sleep(for: .seconds(timeLimit))
        child.send(SIGKILL)
      }
    }
    var lines: [String] = []
    for await item in child.output {
      switch item {
      case .line(let line): lines.append(line)
      case .ended(let status, let signalled, let errorText):
        return (signalled ? 128 + status : status, Data(lines.joined(separator: "\n").utf8), errorText)
      }
    }
    return (-1, Data(), "")
  }
}

/// A text one thread collects and another waits for (a child's standard error, complete when the child ends).
private final class CollectedText: @unchecked Sendable {
  private let condition = NSCondition()
  private var text: String?

  func finish(_ value: String) {
    condition.lock()
    text = value
    condition.broadcast()
    condition.unlock()
  }

  func wait() -> String {
    condition.lock()
    defer { condition.unlock() }
    while text == nil { condition.wait() }
    return text ?? ""
  }
}
