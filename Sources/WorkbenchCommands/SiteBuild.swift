import Foundation
import GlossarySite
import Lessons
import WorkbenchFiles

/// Building the site from the command line: shared by `workbench site` and `workbench tour`.
enum SiteBuild {
  /// Loads and checks the glossary, runs lessons whose outputs are missing or stale (unless
  /// `runMissing` is false), builds the site into `output` and prints a summary.
  static func run(output: String, glossary: GlossaryOptions, lessonsOutput: String, lessons: String, runMissing: Bool) throws {
    let start = Date()
    try SiteBuilder.checkOutput(URL(fileURLWithPath: output))
    let loaded = try glossary.load()
    guard loaded.errors.isEmpty else {
      for issue in loaded.issues { Terminal.standardError(issue.description) }
      throw SiteError.glossaryHasErrors(count: loaded.errors.count)
    }
    let outputRoot = URL(fileURLWithPath: lessonsOutput)
    if runMissing {
      for id in LessonFreshness.staleLessons(in: outputRoot) where FileManager.default.fileExists(atPath: outputRoot.appendingPathComponent(id).path) {
        print("Output of lesson \(id) is stale; running it again.")
        try KnownLessons.run(id, outputRoot: outputRoot)
      }
    }
    let builder = SiteBuilder(
      glossary: loaded, lessonIDs: KnownLessons.ids,
      lessonOutputFolder: outputRoot,
      lessonNarrativeFolder: URL(fileURLWithPath: lessons),
      costPage: try KnownLessons.costPage(imageFolder: outputRoot.appendingPathComponent("cost")))
    let report = try builder.build(
      into: URL(fileURLWithPath: output),
      runLesson: runMissing ? { id in try KnownLessons.run(id, outputRoot: outputRoot) } : nil)
    for id in report.lessonsRun { print("Ran lesson \(id).") }
    print(String(format: "Built %@/index.html: %d pages, %d plots in %.2f s.", output, report.pageCount, report.imageCount, Date().timeIntervalSince(start)))
    if !report.lessonsMissing.isEmpty {
      print("Lessons not run yet (their pages say so); to add their plots, run:")
      for id in report.lessonsMissing { print("  workbench run \(id)") }
      print("then `workbench site` again.")
    }
  }
}

/// Whether a lesson's published output still matches the lesson that would produce it.
enum LessonFreshness {
  /// Ids of lessons whose `metrics.json` is missing, unreadable, names plots that are gone, or
  /// describes another version of the lesson (title or glossary terms changed).
  static func staleLessons(in outputRoot: URL) -> [String] {
    LessonCatalog.all.filter { lesson in
      let folder = outputRoot.appendingPathComponent(lesson.id)
      guard let result = try? RunFolder(folder).readResult() else { return true }
      if result.title != lesson.title || result.glossaryTerms != lesson.glossaryTerms { return true }
      return result.plots.contains { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.file).path) }
    }.map(\.id)
  }
}
