import Foundation
import Testing
@testable import WorkbenchFiles

/// The next run removes the temporaries a killed run left, and only those.
@Suite struct StaleTemporariesTests {
  @Test(arguments: [
    (".backprop.staging-123", "backprop", Int32(123)),
    (".checkpoint.safetensors.tmp-456-d1a8796cf5de616e", "checkpoint.safetensors", 456),
    (".site.partial-7", "site", 7),
    (".site.previous-8", "site", 8),
    (".backprop.old-9", "backprop", 9),
  ])
  func namesCarryTheirProcess(entry: String, name: String, pid: Int32) {
    #expect(StaleTemporaries.ownerProcess(of: entry, for: name) == pid)
    #expect(StaleTemporaries.ownerProcess(of: entry, for: nil) == pid)
    #expect(StaleTemporaries.ownerProcess(of: entry, for: "other") == nil)
  }

  @Test(arguments: ["backprop", ".workbench-site", ".backprop.staging-", ".backprop.staging-x1", "backprop.staging-12", ".gitkeep"])
  func otherNamesAreNotTemporaries(entry: String) {
    #expect(StaleTemporaries.ownerProcess(of: entry, for: nil) == nil)
  }

  @Test func removesOnlyTheDeadProcesses() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // A process id that cannot exist (above Linux's pid_max of 2²²), this process's own, and a live one (pid 1).
    let names = [".backprop.staging-99999999", ".backprop.staging-\(getpid())", ".backprop.staging-1", "backprop", ".other.tmp-99999999-ab"]
    for name in names { try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true) }
    #expect(StaleTemporaries.remove(in: folder, for: "backprop") == [".backprop.staging-99999999"])
    #expect(StaleTemporaries.remove(in: folder) == [".other.tmp-99999999-ab"])
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == [".backprop.staging-1", ".backprop.staging-\(getpid())", "backprop"].sorted())
  }

  @Test func folderSwapReplacesAndRemovesTheOld() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swap-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appendingPathComponent("out"), staging = folder.appendingPathComponent(".out.staging-1")
    for (url, text) in [(destination, "old"), (staging, "new")] {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url.appendingPathComponent("f"))
    }
    #expect(FolderSwap.replace(destination, with: staging, aside: folder.appendingPathComponent(".out.old-1")) == 0)
    #expect(try String(contentsOf: destination.appendingPathComponent("f"), encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"])
  }
}
