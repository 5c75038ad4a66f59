import ArgumentParser
import Foundation
import GlossarySite
import Testing
@testable import WorkbenchCommands

/// The glossary and site commands: argument parsing and exit codes.
@Suite struct GlossaryCommandTests {
  /// A glossary folder with one valid entry and, optionally, one whose related slug is broken.
  private func makeGlossary(broken: Bool) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossary-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    func entry(_ term: String, related: String) -> String {
      """
      ---
      term: \(term)
      summary: A sentence.
      category: Mechanics
      related: [\(related)]
      lessons: [backprop]
      ---

      ## In depth

      Text.

      ## Why it matters for a business

      Text.

      ## Example

      Text.

      ## Common questions

      Text.

      """
    }
    try entry("Gradient", related: "").write(to: folder.appendingPathComponent("gradient.md"), atomically: true, encoding: .utf8)
    if broken {
      try entry("Loss", related: "gradiant").write(to: folder.appendingPathComponent("loss.md"), atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test func glossaryWithoutSubcommandLists() throws {
    let command = try Workbench.parseAsRoot(["glossary", "--glossary", "somewhere"])
    #expect(command is GlossaryList)
    #expect((command as? GlossaryList)?.glossary.folder == "somewhere")
  }

  @Test func checkExitsWithBadDataOnErrors() throws {
    let folder = try makeGlossary(broken: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = try GlossaryCheck.parse(["--glossary", folder.path])
    #expect { try command.run() } throws: { error in
      (error as? WorkbenchFailure)?.exitCode == 65
    }
    let glossary = try GlossaryOptions.parse(["--glossary", folder.path]).load()
    #expect(glossary.issues.map(\.description) == ["\(folder.path)/loss.md:5: related slug 'gradiant' does not exist (did you mean 'gradient'?)"])
  }

  @Test func checkPassesOnAValidGlossary() throws {
    let folder = try makeGlossary(broken: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    try GlossaryCheck.parse(["--glossary", folder.path]).run()
  }

  @Test func showUnknownTermIsAUsageErrorWithASuggestion() throws {
    let folder = try makeGlossary(broken: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = try GlossaryShow.parse(["gradeint", "--glossary", folder.path])
    #expect { try command.run() } throws: { error in
      guard let failure = error as? WorkbenchFailure else { return false }
      return failure.exitCode == 64
        && failure.message == "No glossary entry is called 'gradeint' (did you mean 'Gradient'?); see `workbench glossary` for every term."
    }
  }

  @Test func searchWithoutWordsIsAUsageError() {
    #expect(throws: (any Error).self) { try GlossarySearchCommand.parse(["--", "--"]) }
  }

  @Test func missingGlossaryFolderIsMissingInput() {
    let command = try? GlossaryList.parse(["--glossary", "/nonexistent/glossary"])
    #expect { try command?.run() } throws: { error in
      WorkbenchFailure(classifying: error)?.exitCode == 66
    }
  }

  @Test func siteRefusesAGlossaryWithErrors() throws {
    let folder = try makeGlossary(broken: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("site")
    let command = try SiteCommand.parse(["--glossary", folder.path, "--output", output.path, "--no-run"])
    #expect { try command.run() } throws: { error in
      WorkbenchFailure(classifying: error)?.exitCode == 65
    }
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test func siteErrorsMapToExitCodes() {
    #expect(WorkbenchFailure(classifying: SiteError.cannotWrite(path: "x", reason: "y"))?.exitCode == 73)
    #expect(WorkbenchFailure(classifying: SiteError.badImage(path: "x", reason: "is missing"))?.exitCode == 66)
    #expect(WorkbenchFailure(classifying: SiteError.malformedLessonOutput(path: "x", reason: "y"))?.exitCode == 65)
  }

  @Test func knownLessonsAreTheSixContractIds() {
    #expect(KnownLessons.ids == ["training-loop", "backprop", "parameters", "pretrain-finetune", "rag-vs-finetune", "scaling", "preference-tuning"])
  }
}
