import Yams

/// The fields of an entry's front matter, read from YAML with the line of every key and list item.
struct FrontMatter {
  /// Every field the front matter may have.
  static let allowedFields = ["term", "aliases", "summary", "category", "related", "lessons", "figures"]
  /// The fields it must have.
  static let requiredFields = ["term", "summary", "category", "related", "lessons"]

  var term = ""
  var aliases: [String] = []
  var summary = ""
  var category = ""
  var related: [String] = []
  var lessons: [String] = []
  var figures: [String] = []
  var lines = GlossaryEntryLines()

  /// Reads the front matter of `text`, appending every problem found to `issues`.
  /// Returns `nil` when the YAML itself cannot be read (the issue says where).
  static func read(_ text: EntryText, file: String, issues: inout [GlossaryIssue]) -> FrontMatter? {
    var result = FrontMatter()
    result.lines.frontMatterEnd = text.frontMatterEndLine
    let offset = text.frontMatterFirstLine - 1  // YAML line 1 is this file line + 0

    let root: Node?
    do {
      root = try Yams.compose(yaml: text.frontMatter)
    } catch let error as YamlError {
      issues.append(issue(for: error, text: text, file: file))
      return nil
    } catch {
      issues.append(GlossaryIssue(file: file, line: text.frontMatterFirstLine, message: "front matter cannot be read: \(error)"))
      return nil
    }
    guard let root, let mapping = root.mapping else {
      issues.append(GlossaryIssue(
        file: file, line: text.frontMatterFirstLine,
        message: root == nil ? "front matter is empty" : "front matter is not a list of 'field: value' lines",
        hint: "write one 'field: value' per line: term, summary, category, related, lessons"))
      return nil
    }

    func line(_ node: Node) -> Int { (node.mark?.line ?? 1) + offset }

    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      let keyLine = line(keyNode)
      guard allowedFields.contains(key) else {
        let close = Suggestions.hint(for: key, in: allowedFields).map { "\($0) " } ?? ""
        issues.append(GlossaryIssue(
          file: file, line: keyLine, message: "unknown field '\(key)'",
          hint: "\(close)allowed fields: \(allowedFields.joined(separator: ", "))".trimmingCharacters(in: .whitespaces)))
        continue
      }
      result.lines.fields[key] = keyLine
      switch key {
      case "term": result.term = scalarText(of: value, field: key, line: keyLine, file: file, issues: &issues)
      case "summary": result.summary = scalarText(of: value, field: key, line: keyLine, file: file, issues: &issues)
      case "category":
        result.category = scalarText(of: value, field: key, line: keyLine, file: file, issues: &issues)
        let names = GlossaryCategory.allCases.map(\.name)
        if !result.category.isEmpty, !names.contains(result.category) {
          let close = Suggestions.hint(for: result.category, in: names).map { "\($0) " } ?? ""
          issues.append(GlossaryIssue(
            file: file, line: keyLine, message: "category '\(result.category)' is not one of the five categories",
            hint: "\(close)use one of: \(names.joined(separator: " | "))"))
        }
      case "aliases":
        (result.aliases, result.lines.aliases) = list(of: value, field: key, line: keyLine, nullIsEmpty: true, lineOf: line, file: file, issues: &issues)
      case "related":
        (result.related, result.lines.related) = list(of: value, field: key, line: keyLine, nullIsEmpty: false, lineOf: line, file: file, issues: &issues)
      case "figures":
        (result.figures, result.lines.figures) = list(of: value, field: key, line: keyLine, nullIsEmpty: true, lineOf: line, file: file, issues: &issues)
        for (figure, figureLine) in zip(result.figures, result.lines.figures) where !figure.lowercased().hasSuffix(".png") {
          issues.append(GlossaryIssue(
            file: file, line: figureLine, message: "figure '\(figure)' is not a .png file",
            hint: "list the PNG a measuring command drew, relative to this file, e.g. ../docs/images/name.png"))
        }
      default:  // lessons
        (result.lessons, result.lines.lessons) = list(of: value, field: key, line: keyLine, nullIsEmpty: false, lineOf: line, file: file, issues: &issues)
      }
    }
    for field in requiredFields where result.lines.fields[field] == nil {
      let example = field == "related" || field == "lessons" ? "[]" : "..."
      issues.append(GlossaryIssue(
        file: file, line: text.frontMatterEndLine, message: "missing required field '\(field)'",
        hint: "add '\(field): \(example)' before the closing '---'"))
    }
    return result
  }

  /// The text of a scalar field, or "" after reporting why it is not one.
  private static func scalarText(of node: Node, field: String, line: Int, file: String, issues: inout [GlossaryIssue]) -> String {
    guard let scalar = node.scalar else {
      issues.append(GlossaryIssue(
        file: file, line: line, message: "field '\(field)' must be text, not a \(node.sequence != nil ? "list" : "mapping")",
        hint: "write '\(field): ...' on one line"))
      return ""
    }
    let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    if value.isEmpty || node.null != nil {
      issues.append(GlossaryIssue(file: file, line: line, message: "field '\(field)' is empty", hint: "write its value after '\(field): '"))
      return ""
    }
    return value
  }

  /// The items of a list field and the line of each, or empty lists after reporting why it is not one.
  private static func list(
    of node: Node, field: String, line: Int, nullIsEmpty: Bool, lineOf: (Node) -> Int,
    file: String, issues: inout [GlossaryIssue]
  ) -> ([String], [Int]) {
    if node.null != nil, node.scalar != nil {
      if !nullIsEmpty {
        issues.append(GlossaryIssue(file: file, line: line, message: "field '\(field)' has no value", hint: "write '\(field): []' for none"))
      }
      return ([], [])
    }
    guard let sequence = node.sequence else {
      let shown = node.scalar?.string ?? "..."
      issues.append(GlossaryIssue(
        file: file, line: line, message: "field '\(field)' must be a list",
        hint: "write it as '\(field): [\(shown)]'"))
      return ([], [])
    }
    var items: [String] = []
    var lines: [Int] = []
    for item in sequence {
      let itemLine = lineOf(item)
      guard let scalar = item.scalar, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
        issues.append(GlossaryIssue(
          file: file, line: itemLine, message: "an item of '\(field)' is not a plain name",
          hint: "write the list as '\(field): [a, b]'"))
        continue
      }
      items.append(scalar.string.trimmingCharacters(in: .whitespaces))
      lines.append(itemLine)
    }
    return (items, lines)
  }

  /// An issue for a YAML error, at the file line the YAML parser points to.
  private static func issue(for error: YamlError, text: EntryText, file: String) -> GlossaryIssue {
    let offset = text.frontMatterFirstLine - 1
    let hint = "check the quoting: a value containing ': ' or '#', or starting with '[', '{', '*', '&' or a quote, must be in quotes"
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // The context (for example the start of an unclosed list or quote) is where the fix goes.
      let during = context.map { " (\($0.text) that starts on this line)" } ?? ""
      let line = context.map { min($0.mark.line, mark.line) } ?? mark.line
      return GlossaryIssue(
        file: file, line: line + offset, message: "front matter is not valid YAML: \(problem)\(during)", hint: hint)
    case .duplicatedKeysInMapping(let duplicates, _):
      let key = duplicates.sorted().first ?? ""
      // Yams points at the first occurrence; the second is the one to delete.
      let keyLines = text.frontMatter.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .filter { $0.element.hasPrefix("\(key):") || $0.element.hasPrefix("\(key) :") }
        .map { $0.offset + 1 + offset }
      return GlossaryIssue(
        file: file, line: keyLines.dropFirst().first ?? text.frontMatterFirstLine,
        message: "field '\(key)' appears more than once",
        hint: "keep one '\(key):' line" + (keyLines.first.map { "; the first is on line \($0)" } ?? ""))
    case .reader(let problem, let characterOffset, _, let yaml):
      var line = text.frontMatterFirstLine
      if let characterOffset {
        line += yaml.prefix(characterOffset).filter { $0 == "\n" }.count
      }
      return GlossaryIssue(file: file, line: line, message: "front matter cannot be read: \(problem)", hint: "remove control characters from the line")
    default:
      return GlossaryIssue(file: file, line: text.frontMatterFirstLine, message: "front matter cannot be read: \(error)")
    }
  }
}
