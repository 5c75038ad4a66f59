/// A piece of HTML that is safe by construction: text is always escaped, tag and attribute
/// names are compile-time constants, attribute values are always escaped, and the only way
/// to insert markup is ``SanitizedHTML``, which the Markdown renderer produces.
struct HTMLNode: Sendable {
  /// The rendered markup.
  let html: String

  private init(html: String) { self.html = html }

  /// Text, escaped.
  static func text(_ string: String) -> HTMLNode { HTMLNode(html: HTMLEscaping.text(string)) }

  /// Markup that went through ``HTMLSanitizer``.
  static func sanitized(_ fragment: SanitizedHTML) -> HTMLNode { HTMLNode(html: fragment.html) }

  /// Nothing.
  static let empty = HTMLNode(html: "")

  /// Several nodes in a row.
  static func group(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(html: nodes.map(\.html).joined()) }

  /// An element with attributes (a `nil` value leaves the attribute out) and children.
  static func element(
    _ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
    @HTMLBuilder _ children: () -> [HTMLNode] = { [] }
  ) -> HTMLNode {
    let tag = name.description
    var html = "<" + tag + render(attributes) + ">"
    for child in children() { html += child.html }
    html += "</" + tag + ">"
    if blockElements.contains(tag) { html += "\n" }
    return HTMLNode(html: html)
  }

  /// An element without content or closing tag (`img`, `meta`, `link`, `input`).
  static func void(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) -> HTMLNode {
    let tag = name.description
    return HTMLNode(html: "<" + tag + render(attributes) + ">" + (tag == "img" ? "" : "\n"))
  }

  /// The document type line plus the `html` element.
  static func document(_ root: HTMLNode) -> String { "<!DOCTYPE html>\n" + root.html }

  private static func render(_ attributes: KeyValuePairs<StaticString, String?>) -> String {
    var result = ""
    for (name, value) in attributes {
      guard let value else { continue }
      result += " " + name.description + "=\"" + HTMLEscaping.attribute(value) + "\""
    }
    return result
  }

  /// Elements after whose closing tag a line break keeps the generated files readable.
  private static let blockElements: Set<String> = [
    "html", "head", "body", "header", "main", "footer", "nav", "section", "article", "aside", "div", "p",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "figure", "table", "thead", "tbody", "tr", "title", "dl", "dd", "dt",
    "script", "form",
  ]
}

/// Builds arrays of ``HTMLNode``s from blocks with `if`, `for` and plain strings (which become escaped text).
@resultBuilder
enum HTMLBuilder {
  static func buildExpression(_ node: HTMLNode) -> [HTMLNode] { [node] }
  static func buildExpression(_ text: String) -> [HTMLNode] { [.text(text)] }
  static func buildExpression(_ nodes: [HTMLNode]) -> [HTMLNode] { nodes }
  static func buildBlock(_ parts: [HTMLNode]...) -> [HTMLNode] { parts.flatMap { $0 } }
  static func buildOptional(_ part: [HTMLNode]?) -> [HTMLNode] { part ?? [] }
  static func buildEither(first part: [HTMLNode]) -> [HTMLNode] { part }
  static func buildEither(second part: [HTMLNode]) -> [HTMLNode] { part }
  static func buildArray(_ parts: [[HTMLNode]]) -> [HTMLNode] { parts.flatMap { $0 } }
}
