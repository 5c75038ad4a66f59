/// The cost estimator's page: presets and reality check as tables, and its plot.
enum CostPageView {
  static func render(_ page: CostPage, _ content: SiteContent) -> String {
    let layout = PageLayout(root: "", hasCostPage: true)
    let markdown = content.markdown(root: "", headingShift: 1)
    return layout.render(title: page.title, description: "What training AI models costs: presets and a reality check against published runs.") {
      HTMLNode.element("article", ["class": "cost"]) {
        HTMLNode.element("h1") { page.title }
        HTMLNode.element("div", ["class": "prose"]) { HTMLNode.sanitized(markdown.render(page.introduction)) }
        if let command = page.command {
          HTMLNode.element("p", ["class": "reproduce"]) {
            "Reproduce: "
            HTMLNode.element("code") { command }
          }
        }
        for table in page.tables {
          HTMLNode.element("section") {
            HTMLNode.element("h2") { table.title }
            SharedViews.table(table)
          }
        }
        if let plot = page.plot, let path = content.costImagePath {
          SharedViews.figure(src: path, size: content.costImageSize, title: nil, caption: plot.caption, alt: plot.alt, command: page.command)
        }
        if !content.costFigures.isEmpty {
          HTMLNode.element("section") {
            HTMLNode.element("h2") { "Training on many GPUs" }
            for (figure, size) in content.costFigures {
              SharedViews.figure(
                src: SiteContent.costFigurePath(figure), size: size, title: nil, caption: figure.image.caption,
                alt: figure.image.alt, command: figure.command)
            }
          }
        }
      }
    }
  }
}
