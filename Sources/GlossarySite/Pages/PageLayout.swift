/// The frame every page shares: `<html lang="en">`, head with title and stylesheet, site
/// navigation, the page's `main` content, and footer.
struct PageLayout {
  /// The relative path from the page to the site root: `""` for root pages, `"../"` one level down.
  let root: String
  /// Whether the site has a cost page to link to.
  let hasCostPage: Bool

  /// A complete document. `title` goes in `<title>`; `content` must hold the page's one `h1`.
  func render(title: String, description: String, scripts: [String] = [], @HTMLBuilder content: () -> [HTMLNode]) -> String {
    let documentTitle = title == SiteText.siteName ? title : "\(title) · \(SiteText.siteName)"
    return HTMLNode.document(
      .element("html", ["lang": "en"]) {
        HTMLNode.element("head") {
          HTMLNode.void("meta", ["charset": "utf-8"])
          HTMLNode.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
          HTMLNode.element("title") { documentTitle }
          HTMLNode.void("meta", ["name": "description", "content": description])
          HTMLNode.void("link", ["rel": "stylesheet", "href": root + "site.css"])
        }
        HTMLNode.element("body") {
          HTMLNode.element("a", ["class": "skip-link", "href": "#main"]) { "Skip to content" }
          HTMLNode.element("header", ["class": "site-header"]) {
            HTMLNode.element("nav", ["aria-label": "Site"]) {
              HTMLNode.element("a", ["class": "brand", "href": root + "index.html"]) { SiteText.siteName }
              HTMLNode.element("a", ["href": root + "index.html#a-z"]) { "A–Z" }
              HTMLNode.element("a", ["href": root + "index.html#lessons"]) { "Lessons" }
              if hasCostPage { HTMLNode.element("a", ["href": root + "cost.html"]) { "Cost" } }
            }
          }
          HTMLNode.element("main", ["id": "main"]) { content() }
          HTMLNode.element("footer", ["class": "site-footer"]) {
            HTMLNode.element("p") {
              "Made by "
              HTMLNode.element("code") { "workbench site" }
              ". Every plot comes from a lesson run on this machine; each caption gives the command that reproduces it. Works offline."
            }
          }
          for script in scripts { HTMLNode.element("script", ["src": root + script]) }
        }
      })
  }
}

/// Fixed wording used on several pages.
enum SiteText {
  static let siteName = "Workbench: how AI models are trained"
}
