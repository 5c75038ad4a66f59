import Foundation
import Testing
@testable import GlossarySite

/// An entry file must be text of a sane size: a NUL byte or more than 1 MiB is refused with the line.
@Suite struct EntryTextLimitsTests {
  @Test func nulByteInFrontMatterIsReportedAtItsLine() {
    let data = Data("---\nterm: A\u{0}B\nsummary: s\n---\n".utf8)
    guard case let .failure(issue) = EntryText.decode(data, file: "a.md") else { Issue.record("a NUL byte was accepted"); return }
    #expect(issue.line == 2)
    #expect(issue.message == "file contains a NUL byte (byte offset 11)")
  }

  @Test func oversizedEntryIsRefused() {
    let data = Data(repeating: UInt8(ascii: "a"), count: EntryText.maximumByteCount + 1)
    guard case let .failure(issue) = EntryText.decode(data, file: "a.md") else { Issue.record("a 1 MiB entry was accepted"); return }
    #expect(issue.message == "file is 1048577 bytes, more than the limit of 1048576 bytes for an entry")
    guard case .success = EntryText.decode(Data("---\nterm: A\n---\n".utf8), file: "a.md") else { Issue.record("a valid entry was refused"); return }
  }
}
