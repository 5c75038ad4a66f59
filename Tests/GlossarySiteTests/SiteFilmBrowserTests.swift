import Foundation
import Testing

@testable import GlossarySite
@testable import Lessons

/// A real quick backprop run on the site, in headless Chromium at 1280 and 390 px, light and dark:
/// no horizontal overflow, no console errors, every image and the film load (naturalWidth > 0), the
/// scrubber's slider changes the frame and its label and Play advances it, and dark mode really
/// switches to light text on a dark background. Never skipped: `.ci/run` installs Chromium.
@Suite struct SiteFilmBrowserTests {
  static let pages = ["lessons/backprop.html", "terms/backpropagation.html"]
  static let widths = [1280, 390]

  @Test func filmsAndScrubberWorkInTheBrowser() throws {
    try #require(Chromium.executable != nil, "needs chromium on PATH: `apt-get install chromium` (the CI script .ci/run does)")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let output = folder.url.appendingPathComponent("output")
    let result = try LessonRunner(outputRoot: output).run(
      BackpropLesson(), seed: 1, quick: true, command: "workbench run backprop --quick")
    let film = try #require(result.films.first)
    _ = try folder.write("# Backprop\n\nAccuracy {{ metric moons_train_accuracy | 3 }}.\n", to: "lessons/backprop.md")
    let site = output.appendingPathComponent("site")
    _ = try SiteBuilder(
      glossary: FixtureGlossary.load(FixtureGlossary.valid), lessonIDs: FixtureGlossary.lessonIDs,
      lessonOutputFolder: output, lessonNarrativeFolder: folder.url.appendingPathComponent("lessons")
    ).build(into: site)

    let frames = Self.pages.flatMap { page in Self.widths.map { (id: "\(page)@\($0)", page: page, width: $0) } }
    var probe = "<!DOCTYPE html><html><head><title>probe</title><style>body{margin:0;display:grid;grid-template-columns:1280px 390px;align-items:start}"
    probe += "iframe{border:0;height:1000px}</style></head><body>"
    for frame in frames { probe += "<iframe id=\"\(frame.id)\" src=\"\(frame.page)\" style=\"width:\(frame.width)px\"></iframe>" }
    probe += #"""
      <pre id="probe-result"></pre><script>
      window.addEventListener("load", function () {
        var lines = [], pending = 0;
        document.querySelectorAll("iframe").forEach(function (frame) {
          var doc = frame.contentDocument, win = frame.contentWindow, root = doc.documentElement;
          var images = doc.querySelectorAll("img"), loaded = 0;
          images.forEach(function (i) { if (i.complete && i.naturalWidth > 0) loaded++; });
          var film = doc.querySelector("figure.film");
          var style = win.getComputedStyle(doc.body);
          var fields = [frame.id, root.scrollWidth, root.clientWidth, loaded, images.length, style.backgroundColor.replace(/ /g, ""), style.color.replace(/ /g, "")];
          if (!film) { lines.push(fields.concat(["-", "-", "-", "-", "-"]).join(" ")); return; }
          var slider = film.querySelector(".film-slider"), label = film.querySelector(".film-label");
          var image = film.querySelector(".film-image"), button = film.querySelector(".film-play");
          var items = film.querySelectorAll(".film-frames li");
          var controlsShown = !film.querySelector(".film-controls").hidden;
          slider.value = "3";
          slider.dispatchEvent(new Event("input"));
          var moved = image.getAttribute("src").indexOf("-frame-003.png") >= 0 && label.textContent === items[3].textContent;
          button.click();
          pending++;
          setTimeout(function () {
            var playing = Number(film.getAttribute("data-frame")) > 3;
            button.click();
            lines.push(fields.concat([controlsShown, moved, playing, items.length, image.naturalWidth > 0]).join(" "));
            if (--pending === 0) document.getElementById("probe-result").textContent = lines.join("\n");
          }, 700);
        });
        if (pending === 0) document.getElementById("probe-result").textContent = lines.join("\n");
      });
      </script></body></html>
      """#
    let probeURL = try folder.write(probe, to: "output/site/probe.html")

    for dark in [false, true] {
      let dom = folder.url.appendingPathComponent("dom-\(dark).html")
      let errors = folder.url.appendingPathComponent("errors-\(dark).log")
      let process = try Chromium.start(
        ["--window-size=1670,1000", "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0", "--dump-dom"]
          + (dark ? ["--blink-settings=preferredColorScheme=0"] : []),
        page: probeURL, output: dom, scratch: folder.url, errors: errors)
      #expect(Chromium.wait(process, seconds: 90), "chromium --dump-dom timed out")
      let text = try String(contentsOf: dom, encoding: .utf8)
      let block = try #require(text.range(of: #"<pre id="probe-result">[^<]*</pre>"#, options: .regularExpression).map { String(text[$0]) })
      let rows = block.dropFirst(#"<pre id="probe-result">"#.count).dropLast("</pre>".count).split(separator: "\n").map {
        $0.split(separator: " ").map(String.init)
      }
      #expect(rows.count == frames.count, "\(block)")
      #expect(rows.allSatisfy { $0.count == 12 }, "\(block)")
      for row in rows where row.count == 12 {
        let id = row[0]
        #expect(Int(row[1])! <= Int(row[2])!, "\(id): \(row[1]) px of content in a \(row[2]) px viewport")
        #expect(row[3] == row[4] && Int(row[4])! > 0, "\(id): \(row[3]) of \(row[4]) images loaded")
        // Dark mode: light text on a dark background; light mode the reverse.
        #expect(dark ? row[5] == "rgb(15,20,25)" : row[5] == "rgb(255,255,255)", "\(id) background \(row[5]) (dark \(dark))")
        #expect(dark ? row[6] == "rgb(230,237,243)" : row[6] != row[5], "\(id) text colour \(row[6]) (dark \(dark))")
        // Both pages show the film (the entry lists the backprop lesson); the scrubber works.
        #expect(row[7] == "true", "\(id): the scrubber's controls are hidden")
        #expect(row[8] == "true", "\(id): the slider did not change the frame and its label")
        #expect(row[9] == "true", "\(id): Play did not advance the frame")
        #expect(row[10] == String(film.frames.count), "\(id): \(row[10]) frames listed, the lesson reports \(film.frames.count)")
        #expect(row[11] == "true", "\(id): the film did not load")
      }
      let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
      let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("Error")) }
      #expect(consoleErrors.isEmpty, "console errors: \(consoleErrors.joined(separator: "\n"))")
    }
  }
}
