import Foundation
import Testing

/// `workbench site` checks where it will write before any long work: a site can never go where a
/// file is, so the command refuses at once instead of running the missing lessons first.
@Suite("SiteBuildBinary")
struct SiteBuildBinaryTests {
  static let binary = CostBinaryTests.binary
  static let repository = KillBinaryTests.repository

  @Test(.enabled(if: binary != nil, "the workbench executable is built by `swift build` / `swift test`"))
  func anOutputThatIsAFileIsRefusedWithinASecond() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-output-\(UUID().uuidString)")
    let lessonsOutput = folder.appendingPathComponent("lessons-output")
    try FileManager.default.createDirectory(at: lessonsOutput, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("site.html")
    try Data("not a site\n".utf8).write(to: file)
    // No lesson has outputs yet, so a build that ran the missing lessons first would take minutes.
    let start = Date()
    let result = try CostBinaryTests().run([
      "site", "--output", file.path, "--lessons-output", lessonsOutput.path,
      "--glossary", Self.repository.appendingPathComponent("glossary").path,
      "--lessons", Self.repository.appendingPathComponent("lessons").path,
    ])
    let seconds = Date().timeIntervalSince(start)
    #expect(result.status == 73, "\(result.stderr)")
    #expect(seconds < 1, "refused after \(seconds) s")
    #expect(result.stderr.contains(file.path) && result.stderr.contains("will not be replaced"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: lessonsOutput.path) == [], "no lesson ran")
    #expect(try String(contentsOf: file, encoding: .utf8) == "not a site\n")
  }
}
