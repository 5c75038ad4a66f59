import ArgumentParser
import Foundation
import GlossarySite

/// `--glossary DIR`: where the glossary entries are.
struct GlossaryOptions: ParsableArguments {
  @Option(name: .customLong("glossary"), help: ArgumentHelp("The glossary folder.", valueName: "dir"))
  var folder = "glossary"

  /// The loaded glossary (with its issues); throws only when the folder cannot be read.
  func load() throws -> Glossary {
    try GlossaryLoader.load(folder: URL(fileURLWithPath: folder), knownLessonIDs: KnownLessons.ids)
  }

  /// Loads, and warns on standard error when the glossary has errors (for the reading commands).
  func loadWarningAboutErrors() throws -> Glossary {
    let glossary = try load()
    let count = glossary.errors.count
    if count > 0 {
      Terminal.standardError("warning: the glossary has \(count) error\(count == 1 ? "" : "s"); see `workbench glossary check`.")
    }
    return glossary
  }
}

/// Output helpers for commands.
enum Terminal {
  /// The width to wrap text to: `$COLUMNS` when set (between 40 and 120), else 80.
  static var width: Int {
    guard let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) else { return 80 }
    return min(max(columns, 40), 120)
  }

  /// Writes a line to standard error.
  static func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
