import Foundation

/// The text of an entry file split into its front matter and body, with the line numbers
/// needed to point messages at the right place. Lines are 1-based, as editors show them.
struct EntryText {
  /// The YAML between the two `---` lines.
  let frontMatter: String
  /// File line of the first front-matter line (the one after the opening `---`).
  let frontMatterFirstLine: Int
  /// File line of the closing `---`.
  let frontMatterEndLine: Int
  /// The lines after the closing `---`.
  let bodyLines: [Substring]
  /// File line of `bodyLines[0]`.
  let bodyFirstLine: Int

  /// Largest entry file read, in bytes (the longest entry today is under 10 kB).
  static let maximumByteCount = 1 << 20

  /// Decodes a file's bytes as UTF-8 text with `\n` line ends and no byte-order mark,
  /// or returns the issue that stops it (not UTF-8, empty).
  static func decode(_ data: Data, file: String) -> Result<String, GlossaryIssue> {
    guard data.count <= maximumByteCount else {
      return .failure(GlossaryIssue(
        file: file, line: 1, message: "file is \(data.count) bytes, more than the limit of \(maximumByteCount) bytes for an entry",
        hint: "an entry is a page of text; split it or move long material into a lesson"))
    }
    if let nul = data.firstIndex(of: 0) {
      let line = data[data.startIndex..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      return .failure(GlossaryIssue(
        file: file, line: line, message: "file contains a NUL byte (byte offset \(nul - data.startIndex))",
        hint: "an entry is UTF-8 text; remove the byte (the file may have been saved as UTF-16 or be binary)"))
    }
    guard var text = String(data: data, encoding: .utf8) else {
      let (line, offset, byte) = firstInvalidUTF8(in: data)
      return .failure(GlossaryIssue(
        file: file, line: line,
        message: "file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte offset \(offset))",
        hint: "save the file with UTF-8 encoding"))
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    text = text.replacingOccurrences(of: "\r\n", with: "\n")
    if text.allSatisfy(\.isWhitespace) {
      return .failure(GlossaryIssue(
        file: file, line: 1, message: "file is empty",
        hint: "start with a front matter block: '---', the fields term, summary, category, related, lessons, '---', then the four '##' sections"))
    }
    return .success(text)
  }

  /// Splits decoded text at its `---` lines, or returns the issue that stops it.
  static func split(_ text: String, file: String) -> Result<EntryText, GlossaryIssue> {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
      return .failure(GlossaryIssue(
        file: file, line: 1, message: "file does not start with a '---' front matter block",
        hint: "put the fields (term, summary, category, related, lessons) between two '---' lines at the top"))
    }
    guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" })
    else {
      return .failure(GlossaryIssue(
        file: file, line: 1, message: "front matter is not closed",
        hint: "add a line '---' after the last field"))
    }
    return .success(EntryText(
      frontMatter: lines[1..<closing].joined(separator: "\n"),
      frontMatterFirstLine: 2,
      frontMatterEndLine: closing + 1,
      bodyLines: Array(lines[(closing + 1)...]),
      bodyFirstLine: closing + 2))
  }

  /// The 1-based line, byte offset and value of the first byte that breaks UTF-8 decoding.
  static func firstInvalidUTF8(in data: Data) -> (line: Int, offset: Int, byte: UInt8) {
    var iterator = data.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var offset = 0
    var line = 1
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1, encoded.first == 0x0A { line += 1 }
        offset += encoded.count
      case .emptyInput:
        return (line, offset, 0)
      case .error:
        let byte = offset < data.count ? data[data.startIndex + offset] : 0
        return (line, offset, byte)
      }
    }
  }
}
