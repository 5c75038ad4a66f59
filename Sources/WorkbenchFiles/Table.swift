import Foundation

/// A table of text cells under column headers, written as aligned plain text or as CSV.
///
/// Text output is a header line, a line of dashes as wide as each column, and one line per row;
/// columns are two spaces apart, each as wide as its widest cell (counted in characters), and
/// trailing spaces are dropped. A row may have fewer cells than there are columns.
public struct Table: Sendable {
  /// How a column lines up in text output.
  public enum Alignment: Sendable { case left, right }

  public var headers: [String]
  /// One per header; missing entries are `.left`.
  public var alignments: [Alignment]
  public var rows: [[String]]

  /// A table headed `headers`, with `rows` of cells and the columns lined up by `alignments`.
  public init(headers: [String], alignments: [Alignment] = [], rows: [[String]]) {
    self.headers = headers
    self.alignments = alignments
    self.rows = rows
  }

  /// The text lines: header, dashes, rows.
  public var textLines: [String] {
    var widths = headers.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
    }
    func format(_ cells: [String]) -> String {
      let padded = cells.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
        let alignment = column < alignments.count ? alignments[column] : .left
        return alignment == .right ? padding + cell : cell + padding
      }
      return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
    }
    return [format(headers), format(widths.map { String(repeating: "-", count: $0) })] + rows.map(format)
  }

  /// The text lines joined by line breaks, without a final one.
  public var text: String { textLines.joined(separator: "\n") }

  /// The table as CSV (RFC 4180): the headers, then the rows, each field quoted when it must be.
  public var csv: String {
    ([headers] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n")
  }

  /// RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.
  public static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
