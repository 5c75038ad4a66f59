import Foundation
import Lessons
import WorkbenchFiles
import NeuralNet
import Testing

/// SIGKILL at any moment: the real `workbench` process writing a lesson's outputs, the site, or a
/// training checkpoint is killed at several points; what was there before must still be there,
/// complete and readable, and the next run must leave no temporary file behind.
@Suite("KillBinary", .serialized)
struct KillBinaryTests {
  static let binary = CostBinaryTests.binary
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A fresh folder, removed when the fixture is released.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kill-binary-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
  }

  /// Runs `workbench arguments` to its end and returns its exit status.
  static func run(_ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = binary  // nil makes run() throw
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Starts `workbench arguments`, kills it with SIGKILL after `delay` seconds (or lets it end first),
  /// and returns whether the kill landed before the process ended.
  static func kill(_ arguments: [String], after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = binary  // nil makes run() throw
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    let killed = process.isRunning && Foundation.kill(process.processIdentifier, SIGKILL) == 0
    process.waitUntilExit()
    return killed && process.terminationReason == .uncaughtSignal
  }

  /// Every entry below `folder` (relative paths), to look for temporaries.
  static func entries(below folder: URL) -> [String] {
    (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
  }

  /// The entries that are temporaries of the workbench's atomic writers (`.name.tmp-…`, `.name.staging-…`, …).
  static func temporaries(below folder: URL) -> [String] {
    entries(below: folder).filter { path in
      let name = (path as NSString).lastPathComponent
      return name.hasPrefix(".") && StaleTemporaries.kinds.contains { name.contains(".\($0)-") }
    }
  }

  /// The lesson folder is complete: metrics.json decodes as the lesson's result, every plot it
  /// names is a PNG, history.csv and timings.json exist.
  static func expectCompleteLesson(_ folder: URL, id: String, _ comment: Comment) throws {
    let result = try JSONDecoder().decode(RunResult.self, from: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
    #expect(result.lesson == id, comment)
    #expect(!result.plots.isEmpty, comment)
    for plot in result.plots {
      let bytes = try Data(contentsOf: folder.appendingPathComponent(plot.file))
      #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(plot.file) \(comment)")
    }
    for name in ["history.csv", "timings.json"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) \(comment)")
    }
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func killedLessonKeepsThePreviousOutputs() throws {
    let f = try Folder()
    let arguments = ["run", "backprop", "--quick", "--output", f.url.path]
    #expect(try Self.run(arguments) == 0)
    let lesson = f.url.appendingPathComponent("backprop")
    try Self.expectCompleteLesson(lesson, id: "backprop", "after the first run")
    var kills = 0
    for delay in [0.05, 0.3, 0.8, 1.5, 2.5] {
      if try Self.kill(arguments, after: delay) { kills += 1 }
      try Self.expectCompleteLesson(lesson, id: "backprop", "after a kill at \(delay) s")
    }
    #expect(kills >= 2, "the lesson ended before most kills; the delays are too long for this machine")
    #expect(try Self.run(arguments) == 0)
    try Self.expectCompleteLesson(lesson, id: "backprop", "after the run that follows the kills")
    #expect(Self.temporaries(below: f.url) == [], "temporaries left after the next run")
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func killedSiteBuildKeepsThePreviousSite() throws {
    let f = try Folder()
    let site = f.url.appendingPathComponent("site")
    let arguments = [
      "site", "--output", site.path, "--lessons-output", f.path("lessons-output"), "--no-run",
      "--glossary", Self.repository.appendingPathComponent("glossary").path,
      "--lessons", Self.repository.appendingPathComponent("lessons").path,
    ]
    #expect(try Self.run(arguments) == 0)
    let before = Self.entries(below: site)
    let index = try Data(contentsOf: site.appendingPathComponent("index.html"))
    #expect(before.contains("index.html") && before.count > 20)
    var kills = 0
    for delay in [0.02, 0.1, 0.25, 0.5, 1.0] {
      if try Self.kill(arguments, after: delay) { kills += 1 }
      // Same inputs, so a build that finished is the same site; a killed one must have left the old one.
      #expect(Self.entries(below: site) == before, "after a kill at \(delay) s")
      #expect(try Data(contentsOf: site.appendingPathComponent("index.html")) == index, "after a kill at \(delay) s")
    }
    #expect(kills >= 2, "the site build ended before most kills; the delays are too long for this machine")
    #expect(try Self.run(arguments) == 0)
    #expect(Self.entries(below: site) == before)
    #expect(Self.temporaries(below: f.url) == [], "temporaries left after the next build")
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func killedTrainingLeavesNoTemporariesAfterResume() throws {
    let f = try Folder()
    let text = f.url.appendingPathComponent("text.txt")
    let words = ["the", "model", "reads", "a", "text", "and", "learns", "which", "letter", "comes", "next"]
    try Data((0..<2000).map { words[($0 * 7 + $0 / 3) % words.count] }.joined(separator: " ").utf8).write(to: text)
    let arguments = [
      "train", "--text", text.path, "--output", f.path("out"), "--layers", "1", "--d-model", "16", "--heads", "2",
      "--context", "16", "--batch", "2", "--steps", "400", "--eval-every", "1", "--sample-every", "0", "--seed", "3",
    ]
    var kills = 0
    for delay in [0.5, 0.9, 1.4] {
      // The first kill may land before anything is saved; later ones resume and save every step.
      let resume = FileManager.default.fileExists(atPath: f.path("out/training-state.safetensors"))
      if try Self.kill(resume ? ["train", "--resume", f.path("out")] : arguments, after: delay) { kills += 1 }
      if FileManager.default.fileExists(atPath: f.path("out/checkpoint.safetensors")) {
        _ = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("out/checkpoint.safetensors")))
      }
    }
    #expect(kills >= 2)
    let resumed = try Self.run(["train", "--resume", f.path("out")])
    #expect(resumed == 0)
    _ = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("out/checkpoint.safetensors")))
    #expect(Self.temporaries(below: f.url) == [], "temporaries left after the resumed run")
  }

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func killedPNGWriteLeavesNoTemporaryAfterTheNextRun() throws {
    let f = try Folder()
    let folder = f.url.appendingPathComponent("plots")
    // Each round renders a 2400 × 1600 chart and writes it over the same PNG, so a kill lands in
    // the middle of a write a good part of the time; kill until one has left a temporary behind.
    let arguments = ["plots", "bench", "--runs", "1000", "--output", folder.path]
    var leftBehind: [String] = []
    var kills = 0
    for attempt in 0..<40 where leftBehind.isEmpty {
      if try Self.kill(arguments, after: 0.4 + 0.023 * Double(attempt)) { kills += 1 }
      leftBehind = Self.entries(below: folder).filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
    }
    #expect(kills >= 1)
    #expect(leftBehind.count == 1 && leftBehind.allSatisfy { $0.hasPrefix(".plots-bench.png.tmp-") }, "\(leftBehind)")
    #expect(try Self.run(["plots", "bench", "--runs", "1", "--output", folder.path]) == 0)
    #expect(Self.entries(below: folder) == ["plots-bench.png"], "temporaries left after the next run")
    let bytes = try Data(contentsOf: folder.appendingPathComponent("plots-bench.png"))
    #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
  }
}
