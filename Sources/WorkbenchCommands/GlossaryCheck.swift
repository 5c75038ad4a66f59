import ArgumentParser
import GlossarySite

/// `workbench glossary check`: every problem in the glossary, each as `file:line: message (hint)`.
struct GlossaryCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Check every entry and the links between them; exit 65 on errors.")
  @OptionGroup var glossary: GlossaryOptions
  @Flag(help: "Treat warnings (such as one-way related links) as errors.") var strict = false

  func run() throws {
    let loaded = try glossary.load()
    for issue in loaded.issues { print(issue) }
    let errors = loaded.errors.count + (strict ? loaded.warnings.count : 0)
    let warnings = strict ? 0 : loaded.warnings.count
    let entries = "\(loaded.entries.count) entr\(loaded.entries.count == 1 ? "y" : "ies")"
    if loaded.issues.isEmpty {
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
