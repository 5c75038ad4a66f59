import ArgumentParser
import Foundation

/// `workbench site`: builds the offline glossary site (entries, lessons with their plots, costs).
struct SiteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "site", abstract: "Build the offline glossary site with every lesson's plots.")
  @Option(help: ArgumentHelp("Where to write the site.", valueName: "dir")) var output = "output/site"
  @OptionGroup var glossary: GlossaryOptions
  @Option(help: ArgumentHelp("Where lesson outputs (<id>/metrics.json) are.", valueName: "dir")) var lessonsOutput = "output"
  @Option(help: ArgumentHelp("Where lesson narratives (<id>.md) are.", valueName: "dir")) var lessons = "lessons"
  @Flag(help: "Do not run lessons whose outputs are missing; list them instead.") var noRun = false

  func run() throws {
    try SiteBuild.run(output: output, glossary: glossary, lessonsOutput: lessonsOutput, lessons: lessons, runMissing: !noRun)
  }
}
