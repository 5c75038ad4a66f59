import Foundation
import Plotting
import Testing

/// The record a measuring command keeps beside its figure: written and read back, and what a broken
/// one reports.
@Suite struct FigureRecordTests {
  @Test func recordIsWrittenBesideTheFigureAndReadBack() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figure-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let png = folder.appendingPathComponent("step-split.png")
    #expect(FigureRecord.url(besides: png) == folder.appendingPathComponent("step-split.json"))
    let record = FigureRecord(
      caption: "One step, measured on 2026-12-07 on a CPU: 2(d − 1)/d × 498 MB.", alt: "Bars \"quoted\".",
      command: "mpirun -np 2 workbench bench data-parallel --figure step-split.png", measured: "2026-12-07", machine: "A CPU, avx2 kernels")
    try record.write(besides: png)
    #expect(try FigureRecord.read(besides: png) == record)
    // The file is the project's JSON: one member per line, in a fixed order.
    let text = try String(contentsOf: FigureRecord.url(besides: png), encoding: .utf8)
    #expect(text.hasPrefix("{\n  \"measured\": \"2026-12-07\",\n  \"machine\": \"A CPU, avx2 kernels\",\n"))
  }

  @Test func missingOrIncompleteRecordSaysWhat() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figure-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let png = folder.appendingPathComponent("a.png")
    #expect(throws: FigureRecord.ReadError(path: FigureRecord.url(besides: png).relativePath, reason: "is missing")) {
      try FigureRecord.read(besides: png)
    }
    try Data(#"{"measured": "2026-12-07", "machine": "m", "command": "c", "caption": ""}"#.utf8).write(to: FigureRecord.url(besides: png))
    #expect(throws: FigureRecord.ReadError(path: FigureRecord.url(besides: png).relativePath, reason: "has no text field \"caption\"")) {
      try FigureRecord.read(besides: png)
    }
    try Data("{not json".utf8).write(to: FigureRecord.url(besides: png))
    #expect { try FigureRecord.read(besides: png) } throws: { "\($0)".contains("is not JSON") }
  }
}
