import Foundation
import Plotting

/// Builds the static, offline glossary site: an index with categories, A–Z list and search;
/// a page per entry with its lessons' plots; a page per lesson; and, when given, a cost page.
///
/// The site is written into a folder beside `output` and swapped in at the end, so a
/// failed build leaves the previous site in place.
public struct SiteBuilder: Sendable {
  /// The loaded glossary; the build refuses to start when it has errors.
  public var glossary: Glossary
  /// Every lesson id, in the order the site lists them.
  public var lessonIDs: [String]
  /// The folder holding `<lesson-id>/metrics.json` and its PNGs (normally `output`).
  public var lessonOutputFolder: URL
  /// The folder holding each lesson's narrative `<lesson-id>.md` (normally `lessons`).
  public var lessonNarrativeFolder: URL
  /// The cost estimator's page, or `nil` for no cost page.
  public var costPage: CostPage?

  /// Creates a builder.
  public init(glossary: Glossary, lessonIDs: [String], lessonOutputFolder: URL, lessonNarrativeFolder: URL, costPage: CostPage? = nil) {
    self.glossary = glossary
    self.lessonIDs = lessonIDs
    self.lessonOutputFolder = lessonOutputFolder
    self.lessonNarrativeFolder = lessonNarrativeFolder
    self.costPage = costPage
  }

  /// Throws ``SiteError/cannotWrite(path:reason:)`` when a site cannot be built into `output` (it
  /// is a file, or a folder this builder did not make): what a caller checks before any long work.
  public static func checkOutput(_ output: URL) throws(SiteError) {
    try SiteFolder.check(output)
  }

  /// The ids of lessons whose `metrics.json` does not exist yet.
  public func lessonsWithoutOutputs() -> [String] {
    lessonIDs.filter { !FileManager.default.fileExists(atPath: metricsURL($0).path) }
  }

  /// Builds the site into `output`.
  ///
  /// - Parameters:
  ///   - output: the site folder (for example `output/site`); it is replaced only if it is empty
  ///     or was made by this builder.
  ///   - runLesson: called with the id of each lesson whose outputs are missing, to produce them;
  ///     `nil` builds without them, and their pages say which command to run.
  /// - Returns: what was built, including the lessons that still have no outputs.
  public func build(into output: URL, runLesson: ((String) throws -> Void)? = nil) throws -> SiteReport {
    let errors = glossary.errors
    guard errors.isEmpty else { throw SiteError.glossaryHasErrors(count: errors.count) }

    var lessonsRun: [String] = []
    if let runLesson {
      for id in lessonsWithoutOutputs() {
        try runLesson(id)
        lessonsRun.append(id)
      }
    }
    var lessons: [LoadedLesson] = []
    for id in lessonIDs {
      lessons.append(try LoadedLesson.load(
        id: id, outputFolder: lessonOutputFolder.appendingPathComponent(id),
        narrative: lessonNarrativeFolder.appendingPathComponent("\(id).md")))
    }
    var costImage: (data: Data, size: PNGSize)?
    if let plot = costPage?.plot {
      guard let data = try? Data(contentsOf: plot.file) else { throw SiteError.badImage(path: plot.file.relativePath, reason: "is missing") }
      guard let size = PNGSize(data: data) else { throw SiteError.badImage(path: plot.file.relativePath, reason: "is not a PNG file") }
      costImage = (data, size)
    }
    var content = SiteContent(glossary: glossary, lessons: lessons, costPage: costPage, costImageSize: costImage?.size)
    var costFigureData: [(path: String, data: Data)] = []
    for figure in costPage?.entryFigures ?? [] {
      let file = figure.image.file
      guard let data = try? Data(contentsOf: file) else { throw SiteError.badImage(path: file.relativePath, reason: "is missing") }
      guard let size = PNGSize(data: data) else { throw SiteError.badImage(path: file.relativePath, reason: "is not a PNG file") }
      content.costFigures.append((figure, size))
      costFigureData.append((SiteContent.costFigurePath(figure), data))
    }
    var measuredFigureData: [(path: String, data: Data)] = []
    for entry in glossary.entries {
      for figure in entry.figures {
        let file = entry.figureURL(figure)
        guard let data = try? Data(contentsOf: file) else { throw SiteError.badFigure(path: figure, entry: entry.file, reason: "is missing") }
        guard let size = PNGSize(data: data) else { throw SiteError.badFigure(path: figure, entry: entry.file, reason: "is not a PNG file") }
        let record: FigureRecord
        do { record = try FigureRecord.read(besides: file) } catch {
          throw SiteError.badFigure(path: figure, entry: entry.file, reason: "has no usable record beside it (\(error))")
        }
        let path = SiteContent.measuredFigurePath(file)
        content.measuredFigures[entry.slug, default: []].append((path, size, record))
        measuredFigureData.append((path, data))
      }
    }
    let searchIndex: String
    do { searchIndex = try SearchScript.index(glossary.entries) } catch {
      throw SiteError.cannotWrite(path: SitePaths.searchIndex, reason: "\(error)")
    }

    let folder = try SiteFolder(destination: output)
    var pages = 0
    var images = 0
    do {
      try folder.write(Stylesheet.css, to: SitePaths.stylesheet)
      try folder.write(SearchScript.javascript, to: SitePaths.searchScript)
      try folder.write(FilmScript.javascript, to: SitePaths.filmScript)
      try folder.write(searchIndex, to: SitePaths.searchIndex)
      try folder.write(IndexPage.render(content), to: SitePaths.index)
      pages += 1
      for entry in glossary.entries {
        try folder.write(EntryPage.render(entry, content), to: SitePaths.entry(entry.slug))
        pages += 1
      }
      for lesson in lessons {
        try folder.write(LessonPage.render(lesson, content), to: SitePaths.lesson(lesson.id))
        pages += 1
        for image in lesson.images {
          try folder.write(image.data, to: SitePaths.lessonImage(lesson.id, image.plot.file))
          images += 1
        }
        for film in lesson.films {
          try folder.write(film.data, to: SitePaths.lessonImage(lesson.id, film.film.file))
          for (index, frame) in film.frames.enumerated() {
            try folder.write(frame, to: SitePaths.lessonImage(lesson.id, film.frameFile(index)))
          }
          images += 1 + film.frames.count
        }
      }
      for (path, data) in measuredFigureData {
        try folder.write(data, to: path)
        images += 1
      }
      if let costPage {
        try folder.write(CostPageView.render(costPage, content), to: SitePaths.cost)
        pages += 1
        if let costImage, let path = content.costImagePath {
          try folder.write(costImage.data, to: path)
          images += 1
        }
        for (path, data) in costFigureData {
          try folder.write(data, to: path)
          images += 1
        }
      }
      try folder.commit()
    } catch {
      folder.discard()
      throw error
    }
    return SiteReport(
      output: output, pageCount: pages, imageCount: images, lessonsRun: lessonsRun,
      lessonsMissing: lessons.filter { $0.output == nil }.map(\.id))
  }

  private func metricsURL(_ id: String) -> URL {
    lessonOutputFolder.appendingPathComponent(id).appendingPathComponent("metrics.json")
  }
}
