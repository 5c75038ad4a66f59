import ArgumentParser
import Foundation
import GlossarySite

/// `workbench glossary check`: every problem in the glossary, each as `file:line: message (hint)`;
/// also the quoted values (`{{ metric NAME | DIGITS }}`) of the entries and of the lesson narratives,
/// against the metrics of the lessons in `--output`.
struct GlossaryCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check every entry and the links between them, and the quoted metrics of entries and narratives; exit 65 on errors.",
    discussion: """
      Narratives (lessons/*.md) and entries quote measured values by name, filled in from the lessons' \
      metrics.json: {{ metric NAME }}, {{ metric NAME | 2 }} (2 decimals), {{ metric NAME | 1% }} (a percentage), \
      and texts a run produced, such as a model's samples: {{ sample NAME }} or {{ sample NAME | 80 }} (its first 80 \
      characters). NAME is optionally qualified as lesson-id/NAME. A placeholder naming a metric or sample no run \
      lesson produces is an error, and so is a bare decimal number in a narrative with no source after it: a number \
      that depends on the run must be a placeholder.
      """)
  @OptionGroup var glossary: GlossaryOptions
  @Flag(help: "Treat warnings (such as one-way related links) as errors.") var strict = false
  @Option(help: ArgumentHelp("The lessons' output folder (metrics.json files).", valueName: "dir")) var output = "output"
  @Option(help: ArgumentHelp("The folder of lesson narratives.", valueName: "dir")) var lessons = "lessons"

  func run() throws {
    let loaded = try glossary.load()
    let measured = MeasuredValues.load(outputFolder: URL(fileURLWithPath: output), lessonIDs: KnownLessons.ids)
    var issues = loaded.issues
    for entry in loaded.entries {
      for section in entry.sections {
        issues += QuotedValueCheck.issues(
          in: section.markdown, file: entry.file, lessons: entry.lessons, measured: measured, narrative: false
        ).map {
          GlossaryIssue(file: $0.file, line: $0.line + section.line, message: $0.message, hint: $0.hint, severity: $0.severity)
        }
      }
    }
    for id in KnownLessons.ids {
      let path = lessons + "/" + id + ".md"
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      issues += QuotedValueCheck.issues(in: text, file: path, lessons: [id], measured: measured, narrative: true)
    }
    for issue in issues { print(issue) }
    let errorCount = issues.filter { $0.severity == .error }.count
    let warningCount = issues.count - errorCount
    let errors = errorCount + (strict ? warningCount : 0)
    let warnings = strict ? 0 : warningCount
    let entries = "\(loaded.entries.count) entr\(loaded.entries.count == 1 ? "y" : "ies")"
    if issues.isEmpty {
      print("\(entries), 0 problems")
      return
    }
    print("\(entries), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    if errors > 0 {
      throw WorkbenchFailure(
        "The glossary has \(errors) error\(errors == 1 ? "" : "s"); fix each line above and run `workbench glossary check` again.",
        exitCode: WorkbenchFailure.badData)
    }
  }
}
