import Foundation
import Testing
@testable import GlossarySite

/// The site in a real browser: screenshots of the index, an entry and a lesson at desktop
/// (1280 px) and phone (390 px) widths, a check that no page is wider than its viewport,
/// and the client-side search run in the browser.
/// Never skipped: `.ci/run` installs Chromium; without it these tests fail and say how to install it.
@Suite struct SiteScreenshotTests {
  static let pages = ["index.html", "terms/fine-tuning.html", "lessons/pretrain-finetune.html"]
  static let widths = [1280, 390]

  /// Where the screenshot is kept for people to look at after the run.
  static let screenshotFolder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-site-screenshots")

  @Test func pagesFitPhoneAndDesktopWidths() throws {
    try #require(Chromium.executable != nil, "needs chromium on PATH: `apt-get install chromium` (the CI script .ci/run does)")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try FixtureLessons.writeStandard(into: folder)
    // Things that widen pages: a wide plot, a long word, a long code line, a wide table.
    try folder.write(FixtureLessons.png(width: 1200, height: 300), to: "output/pretrain-finetune/losses.png")
    var sections = FixtureGlossary.sections
    sections[0].1 += "\n\nA long word: Pneumonoultramicroscopicsilicovolcanoconiosis-and-more-and-more-and-more.\n\n"
      + "```\n" + String(repeating: "wide_code_line ", count: 20) + "\n```\n\n"
      + "| " + (1...12).map { "column \($0)" }.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: 12) + "\n"
      + "| " + (1...12).map { "value \($0)" }.joined(separator: " | ") + " |"
    let glossary = FixtureGlossary.load(FixtureGlossary.valid(replacing: "fine-tuning.md", with: FixtureGlossary.entry(
      term: "Fine-tuning", aliases: ["finetuning", "fine tune"], related: ["pre-training", "lora"], lessons: ["pretrain-finetune"],
      sections: sections)))
    #expect(glossary.issues.isEmpty)
    let site = folder.url.appendingPathComponent("output/site")
    _ = try SiteBuilder(
      glossary: glossary, lessonIDs: FixtureGlossary.lessonIDs, lessonOutputFolder: folder.url.appendingPathComponent("output"),
      lessonNarrativeFolder: folder.url.appendingPathComponent("lessons")
    ).build(into: site)

    // A control page that is too wide on purpose, so the check is shown to fail when it should.
    try folder.write(
      "<!DOCTYPE html><html lang=\"en\"><head><link rel=\"stylesheet\" href=\"site.css\"><title>c</title></head><body><main><div style=\"width:700px\">too wide</div></main></body></html>",
      to: "output/site/control.html")
    let frames = Self.pages.flatMap { page in Self.widths.map { (id: "\(page)@\($0)", page: page, width: $0) } }
      + [(id: "control@390", page: "control.html", width: 390), (id: "search@390", page: "index.html?q=low%20rank", width: 390)]
    let frameHeight = 1000
    var probe = "<!DOCTYPE html><html><head><title>probe</title><style>body{margin:0;display:grid;grid-template-columns:1280px 390px;align-items:start}"
    probe += "iframe{border:0;height:\(frameHeight)px}</style></head><body>"
    for frame in frames {
      probe += "<iframe id=\"\(frame.id)\" src=\"\(frame.page)\" style=\"width:\(frame.width)px\"></iframe>"
    }
    probe += """
      <pre id="probe-result"></pre><script>
      window.addEventListener("load", function () {
        var lines = [];
        document.querySelectorAll("iframe").forEach(function (frame) {
          var root = frame.contentDocument.documentElement;
          var results = frame.contentDocument.querySelectorAll("#search-results a");
          var first = results.length > 0 ? results[0].getAttribute("href") : "-";
          lines.push(frame.id + " " + root.scrollWidth + " " + root.clientWidth + " " + results.length + " " + first);
        });
        document.getElementById("probe-result").textContent = lines.join("\\n");
      });
      </script></body></html>
      """
    let probeURL = try folder.write(probe, to: "output/site/probe.html")

    try FileManager.default.createDirectory(at: Self.screenshotFolder, withIntermediateDirectories: true)
    let screenshot = Self.screenshotFolder.appendingPathComponent("site-1280-and-390.png")
    try? FileManager.default.removeItem(at: screenshot)
    let windowWidth = 1280 + 390
    let dom = folder.url.appendingPathComponent("dom.html")
    let measuring = try Chromium.start(["--window-size=\(windowWidth),\(frameHeight)", "--dump-dom"], page: probeURL, output: dom, scratch: folder.url)
    let shooting = try Chromium.start(
      ["--window-size=\(windowWidth),\(frameHeight * Self.pages.count)", "--screenshot=\(screenshot.path)"],
      page: probeURL, output: folder.url.appendingPathComponent("screenshot.log"), scratch: folder.url)
    #expect(Chromium.wait(measuring, seconds: 60), "chromium --dump-dom timed out")
    #expect(Chromium.wait(shooting, seconds: 60), "chromium --screenshot timed out")

    let text = try String(contentsOf: dom, encoding: .utf8)
    let result = try #require(text.range(of: #"<pre id="probe-result">[^<]*</pre>"#, options: .regularExpression).map { String(text[$0]) })
    var measured: [String: (scroll: Int, client: Int, results: Int, first: String)] = [:]
    for line in result.dropFirst(#"<pre id="probe-result">"#.count).dropLast("</pre>".count).split(separator: "\n") {
      let parts = line.split(separator: " ").map(String.init)
      if parts.count == 5, let scroll = Int(parts[1]), let client = Int(parts[2]), let results = Int(parts[3]) {
        measured[parts[0]] = (scroll, client, results, parts[4])
      }
    }
    #expect(measured.count == frames.count, "\(result)")
    for frame in frames {
      let size = try #require(measured[frame.id], "\(frame.id) was not measured")
      #expect(size.client == frame.width, "\(frame.id): the viewport is \(size.client) px, not \(frame.width) px")
      if frame.page == "control.html" {
        #expect(size.scroll > size.client, "the control page should overflow; the check cannot see overflow")
      } else {
        #expect(size.scroll <= size.client, "\(frame.id): the page is \(size.scroll) px wide in a \(size.client) px viewport")
      }
    }
    // The client-side search ran from file:// and found LoRA for "low rank" (and nothing else).
    #expect(measured["search@390"]?.results == 1)
    #expect(measured["search@390"]?.first == "terms/lora.html")
    #expect(measured["index.html@390"]?.results == 0)
    let png = try Data(contentsOf: screenshot)
    #expect(PNGSize(data: png)?.width == windowWidth)
    #expect(PNGSize(data: png)?.height == frameHeight * Self.pages.count)
  }
}
