import Testing
@testable import GlossarySite

/// Finding entries by name, suggestions, and ranked search.
@Suite struct GlossaryTests {
  let glossary = FixtureGlossary.load(FixtureGlossary.valid)

  @Test(arguments: [
    ("lora", "lora"), ("LoRA", "lora"), ("low-rank adaptation", "lora"), ("Low Rank Adaptation", "lora"),
    ("fine tune", "fine-tuning"), ("finetune", "fine-tuning"), ("FINE-TUNING", "fine-tuning"), ("backprop", "backpropagation"),
  ])
  func entryIsFoundBySlugTermOrAlias(name: String, slug: String) {
    #expect(glossary.entry(named: name)?.slug == slug)
  }

  @Test func unknownNameHasNoEntryButSuggestions() {
    #expect(glossary.entry(named: "gradiant") == nil)
    #expect(glossary.suggestions(for: "gradiant") == ["Gradient"])
    #expect(glossary.suggestions(for: "quantum chromodynamics").isEmpty)
  }

  @Test func entriesAreSortedByTermIgnoringCase() {
    let terms = FixtureGlossary.load(FixtureGlossary.valid + [("zeta.md", FixtureGlossary.entry(term: "zeta", aliases: [])), ("alpha.md", FixtureGlossary.entry(term: "Alpha", aliases: []))])
      .entries.map(\.term)
    #expect(terms == ["Alpha", "Backpropagation", "Fine-tuning", "Gradient", "LoRA", "Pre-training", "zeta"])
  }

  @Test func searchRanksTermMatchesAboveBodyMatches() {
    // "low rank": both words in LoRA's alias and summary; nowhere else.
    #expect(glossary.search("low rank").map(\.entry.slug) == ["lora"])
    // "gradients" matches Gradient's term (10), its slug (6) and the whole term (5);
    // Backpropagation only through its related list, which is not searched.
    let hits = glossary.search("gradients")
    #expect(hits.map(\.entry.slug) == ["gradient"])
    #expect(hits.first?.score == 10 + 6 + 5)
  }

  @Test func searchScoresFollowTheDocumentedWeights() throws {
    // LoRA: "fine" is in its summary ("Fine-tuning a small ...") → 3; in no term or alias.
    // Fine-tuning: term (10) + slug (6) + whole term matched? no, the term has two words → 16.
    let hits = glossary.search("fine")
    let fineTuning = try #require(hits.first { $0.entry.slug == "fine-tuning" })
    #expect(fineTuning.score == 16)
    let lora = try #require(hits.first { $0.entry.slug == "lora" })
    #expect(lora.score == 3)
    #expect(hits.map(\.entry.slug) == ["fine-tuning", "lora"])
  }

  @Test func searchWithNoMatchingWordIsEmpty() {
    #expect(glossary.search("zebra").isEmpty)
    #expect(glossary.search("  ,  ").isEmpty)
  }
}
