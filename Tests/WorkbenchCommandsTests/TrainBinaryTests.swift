import Foundation
import NeuralNet
import Testing

/// The real `workbench train` process: Ctrl-C (SIGINT) between steps, then `--resume`, ends with the
/// same checkpoint bytes as an uninterrupted run; SIGKILL at any moment (saves included) leaves a
/// readable checkpoint and a state that resumes.
@Suite("TrainBinary", .serialized)
struct TrainBinaryTests {
  static let binary = CostBinaryTests.binary

  /// A folder with a text of about 20 kB (the project's own glossary wording is not needed: any prose).
  final class Fixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-binary-\(UUID().uuidString)")
    var text: String { folder.appendingPathComponent("text.txt").path }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    init() throws {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var generator = SplitMix64Lite(seed: 11)
      let words = ["the", "model", "reads", "a", "text", "and", "learns", "which", "letter", "comes", "next", "loss", "falls", "slowly"]
      var text = ""
      for index in 0..<3000 { text += words[Int(generator.next() % UInt64(words.count))] + (index % 12 == 11 ? ".\n" : " ") }
      try Data(text.utf8).write(to: URL(fileURLWithPath: self.text))
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
  }

  /// A tiny generator for the fixture text (the test does not depend on Autograd).
  struct SplitMix64Lite {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static func arguments(_ f: Fixture, output: String, steps: Int, evalEvery: Int) -> [String] {
    ["train", "--text", f.text, "--output", output, "--layers", "2", "--d-model", "32", "--heads", "2", "--context", "32",
     "--batch", "4", "--steps", "\(steps)", "--eval-every", "\(evalEvery)", "--sample-every", "0", "--seed", "5"]
  }

  /// Runs `workbench arguments` to its end, in `directory` when given; returns the exit status and standard output.
  static func run(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = Self.binary  // nil makes run() throw
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Starts `workbench arguments`, waits until its standard output contains `marker`, sends `signal`
  /// to that process, and returns its exit status (or the signal that ended it) and all its output.
  static func interrupt(_ arguments: [String], after marker: String, with signal: Int32, delay: Double = 0) throws
    -> (status: Int32, reason: Process.TerminationReason, stdout: String)
  {
    let process = Process()
    process.executableURL = Self.binary  // nil makes run() throw
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var seen = Data()
    var sent = false
    while true {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
      if !sent && String(decoding: seen, as: UTF8.self).contains(marker) {
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        kill(process.processIdentifier, signal)
        sent = true
      }
    }
    process.waitUntilExit()
    return (process.terminationStatus, process.terminationReason, String(decoding: seen, as: UTF8.self))
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func sigintThenResumeIsBitIdentical() throws {
    let f = try Fixture()
    let whole = try Self.run(Self.arguments(f, output: f.path("whole"), steps: 150, evalEvery: 5))
    #expect(whole.status == 0, "\(whole.stdout)")

    let stopped = try Self.interrupt(Self.arguments(f, output: f.path("parts"), steps: 150, evalEvery: 5), after: "step 10: validation", with: SIGINT)
    #expect(stopped.reason == .exit && stopped.status == 130, "\(stopped.stdout)")
    let line = try #require(stopped.stdout.split(separator: "\n").first { $0.hasPrefix("Stopped after step ") })
    let step = Int(line.dropFirst("Stopped after step ".count).prefix { $0.isNumber })!
    #expect(step >= 10 && step < 150, "\(line)")
    #expect(line.hasSuffix("Continue with: workbench train --resume \(f.path("parts"))"))
    // The stopped run's checkpoint is a usable model already.
    _ = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("parts/checkpoint.safetensors")))

    let resumed = try Self.run(["train", "--resume", f.path("parts")])
    #expect(resumed.status == 0, "\(resumed.stdout)")
    #expect(resumed.stdout.contains("resuming after step \(step)"))
    let a = try Data(contentsOf: URL(fileURLWithPath: f.path("whole/checkpoint.safetensors")))
    let b = try Data(contentsOf: URL(fileURLWithPath: f.path("parts/checkpoint.safetensors")))
    #expect(a == b, "the resumed run's weights differ from the uninterrupted run's")
    let historyA = try String(contentsOfFile: f.path("whole/history.csv"), encoding: .utf8)
    let historyB = try String(contentsOfFile: f.path("parts/history.csv"), encoding: .utf8)
    #expect(historyA == historyB)
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"), arguments: [0.0, 0.05, 0.13, 0.31])
  func sigkillLeavesAReadableCheckpoint(delay: Double) throws {
    let f = try Fixture()
    // A save after every step, so that the kill often lands inside one.
    let killed = try Self.interrupt(Self.arguments(f, output: f.path("out"), steps: 40, evalEvery: 1), after: "step 3: validation", with: SIGKILL, delay: delay)
    #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL)
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("out/checkpoint.safetensors")))
    let trained = Int(loaded.metadata["trained_steps"] ?? "") ?? -1
    // The kill may land before the save of step 3 finishes: then the checkpoint of step 2 is the one kept.
    #expect(trained >= 2)
    // The training state is readable too, and the run continues from it.
    let resumed = try Self.run(["train", "--resume", f.path("out")])
    #expect(resumed.status == 0)
    #expect(resumed.stdout.contains("resuming after step "))
  }
}
