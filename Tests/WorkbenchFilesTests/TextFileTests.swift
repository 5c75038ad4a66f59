import Foundation
import Testing
import WorkbenchFiles

@Suite("TextFile")
struct TextFileTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("text-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  @Test("UTF-8 text is read with its bytes; a byte-order mark and CRLF are kept as they are")
  func readsText() throws {
    let path = try file("ok.txt", Array("héllo\r\nworld".utf8))
    let read = try TextFile.read(path)
    #expect(read.text == "héllo\r\nworld")
    #expect(read.data.count == 13)
    #expect(read.path == path)
  }

  @Test("Each refusal names the file: missing, a folder, too large, empty, a NUL byte, not UTF-8")
  func refusals() throws {
    let missing = folder.appendingPathComponent("none.txt").path
    #expect(throws: TextFileError.missing(path: missing)) { try TextFile.read(missing) }
    #expect(throws: TextFileError.unreadable(path: folder.path, reason: "it is a folder, not a file")) { try TextFile.read(folder.path) }
    let big = try file("big.txt", Array(repeating: 0x61, count: 11))
    #expect(throws: TextFileError.tooLarge(path: big, byteCount: 11, limit: 10)) { try TextFile.read(big, maximumByteCount: 10) }
    #expect(try TextFile.read(big, maximumByteCount: 11).text == String(repeating: "a", count: 11))
    let empty = try file("empty.txt", [])
    #expect(throws: TextFileError.empty(path: empty)) { try TextFile.read(empty) }
    let nul = try file("nul.txt", [0x61, 0x62, 0x00, 0x63])
    #expect(throws: TextFileError.notText(path: nul, reason: "it has a NUL byte at offset 2")) { try TextFile.read(nul) }
    let latin1 = try file("latin1.txt", [0x63, 0x61, 0x66, 0xE9])
    #expect(throws: TextFileError.notText(path: latin1, reason: "it is not valid UTF-8")) { try TextFile.read(latin1) }
    #expect(TextFileError.missing(path: missing).isMissing)
    #expect(!TextFileError.empty(path: empty).isMissing)
  }

  @Test("Bytes from elsewhere get the same checks as a file")
  func uploadedBytes() throws {
    #expect(throws: TextFileError.notText(path: "upload", reason: "it has a NUL byte at offset 0")) {
      try TextFile(path: "upload", data: Data([0, 1]))
    }
    #expect(try TextFile(path: "upload", data: Data("abc".utf8)).text == "abc")
  }
}
