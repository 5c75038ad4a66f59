import ArgumentParser
import Foundation
import Lessons
import WorkbenchFiles

/// `workbench lessons`: the table of lessons.
struct LessonsList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List the lessons: id, title, concept and estimated time.")

  func run() throws {
    let rows = LessonCatalog.all.map { [$0.id, $0.title, $0.concept, String(format: "~%.0f s", $0.estimatedSeconds)] }
    print(Table(headers: ["id", "title", "concept", "time"], rows: rows).text)
    print("\nRun one with `workbench run <id>`, or all of them with `workbench tour`.")
  }
}
