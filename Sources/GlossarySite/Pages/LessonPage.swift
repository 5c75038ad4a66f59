import Foundation
import WorkbenchFiles

/// One lesson's page: its narrative, plots, checked claims, metrics and tables.
enum LessonPage {
  static func render(_ lesson: LoadedLesson, _ content: SiteContent) -> String {
    let root = "../"
    let layout = PageLayout(root: root, hasCostPage: content.hasCostPage)
    let narrative = lesson.narrative.map { Self.narrativeBody($0) }
    let markdown = content.markdown(root: root, lessonID: lesson.id, headingShift: narrative?.headingShift ?? 0)
    let terms = termsFor(lesson, content)
    return layout.render(
      title: lesson.title, description: lesson.output?.summary ?? "Lesson \(lesson.id)",
      scripts: lesson.films.isEmpty ? [] : [SitePaths.filmScript]
    ) {
      HTMLNode.element("article", ["class": "lesson"]) {
        HTMLNode.element("h1") { lesson.title }
        if let output = lesson.output {
          HTMLNode.element("p", ["class": "lead"]) { output.summary }
          HTMLNode.element("p", ["class": "reproduce"]) {
            "Reproduce: "
            HTMLNode.element("code") { output.command }
            output.quick ? " (this site shows a quick run; drop --quick for the full one)" : ""
          }
        } else {
          HTMLNode.element("p", ["class": "not-run lead"]) {
            "This lesson has not been run yet. Run "
            HTMLNode.element("code") { SharedViews.runCommand(lesson.id) }
            ", then rebuild the site with "
            HTMLNode.element("code") { "workbench site" }
            " to see its plots and measurements."
          }
        }
        if let narrative {
          HTMLNode.element("div", ["class": "prose narrative"]) { HTMLNode.sanitized(markdown.render(content.measured.fill(narrative.markdown, preferring: [lesson.id]))) }
        }
        if let output = lesson.output {
          if !lesson.films.isEmpty {
            HTMLNode.element("section", ["id": "films"]) {
              HTMLNode.element("h2") { "Watch it train" }
              for film in lesson.films {
                FilmView.render(
                  film, folder: lesson.id + "/", command: output.command,
                  id: "film-" + SitePaths.anchor(String(film.film.file.dropLast(4))))
              }
            }
          }
          if !lesson.images.isEmpty {
            HTMLNode.element("section", ["id": "plots"]) {
              HTMLNode.element("h2") { "Plots" }
              for image in lesson.images {
                SharedViews.figure(
                  src: lesson.id + "/" + image.plot.file, size: image.size, title: image.plot.title,
                  caption: image.plot.caption, alt: image.plot.alt, command: output.command,
                  id: "plot-" + SitePaths.anchor(String(image.plot.file.dropLast(4))))
              }
            }
          }
          if !output.claims.isEmpty {
            HTMLNode.element("section", ["id": "claims"]) {
              HTMLNode.element("h2") { "Checked claims" }
              HTMLNode.element("ul", ["class": "claims"]) {
                for claim in output.claims {
                  HTMLNode.element("li", ["class": claim.passed ? "claim pass" : "claim fail"]) {
                    HTMLNode.element("span", ["class": claim.passed ? "badge pass" : "badge fail"]) { claim.passed ? "Passed" : "Failed" }
                    " " + claim.statement
                    if !claim.detail.isEmpty { HTMLNode.element("span", ["class": "detail"]) { "Measured: " + claim.detail } }
                  }
                }
              }
            }
          }
          if !output.metrics.isEmpty {
            HTMLNode.element("section", ["id": "metrics"]) {
              HTMLNode.element("h2") { "Metrics" }
              SharedViews.table(SiteTable(
                title: "Metrics", columns: ["Metric", "Value", "Unit"],
                rows: output.metrics.map { [$0.name, SharedViews.format($0.value), $0.unit] }))
              HTMLNode.element("p", ["class": "meta"]) { "Seed \(output.seed)." }
            }
          }
          if !output.tables.isEmpty {
            HTMLNode.element("section", ["id": "tables"]) {
              HTMLNode.element("h2") { "Tables" }
              for table in output.tables {
                HTMLNode.element("h3") { table.title }
                SharedViews.table(table)
              }
            }
          }
        }
        if !terms.isEmpty {
          HTMLNode.element("section", ["id": "terms"]) {
            HTMLNode.element("h2") { "Glossary terms in this lesson" }
            SharedViews.termList(terms, root: root)
          }
        }
      }
    }
  }

  /// Entries named in the lesson's `glossaryTerms` or listing the lesson, A–Z.
  static func termsFor(_ lesson: LoadedLesson, _ content: SiteContent) -> [GlossaryEntry] {
    let named = Set(lesson.output?.glossaryTerms ?? [])
    return content.glossary.entries.filter { named.contains($0.slug) || $0.lessons.contains(lesson.id) }
  }

  /// The narrative without its front matter or leading `# Title` (the page has its own `h1`),
  /// and the heading shift that makes its highest heading an `h2`.
  static func narrativeBody(_ text: String) -> (markdown: String, headingShift: Int) {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
      let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" })
    {
      lines.removeSubrange(0...close)
    }
    while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
    if let first = lines.first, BodySections.headingLevel(first) == 1 { lines.removeFirst() }
    var fence = false
    var highest = 6
    for line in lines {
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle(); continue }
      if !fence, let level = BodySections.headingLevel(line) { highest = min(highest, level) }
    }
    return (lines.joined(separator: "\n"), max(0, 2 - highest))
  }
}
