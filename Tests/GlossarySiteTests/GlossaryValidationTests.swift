import Foundation
import Testing
@testable import GlossarySite

/// Checks between entries: slugs, unique names, lesson ids, symmetric links; all reported at once.
@Suite struct GlossaryValidationTests {
  @Test func duplicateSlugIsReported() {
    let files = FixtureGlossary.valid + [("LoRA.md", FixtureGlossary.entry(term: "LoRA adapters", aliases: [], related: []))]
    let found = FixtureGlossary.load(files).issues.map(\.description)
    #expect(found == [
      "glossary/LoRA.md:1: duplicate slug 'LoRA' (also glossary/lora.md) (merge the two entries or rename one file)",
      "glossary/LoRA.md:1: file name 'LoRA.md' is not a lowercase kebab-case slug (rename it to 'lora.md')",
    ])
  }

  @Test(arguments: [("Fine_Tuning", "fine-tuning"), ("gpu--hours", "gpu-hours"), ("rlhf!", "rlhf"), ("-lead", "lead")])
  func badSlugsSuggestAFileName(slug: String, suggestion: String) {
    let found = FixtureGlossary.load([("\(slug).md", FixtureGlossary.entry(term: "Anything"))]).issues.map(\.description)
    #expect(found == ["glossary/\(slug).md:1: file name '\(slug).md' is not a lowercase kebab-case slug (rename it to '\(suggestion).md')"])
  }

  @Test func aliasCollidingWithAnotherTermIsReportedAtTheAlias() {
    let text = FixtureGlossary.entry(term: "LoRA", aliases: ["fine tuning"], related: ["fine-tuning"], lessons: ["pretrain-finetune"])
    #expect(FixtureGlossary.load(FixtureGlossary.valid(replacing: "lora.md", with: text)).issues.map(\.description) == [
      "glossary/lora.md:3: alias 'fine tuning' is already the term of glossary/fine-tuning.md:2 (remove the alias here; link the entries with 'related' instead)"
    ])
  }

  @Test func aliasCollidingWithAnotherAliasCaseInsensitivelyIsReported() {
    let text = FixtureGlossary.entry(term: "LoRA", aliases: ["Fine Tune"], related: ["fine-tuning"], lessons: ["pretrain-finetune"])
    #expect(FixtureGlossary.load(FixtureGlossary.valid(replacing: "lora.md", with: text)).issues.map(\.description) == [
      "glossary/lora.md:3: alias 'Fine Tune' is already the alias of glossary/fine-tuning.md:3 (remove the alias here; link the entries with 'related' instead)"
    ])
  }

  @Test func duplicateTermIsReported() {
    let files = FixtureGlossary.valid + [("gradients.md", FixtureGlossary.entry(term: "gradient", aliases: [], category: "Mechanics"))]
    #expect(FixtureGlossary.load(files).issues.map(\.description) == [
      "glossary/gradients.md:2: term 'gradient' is already the term of glossary/gradient.md:2 (merge the two entries, or make the term more specific)"
    ])
  }

  @Test func unknownLessonSuggestsTheClosestId() {
    let text = FixtureGlossary.entry(term: "LoRA", aliases: ["low-rank adaptation"], related: ["fine-tuning"], lessons: ["pretrain-fine-tune"])
    #expect(FixtureGlossary.load(FixtureGlossary.valid(replacing: "lora.md", with: text)).issues.map(\.description) == [
      "glossary/lora.md:7: lesson id 'pretrain-fine-tune' does not exist (did you mean 'pretrain-finetune'? lesson ids: training-loop, backprop, parameters, pretrain-finetune, scaling, preference-tuning)"
    ])
  }

  @Test func oneWayRelatedLinkIsAWarningAtTheEntryToFix() {
    let text = FixtureGlossary.entry(term: "Gradient", aliases: [], category: "Mechanics", related: [], lessons: ["backprop"])
    let glossary = FixtureGlossary.load(FixtureGlossary.valid(replacing: "gradient.md", with: text))
    #expect(glossary.errors.isEmpty)
    #expect(glossary.warnings.map(\.description) == [
      "glossary/gradient.md:6: warning: related does not list 'backpropagation', but glossary/backpropagation.md:6 lists 'gradient' (add 'backpropagation' here, or remove 'gradient' from glossary/backpropagation.md)"
    ])
  }

  @Test func selfLinkAndRepeatedLinkAreReported() {
    let text = FixtureGlossary.entry(term: "LoRA", aliases: [], related: ["lora", "fine-tuning", "fine-tuning"], lessons: [])
    let glossary = FixtureGlossary.load(FixtureGlossary.valid(replacing: "lora.md", with: text))
    #expect(glossary.issues.map(\.description) == [
      "glossary/lora.md:6: entry lists itself in related (remove 'lora')",
      "glossary/lora.md:6: warning: related slug 'fine-tuning' is listed twice (remove one)",
    ])
  }

  @Test func everyProblemInEveryFileIsReportedAtOnce() {
    var bytes = Data("---\nterm: Caf".utf8)
    bytes.append(0xE9)
    let files: [(String, Data)] = FixtureGlossary.valid.map { ($0.name, Data($0.text.utf8)) } + [
      ("broken-yaml.md", Data(FixtureGlossary.entry(term: "A: B", aliases: []).utf8)),
      ("empty.md", Data()),
      ("latin1.md", bytes),
      ("unknown-field.md", Data(FixtureGlossary.entry(term: "Unknown", aliases: []).replacingOccurrences(of: "category:", with: "colour: red\ncategory:").utf8)),
      ("bad-links.md", Data(FixtureGlossary.entry(term: "Bad links", aliases: [], related: ["nothing-here"], lessons: ["nope"]).utf8)),
    ]
    let glossary = GlossaryLoader.load(files: files, folderPath: "glossary", knownLessonIDs: FixtureGlossary.lessonIDs)
    let located = glossary.issues.map { "\($0.file):\($0.line)" }
    #expect(located == [
      "glossary/bad-links.md:6", "glossary/bad-links.md:7", "glossary/broken-yaml.md:2", "glossary/empty.md:1",
      "glossary/latin1.md:2", "glossary/unknown-field.md:5",
    ])
    #expect(glossary.errors.count == 6)
    #expect(glossary.entries.count == 7)  // the five valid ones, bad-links and unknown-field
  }
}
