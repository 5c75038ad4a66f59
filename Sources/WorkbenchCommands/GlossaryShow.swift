import ArgumentParser
import Foundation
import GlossarySite

/// `workbench glossary show <term>`: one entry, readable in the terminal.
struct GlossaryShow: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one entry, found by term, alias or slug.")
  @Argument(help: "The term, an alias, or the slug (for example: lora).") var name: [String]
  @OptionGroup var glossary: GlossaryOptions
  @Option(help: ArgumentHelp("The lessons' output folder, whose metrics.json files fill the quoted values.", valueName: "dir"))
  var output = "output"

  func run() throws {
    let loaded = try glossary.loadWarningAboutErrors()
    let wanted = name.joined(separator: " ")
    guard let entry = loaded.entry(named: wanted) else {
      let close = loaded.suggestions(for: wanted)
      let hint = close.isEmpty ? "" : " (did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?)"
      throw WorkbenchFailure(
        "No glossary entry is called '\(wanted)'\(hint); see `workbench glossary` for every term.",
        exitCode: WorkbenchFailure.usage)
    }
    let measured = MeasuredValues.load(outputFolder: URL(fileURLWithPath: output), lessonIDs: KnownLessons.ids)
    print(GlossaryTerminalText.entry(entry, in: loaded, width: Terminal.width, measured: measured), terminator: "")
  }
}
