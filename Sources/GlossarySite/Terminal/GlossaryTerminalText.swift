import Foundation
import Plotting

/// The glossary as plain text for a terminal of a given width (in characters).
/// Every function returns the text with a trailing newline; the caller prints it.
public enum GlossaryTerminalText {
  /// The entries A–Z, one per row: the term, then its summary wrapped in an aligned column.
  public static func list(_ entries: [GlossaryEntry], width: Int = 80) -> String {
    guard !entries.isEmpty else { return "The glossary has no entries.\n" }
    let column = min(entries.map(\.term.count).max() ?? 0, 28) + 2
    var lines: [String] = []
    for entry in entries {
      let indent = String(repeating: " ", count: column)
      let summaryWidth = max(width, column + 20)
      if entry.term.count + 2 > column {
        lines.append(entry.term)
        lines += TextWrapping.wrap(entry.summary, width: summaryWidth, firstIndent: indent, indent: indent)
      } else {
        let first = entry.term.padding(toLength: column, withPad: " ", startingAt: 0)
        lines += TextWrapping.wrap(entry.summary, width: summaryWidth, firstIndent: first, indent: indent)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One entry, readable in a terminal: term, aliases, category, summary, the four sections as
  /// wrapped plain text, related terms, the commands that run its lessons, and its measured figures
  /// (the file, and the caption and command of the record beside it).
  /// `measured` fills the entry's ``MetricPlaceholder``s with the values of the lessons' last runs.
  public static func entry(
    _ entry: GlossaryEntry, in glossary: Glossary, width: Int = 80, measured: MeasuredValues = MeasuredValues(lessons: [:])
  ) -> String {
    var lines: [String] = [entry.term]
    if !entry.aliases.isEmpty { lines += TextWrapping.wrap("Also called: " + entry.aliases.joined(separator: ", "), width: width) }
    if !entry.category.isEmpty { lines.append("Category: \(entry.category)") }
    lines.append("")
    lines += TextWrapping.wrap(entry.summary, width: width)
    for section in entry.sections {
      lines += ["", section.title.uppercased()]
      lines += body(measured.fill(section.markdown, preferring: entry.lessons), width: width)
    }
    if !entry.related.isEmpty {
      lines += ["", "RELATED"]
      for slug in entry.related {
        let term = glossary.entry(slug: slug)?.term ?? slug
        lines.append("  \(term)  (workbench glossary show \(slug))")
      }
    }
    if !entry.lessons.isEmpty {
      lines += ["", "SEE IT TRAIN"]
      lines += entry.lessons.map { "  workbench run \($0)" }
    }
    if !entry.figures.isEmpty {
      lines += ["", "SEE IT MEASURED"]
      for figure in entry.figures {
        let file = entry.figureURL(figure)
        lines.append("  " + file.path)
        if let record = try? FigureRecord.read(besides: file) {
          lines += TextWrapping.wrap(record.caption, width: width - 4).map { "    " + $0 }
          lines.append("    Reproduce: " + record.command)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Search results, best first, in the same layout as ``list(_:width:)``.
  public static func searchResults(_ hits: [GlossarySearchHit], query: String, width: Int = 80) -> String {
    guard !hits.isEmpty else { return "No glossary entry matches '\(query)'.\n" }
    return list(hits.map(\.entry), width: width)
  }

  /// Markdown as indented, wrapped plain-text lines.
  static func body(_ markdown: String, width: Int) -> [String] {
    var lines: [String] = []
    for (index, block) in PlainTextMarkdown.blocks(markdown).enumerated() {
      switch block {
      case .paragraph(let text):
        if index > 0 { lines.append("") }
        lines += TextWrapping.wrap(text, width: width, firstIndent: "  ", indent: "  ")
      case .heading(let text):
        if index > 0 { lines.append("") }
        lines.append("  \(text)")
      case .item(let marker, let depth, let text):
        let indent = String(repeating: "  ", count: depth + 1)
        lines += TextWrapping.wrap(
          text, width: width, firstIndent: indent + marker + " ",
          indent: indent + String(repeating: " ", count: marker.count + 1))
      case .verbatim(let code):
        if index > 0 { lines.append("") }
        lines += code.map { "    " + $0 }
      }
    }
    return lines
  }
}
