import Foundation
import Testing

/// Runs the built `workbench` executable, to check what really reaches standard output, standard
/// error and the exit status (ArgumentParser's own printing included).
@Suite struct CostBinaryTests {
  /// The `workbench` binary next to the test bundle, or in the package's `.build/debug`.
  static let binary: URL? = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("workbench"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/workbench"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = Self.binary  // nil makes run() throw
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func printsAndExits() throws {
    let ok = try run(["cost", "train", "--params", "175B", "--tokens", "300B"])
    #expect(ok.status == 0 && ok.stderr.isEmpty)
    #expect(ok.stdout.contains("training compute C               3.15e23 FLOP\n"))

    let unknown = try run(["cost", "train", "--params", "7B", "--tokens", "1T", "--gpu", "h100"])
    #expect(unknown.status == 64 && unknown.stdout.isEmpty)
    #expect(unknown.stderr == "error: unknown GPU 'h100'; did you mean h100-sxm, h100-pcie, h800? (`workbench cost gpus` lists them all).\n")

    let zero = try run(["cost", "train", "--params", "0", "--tokens", "1T"])
    #expect(zero.status == 64)
    #expect(zero.stderr.hasPrefix("Error: --params must be greater than zero, got '0'.\n"))
  }
}
