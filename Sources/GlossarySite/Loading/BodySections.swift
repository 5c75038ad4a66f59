import Foundation

/// Splits an entry's body into its `##` sections and checks them against the four required
/// ones (``GlossarySection/requiredTitles``), in order.
enum BodySections {
  /// The sections of `text`'s body, appending every problem found to `issues`.
  static func read(_ text: EntryText, file: String, issues: inout [GlossaryIssue]) -> [GlossarySection] {
    var sections: [GlossarySection] = []
    var current: (title: String, line: Int, lines: [Substring])?
    var fence: Substring?  // the marker of the open code fence, if inside one
    var reportedStrayText = false

    func finish() {
      guard let open = current else { return }
      var lines = open.lines
      while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
      while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
      sections.append(GlossarySection(title: open.title, markdown: lines.joined(separator: "\n"), line: open.line))
    }

    for (index, line) in text.bodyLines.enumerated() {
      let lineNumber = text.bodyFirstLine + index
      let trimmed = line.drop { $0 == " " }
      if let marker = fence {
        if trimmed.hasPrefix(marker) { fence = nil }
        current?.lines.append(line)
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = trimmed.prefix(3)
      } else if let level = headingLevel(line), level <= 2 {
        let title = headingText(line, level: level)
        if level == 1 {
          issues.append(GlossaryIssue(
            file: file, line: lineNumber, message: "level-1 heading '# \(title)' in the body",
            hint: "the term is the page title; use '##' for the four sections and '###' below them"))
          current?.lines.append(line)
          continue
        }
        finish()
        current = (title, lineNumber, [])
        continue
      }
      if current == nil {
        if !line.allSatisfy(\.isWhitespace), !reportedStrayText {
          reportedStrayText = true
          issues.append(GlossaryIssue(
            file: file, line: lineNumber, message: "text before the first section is not shown",
            hint: "move it under '## \(GlossarySection.requiredTitles[0])'"))
        }
        continue
      }
      current?.lines.append(line)
    }
    finish()
    checkOrder(sections, endLine: text.bodyFirstLine + text.bodyLines.count - 1, file: file, issues: &issues)
    return sections
  }

  /// Reports unknown, repeated, out-of-order, missing and empty sections.
  private static func checkOrder(_ sections: [GlossarySection], endLine: Int, file: String, issues: inout [GlossaryIssue]) {
    let required = GlossarySection.requiredTitles
    let order = "the sections are, in order: " + required.map { "'## \($0)'" }.joined(separator: ", ")
    var seen: Set<String> = []
    var lastIndex = -1
    for section in sections {
      guard let index = required.firstIndex(of: section.title) else {
        let close = Suggestions.hint(for: section.title, in: required).map { "\($0) " } ?? ""
        issues.append(GlossaryIssue(
          file: file, line: section.line, message: "unknown section '## \(section.title)'",
          hint: "\(close)\(order); use '###' for a sub-heading"))
        continue
      }
      if seen.contains(section.title) {
        issues.append(GlossaryIssue(
          file: file, line: section.line, message: "section '## \(section.title)' appears more than once",
          hint: "merge the two into one"))
        continue
      }
      seen.insert(section.title)
      if index < lastIndex {
        issues.append(GlossaryIssue(
          file: file, line: section.line, message: "section '## \(section.title)' is out of order", hint: order))
      }
      lastIndex = max(lastIndex, index)
      if section.markdown.allSatisfy(\.isWhitespace) {
        issues.append(GlossaryIssue(
          file: file, line: section.line, message: "section '## \(section.title)' is empty",
          hint: "write at least one paragraph under it"))
      }
    }
    for (index, title) in required.enumerated() where !seen.contains(title) {
      // Point at the next required section that is present, where the missing one belongs.
      let next = required[(index + 1)...].lazy.compactMap { later in sections.first { $0.title == later } }.first
      let place = index == 0 ? "at the start of the body" : "after '## \(required[index - 1])'"
      issues.append(GlossaryIssue(
        file: file, line: next?.line ?? max(endLine, 1), message: "missing section '## \(title)'",
        hint: "add it \(place)"))
    }
  }

  /// The level of an ATX heading line (`## Title` is 2), or `nil` for any other line.
  static func headingLevel(_ line: Substring) -> Int? {
    guard line.first == "#" else { return nil }
    let level = line.prefix { $0 == "#" }.count
    guard level <= 6 else { return nil }
    let rest = line.dropFirst(level)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    return level
  }

  /// The text of a heading line, without its `#` marks and optional closing `#`s.
  static func headingText(_ line: Substring, level: Int) -> String {
    var text = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
    while text.hasSuffix("#") { text.removeLast() }
    return text.trimmingCharacters(in: .whitespaces)
  }
}
