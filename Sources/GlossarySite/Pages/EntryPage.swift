/// One glossary entry's page: term, summary, the four sections, the plots of its lessons
/// beside the text, and related terms.
enum EntryPage {
  static func render(_ entry: GlossaryEntry, _ content: SiteContent) -> String {
    let root = "../"
    let layout = PageLayout(root: root, hasCostPage: content.hasCostPage)
    let markdown = content.markdown(root: root)
    let lessons = entry.lessons.compactMap { content.lesson($0) }
    let related = entry.related.compactMap { content.glossary.entry(slug: $0) }
    let category = GlossaryCategory(rawValue: entry.category)
    let estimatorFigures = content.costFigures(for: entry.slug)
    let measuredFigures = content.measuredFigures[entry.slug] ?? []
    let hasFigures = !lessons.isEmpty || !estimatorFigures.isEmpty || !measuredFigures.isEmpty
    return layout.render(
      title: entry.term, description: entry.summary,
      scripts: lessons.contains { !$0.films.isEmpty } ? [SitePaths.filmScript] : []
    ) {
      HTMLNode.element("article", ["class": "entry"]) {
        HTMLNode.element("h1") { entry.term }
        if !entry.aliases.isEmpty {
          HTMLNode.element("p", ["class": "aliases"]) { "Also called: " + entry.aliases.joined(separator: ", ") }
        }
        HTMLNode.element("p", ["class": "lead"]) { entry.summary }
        if let category {
          HTMLNode.element("p", ["class": "meta"]) {
            "Category: "
            HTMLNode.element("a", ["href": root + SitePaths.index + "#" + category.anchor]) { category.name }
          }
        }
        HTMLNode.element("div", ["class": hasFigures ? "entry-layout has-figures" : "entry-layout"]) {
          HTMLNode.element("div", ["class": "entry-text prose"]) {
            for section in entry.sections {
              HTMLNode.element("section", ["id": SitePaths.anchor(section.title)]) {
                HTMLNode.element("h2") { section.title }
                HTMLNode.sanitized(markdown.render(content.measured.fill(section.markdown, preferring: entry.lessons)))
              }
            }
            if !related.isEmpty {
              HTMLNode.element("section", ["id": "related", "class": "related"]) {
                HTMLNode.element("h2") { "Related terms" }
                SharedViews.termList(related, root: root)
              }
            }
          }
          if hasFigures {
            HTMLNode.element("aside", ["class": "entry-figures", "aria-labelledby": "see-it-train"]) {
              HTMLNode.element("h2", ["id": "see-it-train"]) {
                !lessons.isEmpty ? "See it train"
                  : measuredFigures.isEmpty ? "See it estimated" : estimatorFigures.isEmpty ? "See it measured" : "See it measured and estimated"
              }
              for lesson in lessons { lessonFigures(lesson, root: root) }
              for figure in measuredFigures {
                HTMLNode.element("section", ["class": "lesson-figures"]) {
                  HTMLNode.element("h3") { "Measured on \(figure.record.measured)" }
                  SharedViews.figure(
                    src: root + figure.path, size: figure.size, title: nil, caption: figure.record.caption, alt: figure.record.alt,
                    command: figure.record.command)
                }
              }
              for (figure, size) in estimatorFigures {
                HTMLNode.element("section", ["class": "lesson-figures"]) {
                  HTMLNode.element("h3") {
                    "Estimator: "
                    HTMLNode.element("a", ["href": root + SitePaths.cost]) { "what training costs" }
                  }
                  SharedViews.figure(
                    src: root + SiteContent.costFigurePath(figure), size: size, title: nil, caption: figure.image.caption,
                    alt: figure.image.alt, command: figure.command)
                }
              }
            }
          }
        }
      }
    }
  }

  /// A lesson's plots (or how to make them) for the figure column.
  private static func lessonFigures(_ lesson: LoadedLesson, root: String) -> HTMLNode {
    .element("section", ["class": "lesson-figures"]) {
      HTMLNode.element("h3") {
        "Lesson: "
        HTMLNode.element("a", ["href": root + SitePaths.lesson(lesson.id)]) { lesson.title }
      }
      if let output = lesson.output {
        for film in lesson.films {
          FilmView.render(film, folder: root + "lessons/" + lesson.id + "/", command: output.command)
        }
        for image in lesson.images {
          SharedViews.figure(
            src: root + SitePaths.lessonImage(lesson.id, image.plot.file), size: image.size,
            title: image.plot.title, caption: image.plot.caption, alt: image.plot.alt, command: output.command)
        }
        if lesson.images.isEmpty {
          HTMLNode.element("p") {
            "Reproduce: "
            HTMLNode.element("code") { output.command }
          }
        }
      } else {
        HTMLNode.element("p", ["class": "not-run"]) {
          "This lesson has not been run yet. Run "
          HTMLNode.element("code") { SharedViews.runCommand(lesson.id) }
          " and rebuild the site to see its plots here."
        }
      }
    }
  }
}
