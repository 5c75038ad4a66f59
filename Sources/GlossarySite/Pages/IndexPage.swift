import Lessons

/// The home page: the lessons first (what each shows, how long it runs), then the glossary: search box,
/// entries by category and the A–Z list.
enum IndexPage {
  static func render(_ content: SiteContent) -> String {
    let layout = PageLayout(root: "", hasCostPage: content.hasCostPage)
    let entries = content.glossary.entries
    let letters = letterGroups(entries)
    return layout.render(
      title: SiteText.siteName,
      description: "Plain-English definitions of how AI models are trained, with plots from real runs.",
      scripts: [SitePaths.searchIndex, SitePaths.searchScript]
    ) {
      HTMLNode.element("h1") { "How AI models are trained: lessons and a glossary" }
      HTMLNode.element("p", ["class": "lead"]) {
        "\(content.lessons.count) lessons you can run, each a real training experiment with its plots, and "
        "\(entries.count) glossary terms in plain English. Each term has an example and what it means for a business; "
        "where a lesson demonstrates a term, its page shows the plots from a real run and the command that reproduces them."
      }
      HTMLNode.element("section", ["id": "lessons", "aria-labelledby": "lessons-heading"]) {
        HTMLNode.element("h2", ["id": "lessons-heading"]) { "Lessons" }
        HTMLNode.element("p") {
          "Each lesson is a real experiment that runs on your CPU and checks its own claims. Start at the top: "
          "they are in teaching order."
        }
        HTMLNode.element("ol", ["class": "lesson-list"]) {
          for lesson in content.lessons {
            HTMLNode.element("li") {
              HTMLNode.element("a", ["href": SitePaths.lesson(lesson.id)]) { lesson.title }
              if let seconds = LessonCatalog.all.first(where: { $0.id == lesson.id })?.estimatedSeconds {
                HTMLNode.element("span", ["class": "duration"]) { " · about " + SharedViews.duration(seconds: seconds) + " to run" }
              }
              if let output = lesson.output {
                HTMLNode.element("span", ["class": "summary"]) { "What you will see: " + output.summary }
              } else {
                HTMLNode.element("span", ["class": "summary"]) {
                  "Not run yet: run "
                  HTMLNode.element("code") { SharedViews.runCommand(lesson.id) }
                  " and rebuild the site."
                }
              }
            }
          }
        }
        if let cost = content.costPage {
          HTMLNode.element("p") {
            "What training costs at full scale: "
            HTMLNode.element("a", ["href": SitePaths.cost]) { cost.title }
            "."
          }
        }
      }

      HTMLNode.element("h2", ["id": "glossary-heading"]) { "Glossary" }
      HTMLNode.element("form", ["class": "search", "role": "search", "id": "search-form"]) {
        HTMLNode.element("label", ["for": "search"]) { "Search the glossary" }
        HTMLNode.void("input", ["id": "search", "type": "search", "name": "q", "autocomplete": "off", "placeholder": "for example: fine-tuning, GPU hours"])
      }
      HTMLNode.element("p", ["id": "search-status", "class": "search-status", "aria-live": "polite"])
      HTMLNode.element("ul", ["id": "search-results", "class": "term-list"])

      HTMLNode.element("section", ["id": "categories", "aria-labelledby": "categories-heading"]) {
        HTMLNode.element("h3", ["id": "categories-heading"]) { "By category" }
        HTMLNode.element("div", ["class": "category-grid"]) {
          for category in GlossaryCategory.allCases {
            let members = entries.filter { $0.category == category.name }
            if !members.isEmpty {
              HTMLNode.element("div", ["class": "category"]) {
                HTMLNode.element("h3", ["id": category.anchor]) { category.name }
                HTMLNode.element("ul", ["class": "compact-list"]) {
                  for entry in members {
                    HTMLNode.element("li") { HTMLNode.element("a", ["href": SitePaths.entry(entry.slug)]) { entry.term } }
                  }
                }
              }
            }
          }
        }
      }

      HTMLNode.element("section", ["id": "a-z", "aria-labelledby": "a-z-heading"]) {
        HTMLNode.element("h3", ["id": "a-z-heading"]) { "A–Z" }
        HTMLNode.element("nav", ["aria-label": "Letters"]) {
          HTMLNode.element("ul", ["class": "letters"]) {
            for group in letters {
              HTMLNode.element("li") { HTMLNode.element("a", ["href": "#letter-\(group.anchor)"]) { group.letter } }
            }
          }
        }
        for group in letters {
          HTMLNode.element("h4", ["id": "letter-\(group.anchor)"]) { group.letter }
          SharedViews.termList(group.entries, root: "")
        }
      }

    }
  }

  struct LetterGroup {
    let letter: String
    let anchor: String
    let entries: [GlossaryEntry]
  }

  /// Entries grouped by the first letter of their term (`#` for digits and symbols), in order.
  static func letterGroups(_ entries: [GlossaryEntry]) -> [LetterGroup] {
    var groups: [LetterGroup] = []
    for entry in entries {
      let first = Glossary.sortKey(entry.term).first
      let letter = first.map { $0.isLetter ? String($0).uppercased() : "#" } ?? "#"
      if groups.last?.letter == letter {
        groups[groups.count - 1] = LetterGroup(letter: letter, anchor: groups[groups.count - 1].anchor, entries: groups[groups.count - 1].entries + [entry])
      } else {
        let anchor = letter == "#" ? "other" : (letter.lowercased().unicodeScalars.allSatisfy(\.isASCII) ? letter.lowercased() : "u\(letter.unicodeScalars.first!.value)")
        groups.append(LetterGroup(letter: letter, anchor: anchor, entries: [entry]))
      }
    }
    return groups
  }
}
