import Foundation
import Testing
@testable import GlossarySite

/// The glossary as terminal text: aligned lists, wrapped entries, Markdown made plain.
@Suite struct GlossaryTerminalTextTests {
  let glossary = FixtureGlossary.load(FixtureGlossary.valid)

  @Test func listAlignsSummariesInOneColumnAndWraps() {
    let entries = [
      GlossaryEntry(slug: "a", term: "LoRA", summary: "Short.", category: "Mechanics", sections: [], file: "a.md"),
      GlossaryEntry(
        slug: "b", term: "Backpropagation", summary: "The algorithm that computes every gradient in one backward pass.",
        category: "Mechanics", sections: [], file: "b.md"),
    ]
    #expect(GlossaryTerminalText.list(entries, width: 40) == """
      LoRA             Short.
      Backpropagation  The algorithm that
                       computes every gradient
                       in one backward pass.

      """)
  }

  @Test func longTermsGetTheirOwnLine() {
    let long = String(repeating: "x", count: 40)
    let entries = [GlossaryEntry(slug: "a", term: long, summary: "Words here.", category: "Mechanics", sections: [], file: "a.md")]
    let column = String(repeating: " ", count: 30)
    #expect(GlossaryTerminalText.list(entries, width: 60) == "\(long)\n\(column)Words here.\n")
  }

  @Test func entryShowsItsMeasuredFiguresWithTheRecordsCaptionAndCommand() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    _ = try folder.write(
      """
      {"measured": "2026-12-07", "machine": "A CPU", "command": "mpirun -np 2 workbench bench data-parallel --figure docs/split.png",
       "caption": "One step on 1 and 2 processes.", "alt": "Bars."}
      """, to: "docs/split.json")
    let entry = GlossaryEntry(
      slug: "d", term: "Data parallelism", summary: "Copies share a batch.", category: "Scale and cost", figures: ["../docs/split.png", "../docs/gone.png"],
      sections: [], file: folder.url.appendingPathComponent("glossary/d.md").path)
    let text = GlossaryTerminalText.entry(entry, in: glossary, width: 60)
    #expect(text.hasSuffix("""

      SEE IT MEASURED
        \(folder.url.appendingPathComponent("docs/split.png").standardizedFileURL.path)
          One step on 1 and 2 processes.
          Reproduce: mpirun -np 2 workbench bench data-parallel --figure docs/split.png
        \(folder.url.appendingPathComponent("docs/gone.png").standardizedFileURL.path)

      """), "\(text)")
  }

  @Test func entryShowsEverySectionRelatedTermsAndLessonCommands() throws {
    let lora = try #require(glossary.entry(slug: "fine-tuning"))
    let text = GlossaryTerminalText.entry(lora, in: glossary, width: 60)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= 60 })
    #expect(lines.prefix(3) == ["Fine-tuning", "Also called: finetuning, fine tune", "Category: Training stages"])
    for title in GlossarySection.requiredTitles { #expect(lines.contains(Substring(title.uppercased()))) }
    #expect(text.contains("  A paragraph with bold, code and a link to LoRA.\n"))
    #expect(text.contains("  • first point\n  • second point\n"))
    #expect(text.contains("    workbench run backprop\n"))
    #expect(text.hasSuffix("""
      RELATED
        Pre-training  (workbench glossary show pre-training)
        LoRA  (workbench glossary show lora)

      SEE IT TRAIN
        workbench run pretrain-finetune

      """))
  }

  @Test(arguments: [
    ("**bold** and _italic_ and `code`", "bold and italic and code"),
    ("a [link](https://example.com) and ![an image](x.png)", "a link and an image"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("escaped \\*star\\* and &lt;tag&gt; &amp; more", "escaped *star* and <tag> & more"),
    ("`a*b*c` keeps code", "a*b*c keeps code"),
  ])
  func inlineMarkdownBecomesPlainText(markdown: String, plain: String) {
    #expect(PlainTextMarkdown.inline(markdown) == plain)
  }

  @Test func blocksKeepListsCodeAndHeadings() {
    let blocks = PlainTextMarkdown.blocks("Para one\ncontinues.\n\n1. first\n   more\n2. second\n\n### Sub\n\n```\ncode line\n```\n\n> quoted")
    #expect(blocks == [
      .paragraph("Para one continues."),
      .item(marker: "1.", depth: 0, text: "first more"),
      .item(marker: "2.", depth: 0, text: "second"),
      .heading("Sub"),
      .verbatim(["code line"]),
      .paragraph("quoted"),
    ])
  }

  @Test func wrappingNeverExceedsTheWidthExceptForOneLongWord() {
    let lines = TextWrapping.wrap("a bb ccc dddd eeeee ffffffffffffffff g", width: 10, firstIndent: "- ", indent: "  ")
    #expect(lines == ["- a bb ccc", "  dddd", "  eeeee", "  ffffffffffffffff", "  g"])
  }

  @Test func searchResultsSayWhenNothingMatches() {
    #expect(GlossaryTerminalText.searchResults([], query: "zebra") == "No glossary entry matches 'zebra'.\n")
  }
}
