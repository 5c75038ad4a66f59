import Foundation

/// The lab's own pages, `/lab/text.html` (train on your own text) and `/lab/generate.html`
/// (generate with probabilities), in the site's frame: the site's `index.html` with its title and
/// `main` replaced (and `<base href="/">`, so that its links still lead to the site). The page's
/// script draws the panel under the heading.
enum LabPages {
  struct Page {
    let title: String
    let introduction: String
  }

  static let pages: [String: Page] = [
    "text.html": Page(
      title: "Train on your own text",
      introduction: """
        Upload a UTF-8 text file, choose the model's size, the number of steps and the tokenizer, and watch a GPT \
        learn your text from random weights: its loss after every step, its loss on the last tenth of your text \
        (held out, never trained on), and what it writes as it learns. Stop keeps the model and everything needed to \
        continue; Resume carries on from there. Then generate from the model you trained.
        """),
    "generate.html": Page(
      title: "Generate with probabilities",
      introduction: """
        Choose a model, write the start of a text and let the model continue it. For every token it writes you see \
        the most likely next tokens and the probability of each: the distribution the token was drawn from, after \
        the temperature (below 1 sharpens it, above 1 flattens it) and top-k (only the k most likely tokens are kept).
        """),
  ]

  /// The page `name` (`text.html` or `generate.html`) in the frame of `siteIndex` (the site's
  /// `index.html`, nil when there is none); nil when there is no such page.
  static func html(_ name: String, siteIndex: Data?) -> Data? {
    guard let page = pages[name] else { return nil }
    let main = "<main id=\"main\"><h1>\(escaped(page.title))</h1><p>\(escaped(page.introduction))</p></main>"
    let title = "<title>\(escaped(page.title))</title>"
    guard let frame = siteIndex.map({ String(decoding: $0, as: UTF8.self) }),
      let mainStart = frame.range(of: "<main"), let mainEnd = frame.range(of: "</main>", range: mainStart.upperBound..<frame.endIndex),
      let titleStart = frame.range(of: "<title>"), let titleEnd = frame.range(of: "</title>", range: titleStart.upperBound..<frame.endIndex),
      let head = frame.range(of: "<head>"), head.upperBound <= titleStart.lowerBound, titleEnd.upperBound <= mainStart.lowerBound
    else {
      return Data(
        ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "\(title)<link rel=\"stylesheet\" href=\"/site.css\"></head><body>\(main)</body></html>\n").utf8)
    }
    let document =
      frame[..<head.upperBound] + "<base href=\"/\">" + frame[head.upperBound..<titleStart.lowerBound] + title
      + frame[titleEnd.upperBound..<mainStart.lowerBound] + main + frame[mainEnd.upperBound...]
    return Data(document.utf8)
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}
