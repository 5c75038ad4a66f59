import Foundation
import Testing
@testable import GlossarySite

/// One file at a time: what the loader reports for each kind of bad input, at which line.
@Suite struct EntryLoaderTests {
  /// The messages (as `glossary check` prints them) for the valid set with `name` replaced by `text`.
  private func issues(_ name: String, _ text: String) -> [String] {
    FixtureGlossary.load(FixtureGlossary.valid(replacing: name, with: text)).issues.map(\.description)
  }

  @Test func validEntriesHaveNoIssues() throws {
    let glossary = FixtureGlossary.load(FixtureGlossary.valid)
    #expect(glossary.issues.isEmpty, "\(glossary.issues)")
    #expect(glossary.entries.map(\.slug) == ["backpropagation", "fine-tuning", "gradient", "lora", "pre-training"])
    let lora = try #require(glossary.entry(slug: "lora"))
    #expect(lora.term == "LoRA")
    #expect(lora.aliases == ["low-rank adaptation"])
    #expect(lora.related == ["fine-tuning"])
    #expect(lora.lessons == ["pretrain-finetune"])
    #expect(lora.sections.map(\.title) == GlossarySection.requiredTitles)
    #expect(lora.sections.map(\.line) == [10, 21, 25, 35])
    #expect(lora.section(titled: "Why it matters for a business")?.markdown == "It changes what a project costs.")
    #expect(lora.lines.related == [6])
    #expect(lora.file == "glossary/lora.md")
  }

