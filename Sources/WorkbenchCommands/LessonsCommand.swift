import ArgumentParser
import Foundation
import Lessons

/// `workbench lessons`: the table of lessons.
struct LessonsList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List the lessons: id, title, concept and estimated time.")

  func run() throws {
    let rows = LessonCatalog.all.map { [$0.id, $0.title, $0.concept, String(format: "~%.0f s", $0.estimatedSeconds)] }
    print(TextTable.render(columns: ["id", "title", "concept", "time"], rows: rows))
    print("\nRun one with `workbench run <id>`, or all of them with `workbench tour`.")
  }
}

/// Options shared by `run` and `tour`.
struct LessonOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Seed of the run's random generator (a non-negative integer).") var seed: UInt64 = 1
  @Flag(help: "Smaller experiments that finish in seconds (used by the tests).") var quick = false
  @Option(help: "Folder for lesson outputs.") var output: String = "output"
  @Flag(help: "Print each lesson's result as JSON instead of text.") var json = false

  var outputURL: URL { URL(fileURLWithPath: output) }
}

/// `workbench run <id>…`: runs lessons and prints what they measured.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run one or more lessons and write their plots and metrics to output/<id>/.")

  @Argument(help: "Lesson ids (see `workbench lessons`).") var ids: [String]
  @OptionGroup var common: LessonOptions
  @Option(parsing: .unconditional, help: "Learning rate for lessons that take one.") var lr: Double?
  @Option(parsing: .unconditional, help: "Training steps for lessons that take them.") var steps: Int?
  @Option(name: .customLong("pretrain-steps"), parsing: .unconditional, help: "Pre-training steps (pretrain-finetune).") var pretrainSteps: Int?
  @Option(name: .customLong("finetune-steps"), parsing: .unconditional, help: "Fine-tuning steps (pretrain-finetune).") var finetuneSteps: Int?
  @Option(name: .customLong("lora-rank"), parsing: .unconditional, help: "LoRA rank (pretrain-finetune).") var loraRank: Int?
  @Option(parsing: .unconditional, help: "DPO β (preference-tuning).") var beta: Double?

  var parameters: LessonParameters {
    LessonParameters(learningRate: lr, steps: steps, pretrainSteps: pretrainSteps, finetuneSteps: finetuneSteps, loraRank: loraRank, beta: beta)
  }

  func validate() throws {
    if ids.isEmpty { throw ValidationError("Name at least one lesson; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).") }
    for id in ids where !LessonCatalog.ids.contains(id) {
      throw ValidationError("There is no lesson '\(id)'; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).")
    }
    if let lr, !(lr.isFinite && lr > 0) { throw ValidationError("--lr must be a positive finite number, got \(lr).") }
    for (flag, value) in [("--steps", steps), ("--pretrain-steps", pretrainSteps), ("--finetune-steps", finetuneSteps), ("--lora-rank", loraRank)] {
      if let value, value < 1 { throw ValidationError("\(flag) must be at least 1, got \(value).") }
    }
    if let beta, !(beta.isFinite && beta > 0) { throw ValidationError("--beta must be a positive finite number, got \(beta).") }
    for id in ids {
      let lesson = try LessonCatalog.lesson(id)
      if let refused = parameters.given.subtracting(lesson.acceptedParameters).first {
        let accepted = lesson.acceptedParameters.map(\.flag).sorted().joined(separator: ", ")
        throw ValidationError("Lesson '\(id)' does not take \(refused.flag) (it takes: \(accepted.isEmpty ? "none" : accepted)).")
      }
    }
  }

  func run() throws {
    let failed = try LessonPrinter.runAndPrint(ids: ids, options: common, parameters: parameters, reproduce: { id in
      (["workbench", "run", id, "--seed", "\(common.seed)"] + (common.quick ? ["--quick"] : []) + parameters.flags).joined(separator: " ")
    })
    if failed > 0 { throw ExitCode(WorkbenchFailure.checkFailed) }
  }
}

/// Runs lessons one after another and prints their results.
enum LessonPrinter {
  /// Returns the number of lessons with a failed claim.
  static func runAndPrint(ids: [String], options: LessonOptions, parameters: LessonParameters, reproduce: (String) -> String) throws -> Int {
    let runner = LessonRunner(outputRoot: options.outputURL)
    var failed = 0
    for id in ids {
      let lesson = try LessonCatalog.lesson(id)
      if !options.json { print("\n== \(lesson.title) (\(id)) ==\n\(lesson.summary)\n") }
      let start = Date()
      let result = try runner.run(
        lesson, seed: options.seed, quick: options.quick, parameters: parameters, command: reproduce(id),
        progress: options.json ? SilentProgress() : TerminalProgress())
      let seconds = Date().timeIntervalSince(start)
      if options.json {
        print(String(decoding: try ResultFiles.metricsJSON(result), as: UTF8.self), terminator: "")
      } else {
        print(render(result, seconds: seconds, folder: options.outputURL.appendingPathComponent(id).path))
      }
      if !result.allClaimsHold { failed += 1 }
    }
    return failed
  }

  static func render(_ result: LessonResult, seconds: Double, folder: String) -> String {
    var lines: [String] = []
    for note in result.notes { lines.append(note) }
    for table in result.tables {
      lines.append("\n\(table.title)")
      lines.append(TextTable.render(columns: table.columns, rows: table.rows))
    }
    if !result.metrics.isEmpty {
      lines.append("\nMeasured")
      lines.append(TextTable.render(columns: ["metric", "value", "unit"], rows: result.metrics.map { [$0.name, formatNumber($0.value), $0.unit] }))
    }
    lines.append("\nClaims")
    for claim in result.claims { lines.append("  \(claim.passed ? "✔" : "✘") \(claim.statement) — \(claim.detail)") }
    lines.append("\nWrote \(folder)/: " + (result.plots.map(\.file) + ["metrics.json", "history.csv"]).joined(separator: ", "))
    lines.append(String(format: "Finished in %.2f s. Reproduce: %@", seconds, result.command))
    return lines.joined(separator: "\n")
  }

  static func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    if abs(value) >= 1e5 || abs(value) < 1e-3 { return String(format: "%.4g", value) }
    return String(format: "%.4f", value)
  }
}

/// Plain-text tables with aligned columns.
enum TextTable {
  static func render(columns: [String], rows: [[String]]) -> String {
    var widths = columns.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return ([line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
  }
}
