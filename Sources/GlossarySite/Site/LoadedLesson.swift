import Foundation
import Lessons
import Plotting
import WorkbenchFiles

/// A lesson as the site shows it: its outputs (if it has been run) and its narrative (if written).
struct LoadedLesson: Sendable {
  /// A plot ready to copy: its entry in `metrics.json`, its bytes and size.
  struct Image: Sendable {
    let plot: PlotRecord
    let data: Data
    let size: PNGSize
  }

  /// A training film ready to copy: its entry in `metrics.json`, the APNG's bytes and size, and each
  /// frame as a standalone PNG (for the step scrubber).
  struct Film: Sendable {
    let film: FilmRecord
    let data: Data
    let size: PNGSize
    let frames: [Data]

    /// The file name of frame `index` (`decision-boundary-film-frame-003.png`).
    func frameFile(_ index: Int) -> String {
      String(film.file.dropLast(4)) + "-frame-" + String(format: "%03d", index) + ".png"
    }
  }

  let id: String
  /// `nil` when the lesson has not been run.
  let output: LessonOutput?
  /// The plots of `output`, in order.
  let images: [Image]
  /// The films of `output`, in order.
  var films: [Film] = []
  /// The Markdown of `lessons/<id>.md`, if it exists.
  let narrative: String?

  /// The lesson's title, or its id when it has not been run.
  var title: String { output?.title ?? id }

  /// Reads `folder/metrics.json` and the PNGs it names; `nil` output when `metrics.json` does not exist.
  static func load(id: String, outputFolder folder: URL, narrative: URL) throws(SiteError) -> LoadedLesson {
    let run = RunFolder(folder)
    let metricsURL = run.metricsURL
    var output: LessonOutput?
    var images: [Image] = []
    var films: [Film] = []
    if FileManager.default.fileExists(atPath: metricsURL.path) {
      let decoded: LessonOutput
      do {
        decoded = try run.readResult()
      } catch {
        switch error {
        case .malformed(_, let reason): throw .malformedLessonOutput(path: metricsURL.relativePath, reason: reason)
        case .missing: throw .malformedLessonOutput(path: metricsURL.relativePath, reason: "it disappeared while the site was built")
        }
      }
      guard decoded.lesson == id else {
        throw .malformedLessonOutput(path: metricsURL.relativePath, reason: "its lesson is '\(decoded.lesson)', not '\(id)'")
      }
      for plot in decoded.plots {
        let (data, size) = try readPNG(plot.file, kind: "plot", folder: folder, metrics: metricsURL)
        images.append(Image(plot: plot, data: data, size: size))
      }
      for film in decoded.films {
        let (data, size) = try readPNG(film.file, kind: "film", folder: folder, metrics: metricsURL)
        let url = folder.appendingPathComponent(film.file)
        let stills: [[UInt8]]
        do { stills = try AnimatedPNG.stills(ofAnimation: Array(data)) } catch {
          throw .badImage(path: url.relativePath, reason: "is not a readable animated PNG (\(error))")
        }
        guard stills.count == film.frames.count else {
          throw .badImage(
            path: url.relativePath,
            reason: "has \(stills.count) frames but metrics.json lists \(film.frames.count); run the lesson again")
        }
        films.append(Film(film: film, data: data, size: size, frames: stills.map { Data($0) }))
      }
      output = decoded
    }
    var text: String?
    if FileManager.default.fileExists(atPath: narrative.path) {
      guard let data = try? Data(contentsOf: narrative), let decoded = String(data: data, encoding: .utf8) else {
        throw .malformedLessonOutput(path: narrative.relativePath, reason: "it cannot be read as UTF-8 text")
      }
      text = decoded
    }
    return LoadedLesson(id: id, output: output, images: images, films: films, narrative: text)
  }

  /// The bytes and size of the PNG `file` (a plot or a film, as `kind` says) that `metrics` names in `folder`.
  private static func readPNG(_ file: String, kind: String, folder: URL, metrics: URL) throws(SiteError) -> (Data, PNGSize) {
    guard isPlainPNGName(file) else {
      throw .malformedLessonOutput(path: metrics.relativePath, reason: "\(kind) file '\(file)' is not a plain .png file name")
    }
    let url = folder.appendingPathComponent(file)
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .badImage(path: url.relativePath, reason: "is missing")
    }
    guard let size = PNGSize(data: data) else { throw .badImage(path: url.relativePath, reason: "is not a PNG file") }
    return (data, size)
  }

  /// `decision-boundary.png`: letters, digits, `-`, `_`, `.`, not starting with a dot, ending in `.png`.
  static func isPlainPNGName(_ name: String) -> Bool {
    name.hasSuffix(".png") && !name.hasPrefix(".") && name.count > 4
      && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
  }
}
