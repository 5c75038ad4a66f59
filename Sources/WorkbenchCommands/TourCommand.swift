import ArgumentParser
import Foundation
import GlossarySite
import Lessons
import WorkbenchFiles

/// `workbench tour`: every lesson in teaching order, then the glossary site.
struct Tour: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every lesson in teaching order, then build the glossary site.")

  @OptionGroup var common: LessonOptions
  @OptionGroup var glossary: GlossaryOptions

  func run() throws {
    let start = Date()
    let site = common.outputURL.appendingPathComponent("site")
    if !common.json { try SiteBuilder.checkOutput(site) }
    var times: [(String, Double)] = []
    var failed = 0
    for id in LessonCatalog.ids {
      let lessonStart = Date()
      failed += try LessonPrinter.runAndPrint(ids: [id], options: common, parameters: .init())
      times.append((id, Date().timeIntervalSince(lessonStart)))
    }
    if !common.json {
      print("\nTour times")
      print(Table(headers: ["lesson", "seconds"], rows: times.map { [$0.0, String(format: "%.1f", $0.1)] }).text)
      print(String(format: "All lessons: %.1f s", Date().timeIntervalSince(start)))
    }
    if !common.json {
      print("\n== Glossary site ==")
      try SiteBuild.run(
        output: site.path, glossary: glossary,
        lessonsOutput: common.output, lessons: "lessons", runMissing: false)
      print(String(format: "Tour finished in %.1f s. Open %@/site/index.html in a browser.", Date().timeIntervalSince(start), common.output))
    }
    if failed > 0 { throw ExitCode(WorkbenchFailure.checkFailed) }
  }
}
