import ArgumentParser
import Foundation
import Lessons
import WorkbenchFiles

/// Runs lessons one after another and prints their results.
enum LessonPrinter {
  /// Returns the number of lessons with a failed claim.
  static func runAndPrint(ids: [String], options: LessonOptions, parameters: LessonParameters, events: Bool = false) throws -> Int {
    if events { EventLines.prepare() }
    let runner = LessonRunner(outputRoot: options.outputURL)
    var failed = 0
    for id in ids {
      let lesson = try LessonCatalog.lesson(id)
      if !options.json && !events { print("\n== \(lesson.title) (\(id)) ==\n\(lesson.summary)\n") }
      let progress: any ProgressReporter = events ? EventLines() : options.json ? SilentProgress() as any ProgressReporter : TerminalProgress()
      let start = Date()
      let result = try runner.run(
        lesson, seed: options.seed, quick: options.quick, parameters: parameters, command: options.reproduceCommand(id, parameters: parameters),
        progress: progress, log: options.logFormat)
      let seconds = Date().timeIntervalSince(start)
      // With events, each claim was written as it was checked.
      if !events && options.json {
        print(String(decoding: try RunFolder.metricsJSON(result), as: UTF8.self), terminator: "")
      } else if !events {
        print(render(result, seconds: seconds, folder: options.outputURL.appendingPathComponent(id).path))
      }
      if !result.allClaimsHold { failed += 1 }
    }
    return failed
  }

  static func render(_ result: RunResult, seconds: Double, folder: String) -> String {
    var lines: [String] = []
    for note in result.notes { lines.append(note) }
    for table in result.tables {
      lines.append("\n\(table.title)")
      lines.append(Table(headers: table.columns, rows: table.rows).text)
    }
    if !result.timings.isEmpty {
      lines.append("\nWall time on this machine (also in timings.json; never in metrics.json)")
      lines.append(Table(headers: ["phase", "seconds"], rows: result.timings.map { [$0.phase, String(format: "%.2f", $0.seconds)] }).text)
    }
    if !result.metrics.isEmpty {
      lines.append("\nMeasured")
      lines.append(Table(headers: ["metric", "value", "unit"], rows: result.metrics.map { [$0.name, formatNumber($0.value), $0.unit] }).text)
    }
    lines.append("\nClaims")
    for claim in result.claims { lines.append("  \(claim.passed ? "✔" : "✘") \(claim.statement) — \(claim.detail)") }
    lines.append("\nWrote \(folder)/: " + writtenFiles(folder: folder, result: result).joined(separator: ", "))
    lines.append(String(format: "Finished in %.2f s. Reproduce: %@", seconds, result.command))
    return lines.joined(separator: "\n")
  }

  /// Every file in the lesson's published folder (plots, films, checkpoints, texts, `metrics.json`…),
  /// sorted; the result's own list when the folder cannot be read.
  static func writtenFiles(folder: String, result: RunResult) -> [String] {
    if let files = try? FileManager.default.contentsOfDirectory(atPath: folder).filter({ !$0.hasPrefix(".") }), !files.isEmpty {
      return files.sorted()
    }
    return result.plots.map(\.file) + result.films.map(\.file) + ["metrics.json", "history.csv", "timings.json"]
  }

  static func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    if abs(value) >= 1e5 || abs(value) < 1e-3 { return String(format: "%.4g", value) }
    return String(format: "%.4f", value)
  }
}
