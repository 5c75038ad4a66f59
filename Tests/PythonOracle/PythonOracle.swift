import Foundation

/// Runs the Python scripts that serve the tests as independent oracles (PyTorch, transformers, PEFT,
/// safetensors, TensorBoard, DeepSpeed, Pillow…) and hands back what they found.
///
/// A script writes its result to the file named by the environment variable `ORACLE_RESULT`
/// (with `write_result` of `Tests/Fixtures/oracle_result.py`, importable from every script run
/// here), never to standard output:
/// libraries print there as they please (DeepSpeed's accelerator warning, once `accelerate` is
/// installed, comes on standard output when transformers loads a model), and the result must not
/// depend on them. Standard output and standard error go to a log that a failure quotes.
public enum PythonOracle {
  /// The interpreter: the package's provisioned `.build/python-venv/bin/python3` when it exists
  /// (scripts/test makes it), else `python3` on the PATH.
  public static let interpreter: [String] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let venv = root.appendingPathComponent(".build/python-venv/bin/python3").path
    return FileManager.default.isExecutableFile(atPath: venv) ? [venv] : ["/usr/bin/env", "python3"]
  }()

  /// The folder of the fixture scripts, `Tests/Fixtures`.
  public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// A script that failed: its exit status and the end of what it printed.
  public struct Failure: Error, CustomStringConvertible {
    public let status: Int32
    public let log: String
    public let script: String
    public var description: String { "python3 \(script) exited with \(status): \(log)" }
  }

  /// Runs `python3 arguments…` and returns the bytes the script wrote to `ORACLE_RESULT`.
  /// - Throws: `Failure` when it exits with another status than 0 or writes no result.
  public static func run(_ arguments: [String]) throws -> Data {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("python-oracle-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = folder.appendingPathComponent("result")
    let log = folder.appendingPathComponent("log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: interpreter[0])
    process.arguments = Array(interpreter.dropFirst()) + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["ORACLE_RESULT"] = result.path
    // `from oracle_result import write_result` works in every script, `-c` ones included.
    environment["PYTHONPATH"] = ([fixtures.path] + [environment["PYTHONPATH"]].compactMap { $0 }).joined(separator: ":")
    environment["PYTHONDONTWRITEBYTECODE"] = "1"  // no __pycache__ folders in the source tree
    process.environment = environment
    let output = try FileHandle(forWritingTo: log)
    defer { try? output.close() }
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let script = arguments.first == "-c" ? "-c" : (arguments.first ?? "")
    func failure() -> Failure {
      let printed = (try? Data(contentsOf: log)) ?? Data()
      return Failure(status: process.terminationStatus, log: String(decoding: printed.suffix(2000), as: UTF8.self), script: script)
    }
    guard process.terminationStatus == 0, let data = try? Data(contentsOf: result) else { throw failure() }
    return data
  }

  /// Runs the script `source` (`python3 -c source arguments…`) and returns what it wrote to `ORACLE_RESULT`.
  public static func run(source: String, arguments: [String] = []) throws -> Data {
    try run(["-c", source] + arguments)
  }

  /// Runs a script of `Tests/Fixtures` with `arguments` and returns what it wrote to `ORACLE_RESULT`.
  public static func runFixture(_ name: String, _ arguments: [String]) throws -> Data {
    try run([fixtures.appendingPathComponent(name).path] + arguments)
  }
}
