import Foundation
import Testing

@testable import GlossarySite

/// Fenced code indented under a list item stays inside that item: every "Try this" command of every
/// lesson narrative renders as a code block inside a list item, and no fence is shown as text.
@Suite struct NarrativeListTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let narratives = (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("lessons").path))?
    .filter { $0.hasSuffix(".md") }.sorted() ?? []

  @Test("a list whose items hold indented fences renders each fence as code inside its item")
  func listWithFences() {
    let markdown = """
      Before.

      - First, with **bold**:

        ```sh
        workbench run backprop --steps 10
        ```

      - Second:

        ```sh
        workbench run backprop --lr 1
        ```

      After, a paragraph.
      """
    let html = MarkdownRenderer().render(markdown).html
    #expect(!html.contains("```"))
    #expect(html.contains("<li><p>First, with <strong>bold</strong>:</p><pre><code class=\"language-sh\">workbench run backprop --steps 10\n</code></pre></li>")
      || html.contains("<li><p>First, with <strong>bold</strong>:</p><pre><code>workbench run backprop --steps 10\n</code></pre></li>"),
      "got \(html)")
    #expect(html.contains("<p>Before.</p>") && html.contains("<p>After, a paragraph.</p>"))
    #expect(html.components(separatedBy: "<li>").count - 1 == 2)
  }

  @Test("blocks: a plain list stays with Ink; top-level fences are not lists")
  func blockSplitting() {
    #expect(MarkdownRenderer.blocks("- a\n- b\n\ntext") == [.markdown("- a\n- b\n\ntext")])
    #expect(MarkdownRenderer.blocks("```\n- a\n  ```\n```") == [.markdown("```\n- a\n  ```\n```")])
    #expect(
      MarkdownRenderer.blocks("1. one\n\n   ```\n   x\n   ```\n2. two\n\nend")
        == [.list(ordered: true, items: ["one\n\n```\nx\n```", "two"]), .markdown("\nend")])
  }

  @Test("every lesson narrative's Try this commands are code inside list items", arguments: narratives)
  func tryThis(file: String) throws {
    let text = try String(contentsOf: Self.repository.appendingPathComponent("lessons/\(file)"), encoding: .utf8)
    let html = MarkdownRenderer().render(LessonPage.narrativeBody(text).markdown).html
    #expect(!html.contains("```"), "\(file) shows a fence as text")
    let section = try #require(text.range(of: "## Try this").map { String(text[$0.upperBound...]) }, "\(file) has no Try this section")
    let items = html.components(separatedBy: "<li>").dropFirst().map { $0.components(separatedBy: "</li>").first ?? "" }
    // Commands in fenced blocks under the bullets: each is a code block inside a list item.
    var inFence = false
    var commands: [String] = []
    for line in section.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if line.hasPrefix("```") { inFence.toggle() } else if inFence, line.hasPrefix("workbench ") { commands.append(line) }
    }
    for command in commands {
      let escaped = HTMLEscaping.text(command)
      #expect(items.contains { $0.contains("<pre><code") && $0.contains(escaped) }, "\(file): `\(command)` is not a code block inside a list item")
    }
    // Every bullet of the section is a list item.
    let bullets = section.split(separator: "\n").filter { $0.hasPrefix("- ") }
    #expect(!bullets.isEmpty, "\(file)'s Try this has no bullet")
    #expect(items.count >= bullets.count, "\(file): \(bullets.count) bullets but \(items.count) list items")
  }
}
