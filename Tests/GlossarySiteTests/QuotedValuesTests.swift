import Foundation
import Testing

@testable import GlossarySite
@testable import Lessons
import WorkbenchFiles

/// Narratives and glossary examples quote the run they sit next to: run two lessons with seed 2,
/// build the site, and every quoted number on the lesson page and in the entry is seed 2's.
@Suite struct QuotedValuesTests {
  @Test("placeholders parse their name, lesson and format; malformed ones are reported")
  func parsing() {
    let scan = MetricPlaceholder.scan("a {{ metric x_y | 3 }} b {{ metric backprop/z | 1% }} c {{metric w}} d {{ metric bad name }} {{ other }}")
    #expect(scan.placeholders.map(\.qualifiedName) == ["x_y", "backprop/z", "w"])
    #expect(scan.placeholders.map(\.format) == [.decimals(3), .percent(1), .automatic])
    #expect(scan.malformed.map(\.text) == ["{{ metric bad name }}"])
    let values = MeasuredValues(lessons: ["backprop": [Metric(name: "z", value: 0.98765, unit: "fraction")]])
    #expect(values.fill("acc {{ metric z | 1% }}, {{ metric z | 2 }}, {{ metric q }}", preferring: ["backprop"])
      == "acc 98.8%, 0.99, (q not measured yet: run `workbench run backprop`)")
    // Samples: quoted as code spans, cut to a length, line breaks shown as ⏎, backticks fenced.
    let samples = MeasuredValues(lessons: [:], samples: ["pf": [TextSample(name: "s", text: "The `cat`\nsat on the mat")]])
    let sampleScan = MetricPlaceholder.scan("{{ sample s }} {{ sample pf/s | 9 }} {{ sample s | 0 }}")
    #expect(sampleScan.placeholders.map(\.format) == [.text(characters: nil), .text(characters: 9)])
    #expect(sampleScan.malformed.map(\.text) == ["{{ sample s | 0 }}"])
    #expect(samples.fill("{{ sample s }} and {{ sample pf/s | 9 }}", preferring: ["pf"]) == "``The `cat`⏎sat on the mat`` and ``The `cat`…``")
  }

  @Test("`| ,` rounds to a whole number and separates thousands with commas", arguments: [
    (221_263.6, "221,264"), (999.4, "999"), (1_000, "1,000"), (26_612_345, "26,612,345"), (-4_321.2, "−4,321"), (0.2, "0"),
  ])
  func grouped(value: Double, expected: String) {
    let scan = MetricPlaceholder.scan("{{ metric hours | , }}")
    #expect(scan.placeholders.map(\.format) == [.grouped])
    let values = MeasuredValues(lessons: ["scaling": [Metric(name: "hours", value: value, unit: "GPU-hours")]])
    #expect(values.fill("{{ metric hours | , }}", preferring: ["scaling"]) == expected)
  }

  @Test("glossary check's rules: unknown metric and bare decimals in narratives are errors once the lesson ran")
  func checking() {
    let values = MeasuredValues(lessons: ["backprop": [Metric(name: "z", value: 1, unit: "x")]])
    let issues = QuotedValueCheck.issues(
      in: "Known {{ metric z }} and unknown {{ metric nope }}.\nA bare 0.7071 here.\nCited 3.14e23 (Brown et al. 2020).\n`code 1.5`\nSee arXiv:2203.15556 and 2.5 more.\n",
      file: "lessons/backprop.md", lessons: ["backprop"], measured: values, narrative: true)
    #expect(issues.filter { $0.severity == .error }.map(\.line) == [1, 2, 5])
    #expect(issues.filter { $0.line != 1 }.map(\.message) == ["the decimal number 0.7071 is neither a placeholder nor followed by a source", "the decimal number 2.5 is neither a placeholder nor followed by a source"])
    #expect(issues.allSatisfy { $0.severity == .error })
    let notRun = QuotedValueCheck.issues(
      in: "{{ metric training-loop/noise_floor }}", file: "g.md", lessons: [], measured: values, narrative: false)
    #expect(notRun.map(\.severity) == [.warning])
  }

  @Test("after `run <lesson> --seed 2`, the lesson page and the glossary example quote seed 2", arguments: [
    ("backprop", "moons_initial_loss", "backpropagation.md", "Backpropagation"),
    ("training-loop", "noise_floor", "learning-rate.md", "Learning rate"),
  ])
  func seedTwo(lessonID: String, metric: String, entryFile: String, term: String) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let output = folder.url.appendingPathComponent("output")
    let lesson = try LessonCatalog.lesson(lessonID)
    let seedOne = try LessonRunner(outputRoot: folder.url.appendingPathComponent("seed1")).run(
      lesson, seed: 1, quick: true, command: "workbench run \(lessonID) --quick")
    let seedTwo = try LessonRunner(outputRoot: output).run(
      lesson, seed: 2, quick: true, command: "workbench run \(lessonID) --seed 2 --quick")
    let one = try #require(seedOne.value(of: metric))
    let two = try #require(seedTwo.value(of: metric))
    let (oneText, twoText) = (String(format: "%.4f", one), String(format: "%.4f", two))
    try #require(oneText != twoText, "the seeds should give different \(metric)")

    _ = try folder.write("# Lesson\n\nThis run measured {{ metric \(metric) | 4 }} for \(metric).\n", to: "lessons/\(lessonID).md")
    var files = FixtureGlossary.valid
    var sections = FixtureGlossary.sections
    sections[2].1 = "In the lesson's last run: {{ metric \(lessonID)/\(metric) | 4 }}."
    let entry = FixtureGlossary.entry(term: term, aliases: [], lessons: [lessonID], sections: sections)
    files.removeAll { $0.name == entryFile }
    files.append((entryFile, entry))
    let glossary = FixtureGlossary.load(files)
    let site = output.appendingPathComponent("site")
    _ = try SiteBuilder(
      glossary: glossary, lessonIDs: FixtureGlossary.lessonIDs, lessonOutputFolder: output,
      lessonNarrativeFolder: folder.url.appendingPathComponent("lessons")
    ).build(into: site)
    let page = try String(contentsOf: site.appendingPathComponent("lessons/\(lessonID).html"), encoding: .utf8)
    #expect(page.contains("This run measured \(twoText) for"))
    #expect(!page.contains(oneText))
    let slug = String(entryFile.dropLast(3))
    let entryPage = try String(contentsOf: site.appendingPathComponent("terms/\(slug).html"), encoding: .utf8)
    #expect(entryPage.contains("In the lesson’s last run: \(twoText).") || entryPage.contains("In the lesson's last run: \(twoText)."))
    // The terminal shows the same value.
    let measured = MeasuredValues.load(outputFolder: output, lessonIDs: FixtureGlossary.lessonIDs)
    let loadedEntry = try #require(glossary.entry(slug: slug))
    #expect(GlossaryTerminalText.entry(loadedEntry, in: glossary, measured: measured).contains(twoText))
  }
}

