import ArgumentParser
import GlossarySite

/// `workbench glossary search <words>`: entries ranked by matches in term, aliases, summary and body.
struct GlossarySearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "search", abstract: "Find entries by words, best match first.")
  @Argument(help: "Words to look for.") var words: [String]
  @OptionGroup var glossary: GlossaryOptions

  func validate() throws {
    if words.allSatisfy({ $0.allSatisfy { !$0.isLetter && !$0.isNumber } }) {
      throw ValidationError("Give at least one word to search for, for example: workbench glossary search low rank.")
    }
  }

  func run() throws {
    let loaded = try glossary.loadWarningAboutErrors()
    let query = words.joined(separator: " ")
    print(GlossaryTerminalText.searchResults(loaded.search(query), query: query, width: Terminal.width), terminator: "")
  }
}
