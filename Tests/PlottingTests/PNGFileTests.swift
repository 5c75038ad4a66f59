import Foundation
import Testing
@testable import Plotting

@Suite struct PNGFileTests {
  func sampleImage(width: Int = 7, height: Int = 5) -> RGBAImage {
    var rng = GalleryRandom(seed: 9)
    return RGBAImage(width: width, height: height, pixels: (0..<(width * height * 4)).map { _ in UInt8(rng.next() & 0xFF) })
  }

  @Test func roundTripKeepsEveryByteIncludingAlpha() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("random.png")
    let image = sampleImage()
    try PNGFile.write(image, to: url, metadata: nil)
    let decoded = try PNGFile.read(from: url)
    #expect(decoded == image)
  }

  @Test func textChunksCarryTitleSoftwareAndSource() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("meta.png")
    let metadata = PNGMetadata(
      title: "Loss vs step", software: "workbench 0.1.0", source: "workbench plots gallery --output 'my plots'")
    try PNGFile.write(sampleImage(), to: url, metadata: metadata)
    let chunks = pngChunks([UInt8](try Data(contentsOf: url)))
    #expect(chunks.first?.type == "IHDR")
    #expect(chunks.last?.type == "IEND")
    // IHDR: width 7, height 5, bit depth 8, colour type 6 (RGBA).
    let header = chunks[0].data
    #expect(header[3] == 7 && header[7] == 5 && header[8] == 8 && header[9] == 6)
    var texts: [String: String] = [:]
    for chunk in chunks where chunk.type == "tEXt" {
      let parts = chunk.data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
      texts[String(decoding: parts[0], as: UTF8.self)] = String(decoding: parts[1], as: UTF8.self)
    }
    #expect(texts["Title"] == "Loss vs step")
    #expect(texts["Software"] == "workbench 0.1.0")
    #expect(texts["Source"] == "workbench plots gallery --output 'my plots'")
    #expect(!chunks.contains { $0.type == "tIME" }, "no timestamp, so files are reproducible")
  }

  @Test func latin1TextIsStoredAsLatin1() throws {
    let bytes = try PNGFile.encode(sampleImage(), metadata: PNGMetadata(title: "x1·w1 ± 2 µs", software: "w", source: "s"))
    let chunk = try #require(pngChunks(bytes).first { $0.type == "tEXt" })
    let parts = chunk.data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    #expect(String(decoding: parts[0], as: UTF8.self) == "Title")
    #expect(String(parts[1].map { Character(Unicode.Scalar($0)) }) == "x1·w1 ± 2 µs")
  }

  @Test func textOutsideLatin1GoesIntoAnInternationalChunk() throws {
    let bytes = try PNGFile.encode(sampleImage(), metadata: PNGMetadata(title: "loss → 0 (μ ± σ)", software: "w", source: "s"))
    let chunks = pngChunks(bytes)
    let international = chunks.filter { $0.type == "iTXt" }
    #expect(international.count == 1)
    let data = try #require(international.first?.data)
    #expect(String(decoding: data, as: UTF8.self).hasPrefix("Title"))
    #expect(String(decoding: data, as: UTF8.self).hasSuffix("loss → 0 (μ ± σ)"))
  }

  @Test func writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("replace.png")
    try Data("old".utf8).write(to: url)
    try PNGFile.write(sampleImage(), to: url, metadata: nil)
    #expect(try PNGFile.read(from: url) == sampleImage())
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["replace.png"])
  }

  @Test func unwritableFolderIsATypedError() throws {
    let url = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/chart.png")
    #expect {
      try PNGFile.write(sampleImage(), to: url, metadata: nil)
    } throws: { error in
      guard case PlotError.outputNotWritable(let path, _) = error else { return false }
      return path == url.path
    }
    // A "folder" that is really a file.
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: file)
    #expect(throws: PlotError.self) {
      try PNGFile.write(sampleImage(), to: file.appendingPathComponent("chart.png"), metadata: nil)
    }
  }

  @Test func readingMissingOrCorruptFilesIsATypedError() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("missing.png")
    #expect(throws: PlotError.inputMissing(path: missing.path)) { try PNGFile.read(from: missing) }
    let corrupt = folder.appendingPathComponent("corrupt.png")
    try Data("not a png at all".utf8).write(to: corrupt)
    #expect {
      try PNGFile.read(from: corrupt)
    } throws: { error in
      if case PlotError.unreadableImage = error { return true }
      return false
    }
  }

  @Test func emptyImageCannotBeEncoded() {
    #expect(throws: PlotError.invalidSize(width: 0, height: 3)) {
      try PNGFile.encode(RGBAImage(width: 0, height: 3, pixels: []), metadata: nil)
    }
  }
}
