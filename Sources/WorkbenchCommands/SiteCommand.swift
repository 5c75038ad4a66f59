import ArgumentParser
import Foundation
import GlossarySite

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
    let loaded = try glossary.load()
    guard loaded.errors.isEmpty else {
      for issue in loaded.issues { Terminal.standardError(issue.description) }
      throw SiteError.glossaryHasErrors(count: loaded.errors.count)
    }
    let builder = SiteBuilder(
      glossary: loaded, lessonIDs: KnownLessons.ids,
      lessonOutputFolder: URL(fileURLWithPath: lessonsOutput),
      lessonNarrativeFolder: URL(fileURLWithPath: lessons),
      costPage: try KnownLessons.costPage(imageFolder: URL(fileURLWithPath: lessonsOutput).appendingPathComponent("cost")))
    let report = try builder.build(into: URL(fileURLWithPath: output), runLesson: noRun ? nil : KnownLessons.runner())
    for id in report.lessonsRun { print("Ran lesson \(id).") }
    print("Built \(output)/index.html: \(report.pageCount) pages, \(report.imageCount) plots.")
    if !report.lessonsMissing.isEmpty {
      print("Lessons not run yet (their pages say so); to add their plots, run:")
      for id in report.lessonsMissing { print("  workbench run \(id)") }
      print("then `workbench site` again.")
    }
  }
}
