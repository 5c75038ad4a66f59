import Foundation
import Testing
@testable import GlossarySite

/// The generated site: every link resolves, every page is accessible, nothing can inject
/// markup, and a failed build leaves the previous site as it was.
@Suite struct SiteBuilderTests {
  /// A temporary project with the fixture glossary and lesson outputs.
  struct Project {
    let folder: TemporaryFolder
    var glossary = FixtureGlossary.load(FixtureGlossary.valid)
    var costPage: CostPage?

    init() throws {
      folder = try TemporaryFolder()
      try FixtureLessons.writeStandard(into: folder)
    }

    var site: URL { folder.url.appendingPathComponent("output/site") }
    var builder: SiteBuilder {
      SiteBuilder(
        glossary: glossary, lessonIDs: FixtureGlossary.lessonIDs,
        lessonOutputFolder: folder.url.appendingPathComponent("output"),
        lessonNarrativeFolder: folder.url.appendingPathComponent("lessons"), costPage: costPage)
    }

    @discardableResult
    func build(runLesson: ((String) throws -> Void)? = nil) throws -> SiteReport {
      try builder.build(into: site, runLesson: runLesson)
    }
  }

  @Test func buildsEveryPageAndEveryLinkResolves() throws {
    let project = try Project()
    defer { project.folder.remove() }
    let report = try project.build()
    #expect(report.pageCount == 1 + 5 + 6)
    #expect(report.imageCount == 3)
    #expect(report.lessonsRun.isEmpty)
    #expect(report.lessonsMissing == ["training-loop", "parameters", "scaling", "preference-tuning"])
    let site = SiteInspector(root: project.site)
    #expect(site.files() == [
      ".workbench-site", "film.js", "index.html",
      "lessons/backprop.html", "lessons/backprop/loss-curve.png", "lessons/parameters.html",
      "lessons/preference-tuning.html", "lessons/pretrain-finetune.html", "lessons/pretrain-finetune/forgetting.png",
      "lessons/pretrain-finetune/losses.png", "lessons/scaling.html", "lessons/training-loop.html",
      "search-index.js", "search.js", "site.css",
      "terms/backpropagation.html", "terms/fine-tuning.html", "terms/gradient.html", "terms/lora.html", "terms/pre-training.html",
    ])
    #expect(site.brokenLinks() == [])
    // The checker itself finds a broken link.
    try project.folder.write("<a href=\"terms/missing.html\">x</a><a href=\"#nowhere\">y</a>", to: "output/site/broken.html")
    #expect(site.brokenLinks() == ["broken.html: terms/missing.html (no file terms/missing.html)", "broken.html: #nowhere (no id 'nowhere' in broken.html)"])
  }

  @Test func everyPageHasATitleOneH1AltTextAndOrderedHeadings() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.build()
    let site = SiteInspector(root: project.site)
    #expect(site.pages().count == 12)
    for page in site.pages() {
      let html = site.text(page)
      #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(page)")
      #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), "\(page)")
      #expect(!(site.title(of: page) ?? "").isEmpty, "\(page) has no title")
      #expect(site.tags("h1", in: page).count == 1, "\(page) must have exactly one h1")
      for image in site.tags("img", in: page) {
        #expect(image.range(of: #"alt="[^"]+""#, options: .regularExpression) != nil, "\(page): \(image)")
      }
      let levels = site.headingLevels(in: page)
      #expect(levels.first == 1, "\(page)")
      for (previous, next) in zip(levels, levels.dropFirst()) {
        #expect(next <= previous + 1, "\(page): heading h\(previous) is followed by h\(next)")
      }
    }
  }

  @Test func scriptInTermOrBodyRendersEscapedAndInert() throws {
    var project = try Project()
    defer { project.folder.remove() }
    var sections = FixtureGlossary.sections
    sections[0] = ("In depth", "Text <script>alert(2)</script> inline.\n\n<script>alert(3)</script>\n\n<img src=x onerror=alert(4)>")
    let xss = FixtureGlossary.entry(term: "<script>alert(1)</script>", aliases: ["'\"><b>bold</b>'"], summary: "A </title> & <b>summary</b>.", sections: sections)
    project.glossary = FixtureGlossary.load(FixtureGlossary.valid + [("xss.md", xss)])
    #expect(project.glossary.errors.isEmpty, "\(project.glossary.errors)")
    try project.build()
    let site = SiteInspector(root: project.site)
    for page in site.pages() {
      let scripts = site.tags("script", in: page)
      #expect(scripts == (page == "index.html" ? ["<script src=\"search-index.js\">", "<script src=\"search.js\">"] : []), "\(page)")
      #expect(site.tags("b", in: page).isEmpty, "\(page)")
      #expect(!site.text(page).contains("onerror=alert(4)>") || site.text(page).contains("onerror=alert(4)&gt;"), "\(page)")
      #expect(site.tags("img", in: page).allSatisfy { !$0.contains("onerror") }, "\(page)")
    }
    let entry = site.text("terms/xss.html")
    #expect(entry.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
    #expect(entry.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Workbench: how AI models are trained</title>"))
    #expect(entry.contains("<meta name=\"description\" content=\"A &lt;/title&gt; &amp; &lt;b&gt;summary&lt;/b&gt;.\">"))
    #expect(entry.contains("Text &lt;script&gt;alert(2)&lt;/script&gt; inline."))
    #expect(entry.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
    // The search index is data: the term is a JSON string, decoded back unchanged.
    let script = site.text("search-index.js")
    let json = try #require(script.split(separator: "=", maxSplits: 1).last?.trimmingCharacters(in: .whitespacesAndNewlines).dropLast())
    let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    #expect(items.contains { $0["term"] as? String == "<script>alert(1)</script>" })
  }

  @Test func brokenRelatedSlugRefusesToBuild() throws {
    var project = try Project()
    defer { project.folder.remove() }
    project.glossary = FixtureGlossary.load(FixtureGlossary.valid(
      replacing: "lora.md", with: FixtureGlossary.entry(term: "LoRA", related: ["fine-tunning"])))
    #expect(project.glossary.errors.map(\.description) == [
      "glossary/lora.md:6: related slug 'fine-tunning' does not exist (did you mean 'fine-tuning'?)"
    ])
    #expect(throws: SiteError.self) { try project.build() }
    #expect(!FileManager.default.fileExists(atPath: project.site.path))
  }

  @Test(arguments: ["bad json", "missing png", "not a png", "wrong lesson"])
  func failedBuildLeavesThePreviousSiteIntact(failure: String) throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.build()
    let before = try project.folder.read("output/site/index.html")
    let lessonPage = try project.folder.read("output/site/lessons/backprop.html")
    switch failure {
    case "bad json": try project.folder.write("{ not json", to: "output/backprop/metrics.json")
    case "missing png": try FileManager.default.removeItem(at: project.folder.url.appendingPathComponent("output/backprop/loss-curve.png"))
    case "not a png": try project.folder.write("GIF89a", to: "output/backprop/loss-curve.png")
    default: try project.folder.write(try project.folder.read("output/pretrain-finetune/metrics.json"), to: "output/backprop/metrics.json")
    }
    #expect(throws: SiteError.self) { try project.build() }
    #expect(try project.folder.read("output/site/index.html") == before)
    #expect(try project.folder.read("output/site/lessons/backprop.html") == lessonPage)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.folder.url.appendingPathComponent("output").path)
    #expect(leftovers.sorted() == ["backprop", "pretrain-finetune", "site"])
  }

  @Test func stagingFolderIsDiscardedOrSwappedInWhole() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let destination = folder.url.appendingPathComponent("site")
    try folder.write("old", to: "site/index.html")
    try folder.write("", to: "site/\(SiteFolder.marker)")
    // A build that fails half-way: the staging folder goes, the old site stays.
    let failed = try SiteFolder(destination: destination)
    try failed.write("half", to: "index.html")
    failed.discard()
    #expect(try folder.read("site/index.html") == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site"])
    // A build that finishes: the new site replaces the old one whole.
    let finished = try SiteFolder(destination: destination)
    try finished.write("new", to: "index.html")
    try finished.write("page", to: "terms/a.html")
    try finished.commit()
    #expect(try folder.read("site/index.html") == "new")
    #expect(SiteInspector(root: destination).files() == [SiteFolder.marker, "index.html", "terms/a.html"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site"])
  }

  @Test func missingLessonsAreRunThroughTheCallback() throws {
    let project = try Project()
    defer { project.folder.remove() }
    var asked: [String] = []
    let report = try project.build { id in
      asked.append(id)
      try FixtureLessons.writeOutput(id: id, plots: ["\(id).png"], terms: [], into: project.folder)
    }
    #expect(asked == ["training-loop", "parameters", "scaling", "preference-tuning"])
    #expect(report.lessonsRun == asked)
    #expect(report.lessonsMissing.isEmpty)
    #expect(report.imageCount == 3 + 4)
    #expect(try project.folder.read("output/site/lessons/scaling.html").contains("<img src=\"scaling/scaling.png\""))
    // Second build: nothing is missing, nothing is run.
    var again: [String] = []
    try project.build { again.append($0) }
    #expect(again.isEmpty)
  }

  @Test func refusesToReplaceAFolderItDidNotMake() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.folder.write("keep me", to: "output/site/important.txt")
    #expect(throws: SiteError.self) { try project.build() }
    #expect(try project.folder.read("output/site/important.txt") == "keep me")
  }

  @Test func buildIsDeterministic() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.build()
    let first = SiteInspector(root: project.site)
    let snapshot = Dictionary(uniqueKeysWithValues: first.files().map { ($0, try? Data(contentsOf: project.site.appendingPathComponent($0))) })
    try project.build()
    let second = SiteInspector(root: project.site)
    #expect(second.files() == first.files())
    for file in second.files() {
      #expect(snapshot[file] == (try? Data(contentsOf: project.site.appendingPathComponent(file))), "\(file)")
    }
  }

  @Test func entryPageShowsItsLessonPlotsWithCaptionAltAndCommand() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.build()
    let page = try project.folder.read("output/site/terms/fine-tuning.html")
    #expect(page.contains(
      "<img src=\"../lessons/pretrain-finetune/losses.png\" alt=\"Alt text for losses.png\" width=\"40\" height=\"30\" loading=\"lazy\">"))
    #expect(page.contains(
      "<figcaption><strong>Plot losses.png.</strong> What losses.png shows.<span class=\"reproduce\">Reproduce: <code>workbench run pretrain-finetune --seed 1 --quick</code></span></figcaption>"))
    #expect(page.contains("<h2>In depth</h2>"))
    #expect(page.contains("<a href=\"../terms/lora.html\">link to LoRA</a>"))
    #expect(page.contains("<a href=\"../terms/pre-training.html\">Pre-training</a>"))
    // An entry whose lesson has not run says how to run it.
    var project2 = project
    project2.glossary = FixtureGlossary.load(FixtureGlossary.valid(replacing: "gradient.md", with: FixtureGlossary.entry(
      term: "Gradient", aliases: [], category: "Mechanics", related: ["backpropagation"], lessons: ["backprop", "training-loop"])))
    try project2.build()
    #expect(try project.folder.read("output/site/terms/gradient.html").contains(
      "This lesson has not been run yet. Run <code>workbench run training-loop</code> and rebuild the site to see its plots here."))
  }

  @Test func measuredFigureIsShownBesideItsEntryWithTheRecordsCaptionAndCommand() throws {
    var project = try Project()
    defer { project.folder.remove() }
    // An entry listing a figure two folders up, as the glossary lists docs/images/.
    let text = FixtureGlossary.entry(term: "LoRA", aliases: ["low-rank adaptation"], related: ["fine-tuning"], lessons: [])
      .replacingOccurrences(of: "lessons: []", with: "lessons: []\nfigures: [../docs/images/split.png]")
    let files = FixtureGlossary.valid(replacing: "lora.md", with: text)
    project.glossary = GlossaryLoader.load(
      files: files.map { ($0.name, Data($0.text.utf8)) }, folderPath: project.folder.url.appendingPathComponent("glossary").path,
      knownLessonIDs: FixtureGlossary.lessonIDs)
    // Without the figure the build refuses, naming it and the entry.
    #expect {
      try project.build()
    } throws: { error in
      "\(error)".hasPrefix("Figure '../docs/images/split.png' (listed in ") && "\(error)".hasSuffix("lora.md) is missing; run the command that draws it, or remove it from 'figures'.")
    }
    try project.folder.write(FixtureLessons.png(width: 120, height: 80), to: "docs/images/split.png")
    // Without its record too.
    #expect(throws: SiteError.self) { try project.build() }
    _ = try project.folder.write(
      """
      {"measured": "2026-12-07", "machine": "A CPU, avx2 kernels, Linux 6.18", "command": "mpirun -np 2 workbench bench data-parallel --figure docs/images/split.png",
       "caption": "One step on 1 and 2 processes, measured on 2026-12-07.", "alt": "Bars of seconds per step."}
      """, to: "docs/images/split.json")
    let report = try project.build()
    #expect(report.imageCount == 4)
    let site = SiteInspector(root: project.site)
    #expect(site.files().contains("figures/split.png"))
    #expect(site.brokenLinks() == [])
    let page = site.text("terms/lora.html")
    #expect(page.contains("<h2 id=\"see-it-train\">See it measured</h2>"))
    #expect(page.contains("<h3>Measured on 2026-12-07</h3>"))
    #expect(page.contains("<img src=\"../figures/split.png\" alt=\"Bars of seconds per step.\" width=\"120\" height=\"80\" loading=\"lazy\">"))
    #expect(page.contains(
      "<figcaption> One step on 1 and 2 processes, measured on 2026-12-07.<span class=\"reproduce\">Reproduce: <code>mpirun -np 2 workbench bench data-parallel --figure docs/images/split.png</code></span></figcaption>"))
    #expect(try Data(contentsOf: project.site.appendingPathComponent("figures/split.png")) == FixtureLessons.png(width: 120, height: 80))
  }

  @Test func lessonPageShowsNarrativePlotsClaimsMetricsAndTables() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.build()
    let page = try project.folder.read("output/site/lessons/backprop.html")
    #expect(page.contains("<h1>Lesson backprop</h1>"))
    #expect(!page.contains("<h1>Backprop</h1>"))  // the narrative's own title is dropped
    #expect(page.contains("<h2>What to notice</h2>"))  // and its headings sit under the page's h1
    #expect(page.contains("<a href=\"../terms/gradient.html\">gradient</a>"))
    #expect(page.contains("<img src=\"../lessons/backprop/loss-curve.png\" alt=\"the curve\">"))
    #expect(page.contains("A <a>dead link</a>."))
    #expect(page.contains("<span class=\"badge pass\">Passed</span> Accuracy reaches 0.97<span class=\"detail\">Measured: accuracy 0.990</span>"))
    #expect(page.contains("<td>train_accuracy</td><td class=\"num\">0.99</td><td>fraction</td>"))
    #expect(page.contains("<td>steps</td><td class=\"num\">300</td><td>count</td>"))
    #expect(page.contains("<h3>Check</h3>"))
    #expect(page.contains("<a href=\"../terms/backpropagation.html\">Backpropagation</a>"))
    let missing = try project.folder.read("output/site/lessons/scaling.html")
    #expect(missing.contains("<h1>scaling</h1>"))
    #expect(missing.contains("Run <code>workbench run scaling</code>, then rebuild the site"))
  }

  @Test func failedClaimIsMarkedFailed() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try FixtureLessons.writeOutput(id: "backprop", plots: [], terms: [], into: project.folder, claimPasses: false)
    try project.build()
    #expect(try project.folder.read("output/site/lessons/backprop.html").contains(
      "<li class=\"claim fail\"><span class=\"badge fail\">Failed</span> Accuracy reaches 0.97"))
  }

  @Test func indexListsCategoriesLettersAndLessons() throws {
    let project = try Project()
    defer { project.folder.remove() }
    try project.build()
    let index = try project.folder.read("output/site/index.html")
    #expect(index.contains("<h3 id=\"training-stages\">Training stages</h3>"))
    #expect(index.contains("<h3 id=\"mechanics\">Mechanics</h3>"))
    #expect(!index.contains("id=\"using-models\""))  // no entries in that category
    let letters = SiteInspector(root: project.site).tags("h4", in: "index.html").filter { $0.contains("letter-") }
    #expect(letters == ["<h4 id=\"letter-b\">", "<h4 id=\"letter-f\">", "<h4 id=\"letter-g\">", "<h4 id=\"letter-l\">", "<h4 id=\"letter-p\">"])
    // The lessons lead the page, in teaching order, each with its running time; the glossary follows.
    let lessons = try #require(index.range(of: "id=\"lessons\""))
    let glossary = try #require(index.range(of: "id=\"glossary-heading\""))
    #expect(lessons.lowerBound < glossary.lowerBound)
    #expect(index.contains("<h1>How AI models are trained: lessons and a glossary</h1>"))
    #expect(index.contains("<span class=\"duration\"> · about 30 seconds to run</span>"))
    #expect(index.contains("Not run yet: run <code>workbench run training-loop</code> and rebuild the site."))
    #expect(index.contains("<label for=\"search\">Search the glossary</label>"))
    #expect(!index.contains("cost.html"))
  }

  @Test func costPageIsBuiltWhenGiven() throws {
    var project = try Project()
    defer { project.folder.remove() }
    let png = try project.folder.write(FixtureLessons.png(width: 64, height: 48), to: "cost.png")
    project.costPage = CostPage(
      title: "What training costs", introduction: "Estimates from **FLOPs**.",
      tables: [SiteTable(title: "Presets", columns: ["Preset", "GPU-hours"], rows: [["7B", "80,000"], ["<script>", "1"]])],
      plot: SiteImage(file: png, caption: "Cost against model size.", alt: "A rising line"), command: "workbench cost --presets")
    let report = try project.build()
    #expect(report.pageCount == 13)
    let site = SiteInspector(root: project.site)
    #expect(site.brokenLinks() == [])
    let page = site.text("cost.html")
    #expect(page.contains("<h1>What training costs</h1>"))
    #expect(page.contains("<strong>FLOPs</strong>"))
    #expect(page.contains("<td>7B</td><td class=\"num\">80,000</td>"))
    #expect(page.contains("<td>&lt;script&gt;</td>"))
    #expect(page.contains("<img src=\"cost/plot.png\" alt=\"A rising line\" width=\"64\" height=\"48\""))
    #expect(site.text("terms/lora.html").contains("<a href=\"../cost.html\">Cost</a>"))
  }
}
