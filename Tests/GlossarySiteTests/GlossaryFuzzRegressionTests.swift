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

  /// Ink 0.6 never finished a `<p` that it cannot read as an HTML element (no `>` after it, or a `\`
  /// before it): each paragraph it starts ends before the `<p` having read nothing, forever. Such a `<`
  /// now reaches Ink as a marker and comes out as `&lt;`, wherever it stands.
  @Test(arguments: [
    ("Before <p after.", "<p>Before &lt;p after.</p>"),
    ("<p", "<p>&lt;p</p>"),
    ("Before \\<p> after.", "<p>Before &lt;p&gt; after.</p>"),
    ("Code `<p` here.", "<p>Code <code>&lt;p</code> here.</p>"),
    ("# Title <P", "<h1>Title &lt;P</h1>"),
    ("[<p](x.md)", "<p><a href=\"x.md\">&lt;p</a></p>"),
  ])
  func aParagraphTagInkCannotReadRendersAsText(markdown: String, html: String) {
    #expect(MarkdownRenderer().render(markdown).html == html)
  }

  /// A `<p` that Ink reads as raw HTML (a `>` follows, no `\` before) is left to Ink, which the
  /// renderer shows as text as before.
  @Test func aParagraphTagInkCanReadIsLeftAlone() {
    #expect(MarkdownRenderer.escapingUnclosedParagraphTags("<p>x</p> and <P class=a>") == "<p>x</p> and <P class=a>")
    #expect(MarkdownRenderer().render("<p>x</p>").html == "&lt;p&gt;x&lt;/p&gt;")
  }

  @Test func onlyTheStallingTagsAreEscaped() {
    let escaped = MarkdownRenderer.escapingUnclosedParagraphTags("<p>a</p> \\<p> <x <pre <p")
    #expect(escaped == "<p>a</p> \\&lt;p> <x &lt;pre &lt;p")
  }

  /// An input that already holds the marker character gets `&lt;` written into the Markdown instead.
  @Test func inputHoldingTheMarkerStillRenders() {
    let marker = String(MarkdownRenderer.lessThanMarker)
    let html = MarkdownRenderer().render("a \(marker) <p b").html
    #expect(html.contains("a \(marker)"))
    #expect(html.contains("&lt;p b"))
  }

  @Test(arguments: [
    ("ink-unclosed-p-slow-3.md", "bigger batches\0\0\0&lt;parallel, but past the critical"),
    ("ink-unclosed-p-slow-4.md", "shows how the s\0\0\0&lt;p of the layer"),
    ("ink-unclosed-p-slow-5-ci.md", "(one m\0\0\0&lt;ply and one add per term)"),
  ])
  func foundUnclosedParagraphTagsRender(file: String, around: String) throws {
    let data = try Data(contentsOf: Self.crashes.appendingPathComponent(file))
    let html = MarkdownRenderer().render(String(decoding: data, as: UTF8.self)).html
    #expect(html.contains(around))
    #expect(!html.contains("<script"))
    // As the fuzz target reads it: front matter, then each section rendered on its own.
    var issues: [GlossaryIssue] = []
    let entry = GlossaryLoader.parseEntry(data: data, slug: "found", file: "found.md", issues: &issues)
    #expect(entry != nil || issues.contains { $0.severity == .error })
    for section in entry?.sections ?? [] { #expect(!MarkdownRenderer().render(section.markdown).html.contains("<script")) }
  }

  /// Ink 0.6 trapped (String index out of bounds) on a list whose last line is only spaces or tabs:
  /// it took the indentation for a nested list and read past the end of the text.
  @Test(arguments: [
    ("- a\n ", "<ul><li>a</li></ul>"),
    ("- a\n  ", "<ul><li>a</li></ul>"),
    ("* a\n\t", "<ul><li>a</li></ul>"),
    ("1. a\n ", "<ol><li>a</li></ol>"),
    ("x\n- a\n   ", "<p>x</p><ul><li>a</li></ul>"),
    ("- a\n  - b\n   ", "<ul><li>a<ul><li>b</li></ul></li></ul>"),
    ("- a\n \u{00A0}", "<ul><li>a</li></ul>"),
  ])
  func aListEndingInSpacesRenders(markdown: String, html: String) {
    #expect(MarkdownRenderer().render(markdown).html == html)
  }

  @Test func trailingWhiteSpaceOnlyGoesAtTheVeryEnd() {
    #expect(MarkdownRenderer.withoutTrailingLineWhitespace("a \n b \t") == "a \n b")
    #expect(MarkdownRenderer.withoutTrailingLineWhitespace("a\n  \n") == "a\n  \n")
    #expect(MarkdownRenderer.withoutTrailingLineWhitespace(" \t ") == "")
    #expect(MarkdownRenderer.withoutTrailingLineWhitespace("") == "")
  }

  @Test func foundListWithTrailingSpacesRenders() throws {
    let data = try Data(contentsOf: Self.crashes.appendingPathComponent("ink-list-trailing-whitespace.md"))
    let html = MarkdownRenderer().render(String(decoding: data, as: UTF8.self)).html
    #expect(html.contains("<li><strong>stage 1</strong> partitions the op.imiser states"))
    #expect(!html.contains("<script"))
    var issues: [GlossaryIssue] = []
    let entry = GlossaryLoader.parseEntry(data: data, slug: "found", file: "found.md", issues: &issues)
    #expect(entry != nil || issues.contains { $0.severity == .error })
    for section in entry?.sections ?? [] { #expect(!MarkdownRenderer().render(section.markdown).html.contains("<script")) }
  }

  /// Both guards are the identity on every real glossary entry (so those render exactly as before).
  @Test func guardsLeaveTheGlossaryUnchanged() throws {
    let folder = Self.crashes.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("glossary")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
    #expect(files.count >= 40)
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(MarkdownRenderer.escapingUnclosedParagraphTags(text) == text, "\(file)")
      #expect(MarkdownRenderer.limitingBracketNesting(text) == text, "\(file)")
      #expect(MarkdownRenderer.withoutTrailingLineWhitespace(text) == text, "\(file)")
    }
  }
}
