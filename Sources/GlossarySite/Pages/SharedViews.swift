import Foundation

/// Pieces that several pages use: figures with reproduce commands, tables, term lists.
enum SharedViews {
  /// A plot with its caption, alt text and the command that reproduces it; the image links to the
  /// PNG at full size. A wide image (a diagram more than 2.4 times as wide as tall) may use the page's
  /// whole width instead of the figure column, so that its text stays legible.
  static func figure(src: String, size: PNGSize?, title: String?, caption: String, alt: String, command: String?, id: String? = nil) -> HTMLNode {
    let wide = size.map { $0.width > 1400 && Double($0.width) > 2.4 * Double($0.height) } ?? false
    return .element("figure", ["id": id, "class": wide ? "wide" : nil]) {
      HTMLNode.element("a", ["href": src, "class": "full-size", "title": "Open the full-size image"]) {
        HTMLNode.void("img", [
          "src": src, "alt": alt,
          "width": size.map { String($0.width) }, "height": size.map { String($0.height) },
          "loading": "lazy",
        ])
      }
      HTMLNode.element("figcaption") {
        if let title { HTMLNode.element("strong") { title + "." } }
        if !caption.isEmpty {
          " "
          codeSpans(caption)
        }
        if let command {
          HTMLNode.element("span", ["class": "reproduce"]) {
            "Reproduce: "
            HTMLNode.element("code") { command }
          }
        }
      }
    }
  }

  /// A table of strings in its own horizontally scrolling container.
  static func table(_ table: SiteTable, caption: Bool = false) -> HTMLNode {
    .element("div", ["class": "table-scroll", "role": "region", "aria-label": table.title, "tabindex": "0"]) {
      HTMLNode.element("table") {
        if caption { HTMLNode.element("caption") { table.title } }
        HTMLNode.element("thead") {
          HTMLNode.element("tr") {
            for column in table.columns { HTMLNode.element("th", ["scope": "col"]) { column } }
          }
        }
        HTMLNode.element("tbody") {
          for row in table.rows {
            HTMLNode.element("tr") {
              for cell in row { HTMLNode.element("td", ["class": looksNumeric(cell) ? "num" : nil]) { cell } }
            }
          }
        }
      }
    }
  }

  /// A list of entries: each term links to its page, with its summary below.
  static func termList(_ entries: [GlossaryEntry], root: String) -> HTMLNode {
    .element("ul", ["class": "term-list"]) {
      for entry in entries {
        HTMLNode.element("li") {
          HTMLNode.element("a", ["href": root + SitePaths.entry(entry.slug)]) { entry.term }
          HTMLNode.element("span", ["class": "summary"]) { entry.summary }
        }
      }
    }
  }

  /// `text` with each `` `…` `` span as a `code` element (an unpaired backtick stays as it is).
  static func codeSpans(_ text: String) -> [HTMLNode] {
    let parts = text.split(separator: "`", omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return [.text(text)] }
    var nodes: [HTMLNode] = []
    for (index, part) in parts.enumerated() {
      let isCode = index % 2 == 1 && index < parts.count - 1
      if isCode {
        nodes.append(.element("code") { String(part) })
      } else if index % 2 == 1 {
        nodes.append(.text("`" + part))  // the unpaired last backtick
      } else if !part.isEmpty {
        nodes.append(.text(String(part)))
      }
    }
    return nodes
  }

  /// A duration for people: "1 second", "5 seconds", "2 minutes", "1.5 hours".
  static func duration(seconds: Double) -> String {
    if seconds < 90 { return Int(seconds.rounded()) == 1 ? "1 second" : "\(Int(seconds.rounded())) seconds" }
    if seconds < 90 * 60 { return "\(Int((seconds / 60).rounded())) minutes" }
    return String(format: "%.1f hours", seconds / 3600)
  }

  /// A lesson's command line, for pages that tell the reader to run it.
  static func runCommand(_ lessonID: String) -> String { "workbench run \(lessonID)" }

  /// A metric value for people: integers without decimals, others to 6 significant digits.
  static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.6g", value)
  }

  private static func looksNumeric(_ cell: String) -> Bool {
    let trimmed = cell.trimmingCharacters(in: .whitespaces)
    guard let first = trimmed.first else { return false }
    return (first.isNumber || first == "-" || first == "−" || first == "$") && trimmed.count < 24
      && trimmed.allSatisfy { $0.isNumber || ".,-−+e%$×x ".contains($0) }
  }
}

/// Where each page and file lives in the site, relative to its root.
enum SitePaths {
  static func entry(_ slug: String) -> String { "terms/\(slug).html" }
  static func lesson(_ id: String) -> String { "lessons/\(id).html" }
  static func lessonImage(_ id: String, _ file: String) -> String { "lessons/\(id)/\(file)" }
  static let index = "index.html"
  static let cost = "cost.html"
  static let stylesheet = "site.css"
  static let searchScript = "search.js"
  static let filmScript = "film.js"
  static let searchIndex = "search-index.js"
  /// A kebab-case anchor id for a heading text: `Why it matters for a business` → `why-it-matters-for-a-business`.
  static func anchor(_ text: String) -> String {
    GlossaryValidation.slug(for: text)
  }
}
