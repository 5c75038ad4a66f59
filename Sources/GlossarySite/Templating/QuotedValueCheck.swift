import Foundation

/// The checks behind `glossary check` for text that quotes measurements: every ``MetricPlaceholder``
/// must parse and name a metric some lesson produced, and a lesson narrative should not hard-code a
/// decimal number (it drifts when the run changes) unless a source follows it.
public enum QuotedValueCheck {
  /// Issues in `text` (from `file`, whose own lessons are `lessons`), against the metrics of the lessons
  /// that have been run. A placeholder is an error when it cannot be parsed, or when its lesson (for a bare
  /// name: one of `lessons`, or any lesson when `lessons` is empty) has been run and no run lesson produced
  /// such a metric; a warning when no lesson it could name has been run yet. With `narrative`, a bare decimal number
  /// is an error too: a number that depends on the run must be a placeholder.
  public static func issues(
    in text: String, file: String, lessons: [String], measured: MeasuredValues, narrative: Bool
  ) -> [GlossaryIssue] {
    var issues: [GlossaryIssue] = []
    let scan = MetricPlaceholder.scan(text)
    for bad in scan.malformed {
      issues.append(GlossaryIssue(
        file: file, line: bad.line, message: "cannot read the placeholder \(bad.text)",
        hint: "write {{ metric NAME }}, {{ metric NAME | 2 }} (decimals), {{ metric NAME | 1% }} or {{ sample NAME | 80 }}, NAME being a metrics.json name, optionally lesson-id/NAME"))
    }
    for placeholder in scan.placeholders where !measured.resolves(placeholder, preferring: lessons) {
      let candidates = placeholder.lesson.map { [$0] } ?? lessons
      // A bare name in a text with its own lessons is checked once one of them has run; with no own
      // lessons, once any lesson has.
      let ran = candidates.isEmpty ? !measured.lessons.isEmpty : candidates.contains { measured.lessons[$0] != nil }
      if ran {
        issues.append(GlossaryIssue(
          file: file, line: placeholder.line, message: "\(placeholder.reference) names a \(placeholder.kind.rawValue) no lesson produces",
          hint: "use a name from a lesson's metrics.json, e.g. `grep '\"name\"' output/\(candidates.first ?? "<lesson>")/metrics.json`"))
      } else {
        issues.append(GlossaryIssue(
          file: file, line: placeholder.line,
          message: "\(placeholder.reference) cannot be checked: its lesson has not been run",
          hint: "run `workbench run \(candidates.first ?? "<lesson>") --quick` first", severity: .warning))
      }
    }
    if narrative {
      for (line, number) in bareDecimals(in: text) {
        issues.append(GlossaryIssue(
          file: file, line: line, message: "the decimal number \(number) is neither a placeholder nor followed by a source",
          hint: "quote the run with {{ metric NAME | DIGITS }}, or cite where the number comes from in the same sentence"))
      }
    }
    return issues
  }

  /// Decimal numbers (`0.7071`, `3.1`) outside placeholders, code and fenced blocks, with no source
  /// later in the same sentence (a year in parentheses, "et al.", "Table", "§", a link).
  static func bareDecimals(in text: String) -> [(line: Int, number: String)] {
    var found: [(Int, String)] = []
    var fence = false
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = rawLine.drop { $0 == " " }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle(); continue }
      if fence || trimmed.hasPrefix("    ") { continue }
      // Blank out placeholders and code spans, keeping positions.
      var chars = Array(String(rawLine))
      blank(&chars, from: "{{", to: "}}")
      blank(&chars, from: "`", to: "`")
      var position = 0
      while position < chars.count {
        guard chars[position].isASCII, chars[position].isNumber, position == 0 || !(chars[position - 1].isLetter || chars[position - 1].isNumber || chars[position - 1] == "." || chars[position - 1] == "_") else {
          position += 1
          continue
        }
        var end = position
        while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
        guard end + 1 < chars.count, chars[end] == ".", chars[end + 1].isASCII, chars[end + 1].isNumber else {
          position = end
          continue
        }
        end += 1
        while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
        let number = String(chars[position..<end])
        let rest = String(chars[end...]).replacingOccurrences(of: "et al.", with: "et al")
        let sentence = rest.split(separator: ". ", maxSplits: 1).first.map(String.init) ?? rest
        // A section, table or arXiv number (§2.1, Table 2.1, arXiv:2203.15556) is a reference, not a measurement.
        let before = String(chars[..<position]).trimmingCharacters(in: .whitespaces)
        let isReference = before.hasSuffix("§") || ["Table", "Figure", "Section", "Appendix", "Eq.", "arXiv:"].contains { before.hasSuffix($0) }
        if !isReference && !citesSource(sentence) { found.append((index + 1, number)) }
        position = end
      }
    }
    return found
  }

  private static func blank(_ chars: inout [Character], from open: String, to close: String) {
    let (o, c) = (Array(open), Array(close))
    var index = 0
    while index + o.count <= chars.count {
      if Array(chars[index..<index + o.count]) == o {
        var end = index + o.count
        while end + c.count <= chars.count, Array(chars[end..<end + c.count]) != c { end += 1 }
        let stop = min(chars.count, end + c.count)
        for k in index..<stop { chars[k] = " " }
        index = stop
      } else {
        index += 1
      }
    }
  }

  private static func citesSource(_ sentence: String) -> Bool {
    let markers = ["et al", "Table", "§", "http", "](", "arXiv", "paper", "Nature", "published"]
    if markers.contains(where: { sentence.contains($0) }) { return true }
    // A year such as 2020 or 1986 after the number.
    let digits = sentence.split { !$0.isNumber }
    return digits.contains { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) }
  }
}
