import Foundation
@testable import GlossarySite

/// Parses the bytes as a glossary entry (front matter + Markdown) and renders its summary and every
/// section to HTML, which must contain no script: see ``HTMLInjectionCheck``.
enum FuzzGlossaryEntry {
  static func run(_ bytes: [UInt8]) {
    var issues: [GlossaryIssue] = []
    let renderer = MarkdownRenderer()
    // The body alone, as Markdown, so that inputs without valid front matter still reach the renderer.
    check(renderer.render(String(decoding: bytes, as: UTF8.self)).html)
    guard let entry = GlossaryLoader.parseEntry(data: Data(bytes), slug: "fuzz", file: "fuzz.md", issues: &issues) else { return }
    check(renderer.render(entry.summary).html)
    for section in entry.sections { check(renderer.render(section.markdown).html) }
  }

  static func check(_ html: String) {
    if let problem = HTMLInjectionCheck.firstProblem(in: html) {
      preconditionFailure("script survived into the HTML: \(problem)\n\(html)")
    }
  }
}
