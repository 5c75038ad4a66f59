import ArgumentParser
import GlossarySite

/// `workbench glossary`: the glossary in the terminal (list, show, search) and its checker.
struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Plain-English definitions of AI training terms.",
    subcommands: [GlossaryList.self, GlossaryShow.self, GlossarySearchCommand.self, GlossaryCheck.self],
    defaultSubcommand: GlossaryList.self
  )
}

/// `workbench glossary [list]`: every term A–Z with its summary.
struct GlossaryList: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List every term A–Z with its summary.")
  @OptionGroup var glossary: GlossaryOptions

  func run() throws {
    let loaded = try glossary.loadWarningAboutErrors()
    print(GlossaryTerminalText.list(loaded.entries, width: Terminal.width), terminator: "")
  }
}