  @Test func brokenRelatedSlugNamesFileLineAndTheClosestSlug() {
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tunning"], lessons: ["pretrain-finetune"])
    let found = issues("lora.md", text)
    #expect(found.contains("glossary/lora.md:6: related slug 'fine-tunning' does not exist (did you mean 'fine-tuning'?)"))
    // fine-tuning still lists lora, which no longer lists it back.
    #expect(found.contains(
      "glossary/lora.md:6: warning: related does not list 'fine-tuning', but glossary/fine-tuning.md:6 lists 'lora' (add 'fine-tuning' here, or remove 'lora' from glossary/fine-tuning.md)"))
    #expect(found.count == 2, "\(found)")
  }

  @Test func relatedNamingAnAliasInsteadOfASlugSuggestsTheSlug() {
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tune"])
    #expect(issues("lora.md", text).contains(
      "glossary/lora.md:6: related slug 'fine-tune' does not exist (did you mean 'fine-tuning'? 'fine-tune' is another name for it, and related lists slugs)"))
  }

  @Test func malformedYAMLIsReportedAtItsLine() {
    let text = FixtureGlossary.entry(term: "LoRA", summary: "Rank: the size of the update.", related: ["fine-tuning"])
    let found = issues("lora.md", text)
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.hasPrefix("glossary/lora.md:4: front matter is not valid YAML: mapping values are not allowed") == true, "\(found)")
    #expect(found.first?.contains("must be in quotes") == true)
  }

  @Test func unclosedFlowListIsReported() {
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"]).replacingOccurrences(of: "related: [fine-tuning]", with: "related: [fine-tuning")
    let found = issues("lora.md", text)
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix(
      "glossary/lora.md:6: front matter is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts on this line)") == true,
      "\(found)")
  }

  @Test func unclosedQuoteIsReportedWhereItOpens() {
    let text = FixtureGlossary.entry(term: "LoRA", aliases: ["\"low-rank"], related: ["fine-tuning"])
    let found = issues("lora.md", text)
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("glossary/lora.md:3: front matter is not valid YAML: found unexpected end of stream") == true, "\(found)")
  }

  @Test func unknownFieldSuggestsTheKnownOne() {
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"]).replacingOccurrences(of: "summary:", with: "sumary:")
    #expect(issues("lora.md", text) == [
      "glossary/lora.md:4: unknown field 'sumary' (did you mean 'summary'? allowed fields: term, aliases, summary, category, related, lessons, figures)",
      "glossary/lora.md:8: missing required field 'summary' (add 'summary: ...' before the closing '---')",
    ])
  }

  @Test func figuresAreReadAsPathsBesideTheEntryAndMustBePNGs() throws {
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"], lessons: ["pretrain-finetune"])
      .replacingOccurrences(of: "lessons: [pretrain-finetune]", with: "lessons: [pretrain-finetune]\nfigures: [../docs/images/split.png]")
    let glossary = FixtureGlossary.load(FixtureGlossary.valid(replacing: "lora.md", with: text))
    #expect(glossary.issues.isEmpty, "\(glossary.issues)")
    let lora = try #require(glossary.entry(slug: "lora"))
    #expect(lora.figures == ["../docs/images/split.png"])
    #expect(lora.lines.figures == [8])
    #expect(lora.figureURL("../docs/images/split.png").path.hasSuffix("/docs/images/split.png"))
    #expect(!lora.figureURL("../docs/images/split.png").path.contains("glossary"))
    // Without the field an entry has none; a file that is not a PNG is refused where it is listed.
    #expect(FixtureGlossary.load(FixtureGlossary.valid).entry(slug: "lora")?.figures == [])
    let notPNG = text.replacingOccurrences(of: "split.png", with: "split.json")
    #expect(issues("lora.md", notPNG) == [
      "glossary/lora.md:8: figure '../docs/images/split.json' is not a .png file (list the PNG a measuring command drew, relative to this file, e.g. ../docs/images/name.png)"
    ])
  }

  @Test func duplicateFieldPointsAtTheSecondOccurrence() {
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"]).replacingOccurrences(of: "summary:", with: "term: Again\nsummary:")
    #expect(issues("lora.md", text) == ["glossary/lora.md:4: field 'term' appears more than once (keep one 'term:' line; the first is on line 2)"])
  }

  @Test func missingFieldsAreEachReported() {
    let text = "---\nterm: LoRA\ncategory: Mechanics\n---\n" + FixtureGlossary.entry(term: "x").components(separatedBy: "---\n").last!
    #expect(issues("lora.md", text).filter { $0.hasPrefix("glossary/lora.md:4: missing required field") } == [
      "glossary/lora.md:4: missing required field 'lessons' (add 'lessons: []' before the closing '---')",
      "glossary/lora.md:4: missing required field 'related' (add 'related: []' before the closing '---')",
      "glossary/lora.md:4: missing required field 'summary' (add 'summary: ...' before the closing '---')",
    ])
  }

  @Test func nonUTF8FileNamesTheLineOfTheBadByte() {
    var data = Data("---\nterm: Caf".utf8)
    data.append(0xE9)  // Latin-1 "é"
    data.append(Data("\nsummary: x\n---\n".utf8))
    let glossary = GlossaryLoader.load(files: [("cafe.md", data)], folderPath: "glossary", knownLessonIDs: [])
    #expect(glossary.issues.map(\.description) == [
      "glossary/cafe.md:2: file is not valid UTF-8 (byte 0xE9 at byte offset 13) (save the file with UTF-8 encoding)"
    ])
    #expect(glossary.entries.isEmpty)
  }

  @Test(arguments: ["", "\n\n  \n"])
  func emptyFileIsReported(text: String) {
    let glossary = FixtureGlossary.load([("empty.md", text)])
    #expect(glossary.issues.count == 1)
    #expect(glossary.issues.first?.description.hasPrefix("glossary/empty.md:1: file is empty (start with a front matter block") == true)
  }

  @Test func fileWithoutFrontMatterIsReported() {
    let found = issues("lora.md", "# LoRA\n\nSome text.\n")
    #expect(found.contains(
      "glossary/lora.md:1: file does not start with a '---' front matter block (put the fields (term, summary, category, related, lessons) between two '---' lines at the top)"))
    // The file exists, so links to it are not reported a second time.
    #expect(found.count == 1, "\(found)")
  }

  @Test func unclosedFrontMatterIsReported() {
    #expect(issues("lora.md", "---\nterm: LoRA\nsummary: x\n").contains("glossary/lora.md:1: front matter is not closed (add a line '---' after the last field)"))
  }

  @Test func crlfLineEndsAndByteOrderMarkAreAccepted() {
    let text = "\u{FEFF}" + FixtureGlossary.entry(term: "LoRA", aliases: ["low-rank adaptation"], related: ["fine-tuning"], lessons: ["pretrain-finetune"])
      .replacingOccurrences(of: "\n", with: "\r\n")
    #expect(issues("lora.md", text) == [])
  }

  @Test func missingSectionIsReportedWhereItBelongs() {
    let sections = FixtureGlossary.sections.filter { $0.0 != "Example" }
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"], sections: sections)
    // Sections: In depth at 10, Why it matters at 21, Common questions at 25.
    #expect(issues("lora.md", text) == [
      "glossary/lora.md:25: missing section '## Example' (add it after '## Why it matters for a business')"
    ])
  }

  @Test func sectionsOutOfOrderAreReported() {
    var sections = FixtureGlossary.sections
    sections.swapAt(1, 2)  // Example before Why it matters
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"], sections: sections)
    let found = issues("lora.md", text)
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("glossary/lora.md:31: section '## Why it matters for a business' is out of order (the sections are, in order: '## In depth'") == true, "\(found)")
  }

  @Test func unknownSectionSuggestsTheRequiredOne() {
    let sections = FixtureGlossary.sections.map { $0.0 == "Example" ? ("Examples", $0.1) : $0 }
    let found = issues("lora.md", FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"], sections: sections))
    #expect(found.contains { $0.hasPrefix("glossary/lora.md:25: unknown section '## Examples' (did you mean 'Example'?") }, "\(found)")
    #expect(found.contains("glossary/lora.md:35: missing section '## Example' (add it after '## Why it matters for a business')"))
  }

  @Test func emptySectionAndLevelOneHeadingAndStrayTextAreReported() {
    var sections = FixtureGlossary.sections
    sections[3] = ("Common questions", "")
    sections[0] = ("In depth", "# Big title\n\nText.")
    let text = FixtureGlossary.entry(term: "LoRA", related: ["fine-tuning"], sections: sections)
      .replacingOccurrences(of: "---\n\n## In depth", with: "---\nStray words.\n## In depth")
    #expect(issues("lora.md", text) == [
      "glossary/lora.md:9: text before the first section is not shown (move it under '## In depth')",
      "glossary/lora.md:12: level-1 heading '# Big title' in the body (the term is the page title; use '##' for the four sections and '###' below them)",
      "glossary/lora.md:30: section '## Common questions' is empty (write at least one paragraph under it)",
    ])
  }

  @Test func headingsInsideCodeBlocksAreNotSections() throws {
    var sections = FixtureGlossary.sections
    sections[2] = ("Example", "```markdown\n## Not a section\n# Nor a title\n```")
    let glossary = FixtureGlossary.load(FixtureGlossary.valid(replacing: "lora.md", with: FixtureGlossary.entry(
      term: "LoRA", aliases: ["low-rank adaptation"], related: ["fine-tuning"], lessons: ["pretrain-finetune"], sections: sections)))
    #expect(glossary.issues.isEmpty, "\(glossary.issues)")
    #expect(try #require(glossary.entry(slug: "lora")).section(titled: "Example")?.markdown.contains("## Not a section") == true)
  }

  @Test func badCategoryAndWrongTypesAreReported() {
    let text = FixtureGlossary.entry(term: "LoRA", category: "Training stage", related: ["fine-tuning"])
      .replacingOccurrences(of: "lessons: []", with: "lessons: backprop")
      .replacingOccurrences(of: "term: LoRA", with: "term: [LoRA]")
    #expect(issues("lora.md", text) == [
      "glossary/lora.md:2: field 'term' must be text, not a list (write 'term: ...' on one line)",
      "glossary/lora.md:5: category 'Training stage' is not one of the five categories (did you mean 'Training stages'? use one of: Training stages | Mechanics | Data and models | Scale and cost | Using models)",
      "glossary/lora.md:7: field 'lessons' must be a list (write it as 'lessons: [backprop]')",
    ])
  }

  @Test func loadsFromDiskWithPathsAsGiven() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try FixtureGlossary.write(FixtureGlossary.valid(replacing: "lora.md", with: FixtureGlossary.entry(term: "LoRA", related: ["fine-tunning"])), into: folder)
    try folder.write("not an entry", to: "glossary/notes.txt")
    let relative = URL(fileURLWithPath: "glossary", relativeTo: URL(fileURLWithPath: folder.url.path + "/", isDirectory: true))
    let glossary = try GlossaryLoader.load(folder: relative, knownLessonIDs: FixtureGlossary.lessonIDs)
    #expect(glossary.entries.count == 5)
    #expect(glossary.errors.map(\.description) == ["glossary/lora.md:6: related slug 'fine-tunning' does not exist (did you mean 'fine-tuning'?)"])
  }

  @Test func missingFolderThrows() {
    #expect(throws: GlossaryError.self) {
      try GlossaryLoader.load(folder: URL(fileURLWithPath: "/nonexistent/glossary"), knownLessonIDs: [])
    }
  }
}
