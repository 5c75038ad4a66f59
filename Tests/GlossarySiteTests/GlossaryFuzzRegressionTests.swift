import Foundation
import Testing
@testable import GlossarySite

/// Inputs that the `glossary-entry` fuzz target (Fuzz/) found crashing the workbench, kept in
/// `Tests/Fixtures/fuzz-crashes/glossary-entry/`, and the smallest forms of the same bugs.
@Suite struct GlossaryFuzzRegressionTests {
  static let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz-crashes/glossary-entry")

  /// Ink 0.6 trapped (String index out of bounds) on Markdown that opens a metadata block with
  /// `---` and ends in white space before closing it; the renderer now reads a leading `---` as a rule.
  @Test(arguments: ["---\nkey: v\n ", "---\n", "  \n---\n\n", "---\nterm: x\nsummary: y\n\n\n"])
  func unclosedInkMetadataIsARule(markdown: String) {
    let html = MarkdownRenderer().render(markdown).html
    #expect(html.hasPrefix("<hr>"))
  }

  @Test func leadingRuleKeepsTheTextAfterIt() {
    #expect(MarkdownRenderer().render("---\nkept: text\n---\nafter").html == "<hr><p>kept: text</p><hr><p>after</p>")
  }

  @Test func foundEntryParsesAndRenders() throws {
    let data = try Data(contentsOf: Self.crashes.appendingPathComponent("ink-unclosed-metadata.md"))
    let markdown = String(decoding: data, as: UTF8.self)
    let html = MarkdownRenderer().render(markdown).html
    #expect(html.hasPrefix("<hr>"))
    // The mutated entry's front matter is broken: the loader reports it instead of trapping.
    var issues: [GlossaryIssue] = []
    let entry = GlossaryLoader.parseEntry(data: data, slug: "zero", file: "zero.md", issues: &issues)
    #expect(entry != nil || issues.contains { $0.severity == .error })
    for section in entry?.sections ?? [] { #expect(!MarkdownRenderer().render(section.markdown).html.contains("<script")) }
  }

  /// Ink parses a `[` by reading the rest of the paragraph as link text, recursively at each inner
  /// `[`, rewinding when no link closes: n unclosed brackets cost ~2ⁿ (the fuzz inputs with runs of
  /// 64 and 126 never finished). Brackets deeper than the limit reach Ink as `&#91;`.
  @Test(arguments: [5, 40, 200])
  func aRunOfUnclosedBracketsRendersAsText(count: Int) {
    let html = MarkdownRenderer().render("Before " + String(repeating: "[", count: count) + " after.").html
    let shown = html.replacingOccurrences(of: "&#91;", with: "[")
    #expect(shown == "<p>Before " + String(repeating: "[", count: count) + " after.</p>")
  }

  @Test func linksAndImagesInsideLinksStillRender() {
    let html = MarkdownRenderer().render("See [the entry](loss.md) and [![chart](a.png)](b.md).").html
    #expect(html.components(separatedBy: "<a href=").count == 3)
    #expect(html.contains("<img"))
    #expect(!html.contains("&#91;"))
  }

  @Test(arguments: ["ink-bracket-run-126.md", "ink-bracket-run-64.md"])
  func foundBracketRunsRender(file: String) throws {
    let data = try Data(contentsOf: Self.crashes.appendingPathComponent(file))
    let html = MarkdownRenderer().render(String(decoding: data, as: UTF8.self)).html
    #expect(html.contains("&#91;"))
    #expect(!html.contains("<script"))
  }

  @Test func nestingRestartsAtABlankLine() {
    let limited = MarkdownRenderer.limitingBracketNesting(String(repeating: "[", count: 6) + "\n\n" + String(repeating: "[", count: 6))
    let kept = String(repeating: "[", count: 4) + "&#91;&#91;"
    #expect(limited == kept + "\n\n" + kept)
  }
}
