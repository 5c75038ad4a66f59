import Foundation
import Testing
@testable import WorkbenchFiles

/// The one atomic writer: a complete file or the old one, temporaries the cleanup recognises.
@Suite struct AtomicFileWriterTests {
  /// A fresh folder, removed when the fixture is released.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
  }

  @Test func writesAndReplacesAFileLeavingNothingElse() throws {
    let f = try Folder()
    let file = f.url.appendingPathComponent("metrics.json")
    try AtomicFile.write(Data("first".utf8), to: file)
    try AtomicFile.write([UInt8]("second, longer".utf8), to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == "second, longer")
    #expect(f.entries == ["metrics.json"])
  }

  @Test func theTemporaryIsNamedForTheCleanupAndTheOldFileStaysUntilCommit() throws {
    let f = try Folder()
    let file = f.url.appendingPathComponent("plot.png")
    try AtomicFile.write(Data("old".utf8), to: file)
    let writer = try AtomicFileWriter(destination: file)
    try writer.append(Data("new".utf8))
    let temporary = (writer.temporaryPath as NSString).lastPathComponent
    #expect(temporary.hasPrefix(".plot.png.tmp-\(getpid())-"))
    #expect(StaleTemporaries.ownerProcess(of: temporary, for: "plot.png") == getpid())
    #expect(try String(contentsOf: file, encoding: .utf8) == "old")
    try writer.commit()
    #expect(try String(contentsOf: file, encoding: .utf8) == "new")
    #expect(f.entries == ["plot.png"])
  }

  @Test func anAbandonedOrFailedWriteLeavesTheOldFile() throws {
    let f = try Folder()
    let file = f.url.appendingPathComponent("a.txt")
    try AtomicFile.write(Data("kept".utf8), to: file)
    do {
      let writer = try AtomicFileWriter(destination: file)
      try writer.append(Data("lost".utf8))
    }  // released without commit
    struct Refused: Error {}
    #expect(throws: Refused.self) { try AtomicFile.write(to: file) { () throws -> Data in throw Refused() } }
    #expect(try String(contentsOf: file, encoding: .utf8) == "kept")
    #expect(f.entries == ["a.txt"])
  }

  @Test func aMissingFolderIsNamedInTheError() throws {
    let f = try Folder()
    let file = f.url.appendingPathComponent("missing/a.txt")
    #expect(throws: FileWriteError(path: file.path, reason: "the folder \(f.url.path)/missing does not exist")) {
      try AtomicFile.write(Data("x".utf8), to: file)
    }
  }

  @Test(arguments: TemporaryKind.allCases)
  func everyKindOfSiblingIsRecognised(kind: TemporaryKind) {
    let destination = URL(fileURLWithPath: "/tmp/out/backprop")
    let sibling = kind.sibling(of: destination, suffix: kind == .tmp ? "9f" : nil)
    #expect(sibling.deletingLastPathComponent().path == "/tmp/out")
    #expect(StaleTemporaries.ownerProcess(of: sibling.lastPathComponent, for: "backprop") == getpid())
  }
}
