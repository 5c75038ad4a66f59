import Foundation
import Plotting
import Testing

@testable import Lessons
import WorkbenchFiles

/// Two quick runs of one lesson with the same seed, each published by `LessonRunner` into its own
/// temporary output folder: the first run's result for the claims, both folders for determinism.
struct QuickLessonRuns: Sendable {
  /// Why the runs could not be made (the lesson threw).
  struct Failure: Error, CustomStringConvertible, Sendable { let description: String }

  let result: RunResult
  /// The samples the first run reported as it went (phase and text), in order.
  let samples: [(phase: String, text: String)]
  /// `output/<id>/` of the first and of the second run.
  let firstFolder: URL
  let secondFolder: URL

  /// Runs `lesson` twice in quick mode with `seed`.
  static func make(_ lesson: any Lesson, seed: UInt64 = 1) -> Result<QuickLessonRuns, Failure> {
    do {
      var folders: [URL] = []
      var results: [RunResult] = []
      let recorder = SampleRecorder()
      for run in 0..<2 {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-test-\(UUID().uuidString)")
        let result = try LessonRunner(outputRoot: root).run(
          lesson, seed: seed, quick: true, command: "workbench run \(lesson.id) --seed \(seed) --quick",
          progress: run == 0 ? recorder : SilentProgress())
        results.append(result)
        folders.append(root.appendingPathComponent(lesson.id))
      }
      return .success(QuickLessonRuns(result: results[0], samples: recorder.samples, firstFolder: folders[0], secondFolder: folders[1]))
    } catch {
      return .failure(Failure(description: "\(lesson.id) failed: \(error)"))
    }
  }

  /// Runs `lesson` once in quick mode into a fresh temporary folder and returns its result.
  static func once(_ lesson: any Lesson, seed: UInt64, parameters: LessonParameters = .init()) throws -> RunResult {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    return try LessonRunner(outputRoot: root).run(
      lesson, seed: seed, quick: true, parameters: parameters, command: "workbench run \(lesson.id) --quick")
  }

  /// Every file name the first run published, sorted.
  func files() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: firstFolder.path).sorted()
  }

  /// Expects each plot to be listed, to decode as a PNG of the given size, and every published file
  /// except `timings.json` to be byte-identical between the two runs.
  func expectPlotsAndDeterminism(sizes: [String: (width: Int, height: Int)]) throws {
    #expect(Set(result.plots.map(\.file)) == Set(sizes.keys))
    for (file, size) in sizes {
      let image = try PNGFile.read(from: firstFolder.appendingPathComponent(file))
      #expect(image.width == size.width && image.height == size.height, "\(file) is \(image.width)×\(image.height)")
      #expect(Set(image.pixels).count > 2, "\(file) should not be blank")
    }
    let published = try files()
    #expect(published.contains("metrics.json") && published.contains("history.csv") && published.contains("timings.json"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: secondFolder.path).sorted() == published)
    for file in published where file != "timings.json" {
      let a = try Data(contentsOf: firstFolder.appendingPathComponent(file))
      let b = try Data(contentsOf: secondFolder.appendingPathComponent(file))
      #expect(a == b, "\(file) differs between two runs with the same seed")
    }
    // metrics.json reads back to the same result.
    let decoded = try RunFolder(firstFolder).readResult()
    #expect(decoded.metrics == result.metrics && decoded.claims == result.claims && decoded.tables == result.tables)
  }
}

/// Keeps the samples a lesson reports through its progress reporter.
final class SampleRecorder: ProgressReporter, @unchecked Sendable {
  private let lock = NSLock()
  private var kept: [(phase: String, text: String)] = []

  var samples: [(phase: String, text: String)] { lock.withLock { kept } }

  func report(phase: String, step: Int, total: Int, loss: Double?) {}
  func finish(phase: String, summary: String) {}
  func sampled(phase: String, step: Int?, text: String) { lock.withLock { kept.append((phase, text)) } }
}