/// The project's own narratives quote the run they sit next to: after seed-2 runs of `backprop` and
/// `pretrain-finetune`, their pages show seed 2's numbers and model samples, and none of seed 1's.
@Suite struct RealNarrativeQuotesTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// True when `number` stands in `text` as a whole number (no digit or decimal point around it:
  /// 2.12 is not in 2.129).
  static func containsNumber(_ text: String, _ number: String) -> Bool {
    var searchStart = text.startIndex
    while let found = text.range(of: number, range: searchStart..<text.endIndex) {
      let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
      let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
      if !(before.isNumber || before == "." || after.isNumber || (after == "." && found.upperBound < text.index(before: text.endIndex) && text[text.index(after: found.upperBound)].isNumber)) {
        return true
      }
      searchStart = found.upperBound
    }
    return false
  }

  @Test("lessons/<id>.md on the site quotes seed 2 after a seed-2 run", arguments: ["backprop", "pretrain-finetune"])
  func seedTwo(lessonID: String) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let lesson = try LessonCatalog.lesson(lessonID)
    let seedOneFolder = folder.url.appendingPathComponent("seed1")
    let output = folder.url.appendingPathComponent("output")
    _ = try LessonRunner(outputRoot: seedOneFolder).run(lesson, seed: 1, quick: true, command: "workbench run \(lessonID) --quick")
    _ = try LessonRunner(outputRoot: output).run(lesson, seed: 2, quick: true, command: "workbench run \(lessonID) --seed 2 --quick")
    let site = output.appendingPathComponent("site")
    _ = try SiteBuilder(
      glossary: FixtureGlossary.load(FixtureGlossary.valid), lessonIDs: FixtureGlossary.lessonIDs, lessonOutputFolder: output,
      lessonNarrativeFolder: Self.repository.appendingPathComponent("lessons")
    ).build(into: site)
    let page = try String(contentsOf: site.appendingPathComponent("lessons/\(lessonID).html"), encoding: .utf8)
    let start = try #require(page.range(of: "<div class=\"prose narrative\">"))
    let rest = page[start.upperBound...]
    let narrativeHTML = rest.range(of: "<section id=").map { String(rest[..<$0.lowerBound]) } ?? String(rest)

    let source = try String(contentsOf: Self.repository.appendingPathComponent("lessons/\(lessonID).md"), encoding: .utf8)
    let one = MeasuredValues.load(outputFolder: seedOneFolder, lessonIDs: [lessonID])
    let two = MeasuredValues.load(outputFolder: output, lessonIDs: [lessonID])
    let placeholders = MetricPlaceholder.scan(source).placeholders
    #expect(!placeholders.isEmpty)
    var samplesChecked = 0
    var numbersChecked = 0
    for placeholder in placeholders {
      let filledTwo = two.fill(String(source[placeholder.range]), preferring: [lessonID])
      let filledOne = one.fill(String(source[placeholder.range]), preferring: [lessonID])
      #expect(!filledTwo.contains("not measured yet"), "\(placeholder.reference) has no value after the run")
      // As the page shows it: a sample is a code span whose text is HTML-escaped.
      func shown(_ filled: String) -> String {
        placeholder.kind == .sample ? HTMLEscaping.text(filled.trimmingCharacters(in: CharacterSet(charactersIn: "` "))) : filled
      }
      #expect(narrativeHTML.contains(shown(filledTwo)), "\(placeholder.reference): seed 2's \(filledTwo) is not on the page")
      guard filledOne != filledTwo else { continue }
      if placeholder.kind == .sample {
        #expect(!narrativeHTML.contains(shown(filledOne)), "\(placeholder.reference): seed 1's sample is on the page")
        samplesChecked += 1
      } else if filledOne.count >= 4, !source.contains(filledOne),
        !placeholders.contains(where: { two.fill(String(source[$0.range]), preferring: [lessonID]) == filledOne })
      {
        #expect(!Self.containsNumber(narrativeHTML, filledOne), "\(placeholder.reference): seed 1's \(filledOne) is on the page")
        numbersChecked += 1
      }
    }
    #expect(numbersChecked > 0)
    if lessonID == "pretrain-finetune" { #expect(samplesChecked >= 3, "the narrative quotes the run's samples") }
  }
}
