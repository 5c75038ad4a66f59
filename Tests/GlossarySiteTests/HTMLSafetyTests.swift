import Testing
@testable import GlossarySite

/// Escaping by construction and neutralised Markdown: nothing in an entry can become markup.
@Suite struct HTMLSafetyTests {
  private func render(_ markdown: String) -> String { MarkdownRenderer().render(markdown).html }

  @Test func textAndAttributesAreEscaped() {
    let node = HTMLNode.element("a", ["href": "x\" onclick=\"alert(1)", "title": "it's <b>"]) { "<script>alert('x') & more</script>" }
    #expect(node.html == "<a href=\"x&quot; onclick=&quot;alert(1)\" title=\"it&#39;s &lt;b&gt;\">&lt;script&gt;alert('x') &amp; more&lt;/script&gt;</a>")
  }

  @Test(arguments: [
    "<script>alert(1)</script>",
    "Before <script>alert(1)</script> after",
    "<div onclick=\"alert(1)\">click</div>",
    "<img src=x onerror=alert(1)>",
    "Inline <b onmouseover=\"alert(1)\">bold</b> text",
    "<!-- <script>alert(1)</script> -->",
  ])
  func rawHTMLIsShownAsText(markdown: String) {
    let html = render(markdown)
    #expect(!html.contains("<script"), "\(html)")
    #expect(!html.contains("<div"), "\(html)")
    #expect(!html.contains("<b "), "\(html)")
    #expect(!html.contains("<img"), "\(html)")
    #expect(html.contains("&lt;"), "\(html)")
  }

  @Test func scriptBlockIsEscapedVerbatim() {
    #expect(render("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
  }

  @Test(arguments: [
    ("[x](javascript:alert(1))", "<p><a>x</a></p>"),
    ("[x](JaVaScRiPt:alert(1))", "<p><a>x</a></p>"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "<p><a>x</a></p>"),
    ("[x](https://example.com/a?b=1&c=2)", "<p><a href=\"https://example.com/a?b=1&amp;c=2\">x</a></p>"),
    ("[x](#in-page)", "<p><a href=\"#in-page\">x</a></p>"),
    ("[x](\" onmouseover=\"alert(1))", "<p><a>x</a></p>"),
  ])
  func linksAreLimitedToSafeTargets(markdown: String, html: String) {
    #expect(render(markdown) == html)
  }

  @Test func imageAttributesCannotBreakOut() {
    let html = render("![a\" onerror=\"alert(1)](pic.png)")
    #expect(!html.contains("onerror"), "\(html)")
    #expect(html.contains("<img src=\"pic.png\" alt=\"a\">"), "\(html)")
  }

  @Test func remoteImagesAreReplacedByTheirDescription() {
    #expect(render("![a chart](https://example.com/chart.png)") == "a chart")
  }

  @Test func codeBlockLanguageCannotInjectAttributes() {
    let html = render("```swift\" onclick=\"alert(1)\nlet x = 1 < 2\n```")
    #expect(!html.contains("onclick"), "\(html)")
    #expect(html.contains("let x = 1 &lt; 2"))
    #expect(render("```swift\nlet x = 1\n```") == "<pre><code class=\"language-swift\">let x = 1\n</code></pre>")
  }

  @Test func markdownStructureSurvives() {
    let html = render("## Title\n\n**Bold** and *em* and `code`.\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |")
    #expect(html.contains("<h2>Title</h2>"))
    #expect(html.contains("<strong>Bold</strong> and <em>em</em> and <code>code</code>."))
    #expect(html.contains("<ul><li>one</li><li>two</li></ul>"))
    #expect(html.contains("<div class=\"table-scroll\"><table>"))
    #expect(html.contains("</table></div>"))
    #expect(html.contains("<td align=\"right\">2</td>"))
  }

  @Test func headingsShiftUnderThePageHeading() {
    var sanitizer = HTMLSanitizer()
    sanitizer.headingShift = 1
    #expect(MarkdownRenderer(sanitizer: sanitizer).render("# A\n\n###### F").html == "<h2>A</h2><h6>F</h6>")
  }

  @Test func relativeLinksAreRewrittenOrDropped() {
    var sanitizer = HTMLSanitizer()
    sanitizer.rewriteRelativeURL = { $0 == "lora.md" ? "lora.html" : nil }
    let renderer = MarkdownRenderer(sanitizer: sanitizer)
    #expect(renderer.render("[LoRA](lora.md) and [gone](gone.html)").html == "<p><a href=\"lora.html\">LoRA</a> and <a>gone</a></p>")
  }
}
