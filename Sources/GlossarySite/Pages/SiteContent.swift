import Foundation
import Plotting

/// Everything the pages are made from, with the lookups they share.
struct SiteContent: Sendable {
  let glossary: Glossary
  /// Every lesson, in the caller's order, run or not.
  let lessons: [LoadedLesson]
  let costPage: CostPage?
  /// Size of the cost page's PNG, when it has one.
  let costImageSize: PNGSize?
  /// The cost page's entry figures with their PNG sizes, in page order.
  var costFigures: [(figure: EntryFigure, size: PNGSize)] = []

  /// The site-root-relative path of an entry figure's copied PNG.
  static func costFigurePath(_ figure: EntryFigure) -> String { "cost/" + figure.image.file.lastPathComponent }

  /// The measured figures of each entry (by slug), in the order its `figures` lists them: the
  /// site-root-relative path of the copied PNG, its size and its record.
  var measuredFigures: [String: [(path: String, size: PNGSize, record: FigureRecord)]] = [:]

  /// The site-root-relative path of a measured figure's copied PNG.
  static func measuredFigurePath(_ file: URL) -> String { "figures/" + file.lastPathComponent }

  /// The estimator's figures for the entry `slug`.
  func costFigures(for slug: String) -> [(figure: EntryFigure, size: PNGSize)] { costFigures.filter { $0.figure.entry == slug } }

  var hasCostPage: Bool { costPage != nil }

  /// The metrics of the lessons that have been run, for the quoted values in narratives and entries.
  var measured: MeasuredValues {
    MeasuredValues(
      lessons: Dictionary(uniqueKeysWithValues: lessons.compactMap { lesson in lesson.output.map { (lesson.id, $0.metrics) } }),
      samples: Dictionary(uniqueKeysWithValues: lessons.compactMap { lesson in lesson.output.map { (lesson.id, $0.samples) } }))
  }

  func lesson(_ id: String) -> LoadedLesson? { lessons.first { $0.id == id } }

  /// The site-root-relative file name of the cost page's image.
  var costImagePath: String? { costPage?.plot.map { _ in "cost/plot.png" } }

  /// A Markdown renderer for a page `root` levels below the site root: links to `x.md` go to the
  /// entry or lesson page `x`, links to lesson plots go to the copied PNG, and other relative
  /// links are dropped (they would break offline).
  func markdown(root: String, lessonID: String? = nil, headingShift: Int = 0) -> MarkdownRenderer {
    let slugs = Set(glossary.entries.map(\.slug))
    let lessonIDs = Set(lessons.map(\.id))
    let plots = Set(lessonID.flatMap { lesson($0) }?.images.map(\.plot.file) ?? [])
    var sanitizer = HTMLSanitizer()
    sanitizer.headingShift = headingShift
    sanitizer.rewriteRelativeURL = { url in
      let (path, fragment) = splitFragment(url)
      let name = path.split(separator: "/").last.map(String.init) ?? ""
      if name.hasSuffix(".md") {
        let base = String(name.dropLast(3))
        if slugs.contains(base) { return root + SitePaths.entry(base) + fragment }
        if lessonIDs.contains(base) { return root + SitePaths.lesson(base) + fragment }
        return nil
      }
      if let lessonID, plots.contains(name) { return root + SitePaths.lessonImage(lessonID, name) }
      return nil
    }
    return MarkdownRenderer(sanitizer: sanitizer)
  }
}

private func splitFragment(_ url: String) -> (String, String) {
  guard let hash = url.firstIndex(of: "#") else { return (url, "") }
  return (String(url[..<hash]), String(url[hash...]))
}
