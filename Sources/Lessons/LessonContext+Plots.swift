import Foundation
import Plotting
import WorkbenchFiles

extension LessonContext {
  /// Renders `figure` to `<directory>/<file>` (1200×800 px at 2× scale unless given) with the
  /// lesson's reproduce command as the PNG's `Source`, and returns the record for `metrics.json`.
  public func savePlot(
    _ figure: some Figure, file: String, title: String, caption: String, alt: String,
    width: Int = 1200, height: Int = 800
  ) throws -> PlotRecord {
    let metadata = PNGMetadata(title: title, software: workbenchSoftware, source: command)
    try figure.save(to: self.file(file), metadata: metadata, width: width, height: height)
    return PlotRecord(file: file, title: title, caption: caption, alt: alt)
  }
}

/// One frame of a training film before rendering: the figure drawn from the run's state after
/// `step`, and the label the site shows with it (step and loss).
public struct FilmFrame<F: Figure>: Sendable {
  public var figure: F
  public var step: Int
  public var label: String

  public init(figure: F, step: Int, label: String) { (self.figure, self.step, self.label) = (figure, step, label) }
}

extension LessonContext {
  /// The largest film a lesson may write, in bytes (the site ships every film and its frames).
  public static let maximumFilmBytes = 3_000_000

  /// Renders `frames` with the figure code of the stills (`width × height` px at `scale`) and writes them
  /// to `<directory>/<file>` as an animated PNG (each frame shown `millisecondsPerFrame`, the last one
  /// three times as long), and returns the record for `metrics.json`. Throws
  /// ``LessonError/cannotCreateOutput(path:reason:)`` when the film exceeds ``maximumFilmBytes``.
  public func saveFilm<F: Figure>(
    _ frames: [FilmFrame<F>], file: String, title: String, caption: String, alt: String,
    width: Int = 900, height: Int = 600, scale: Double = 1.5, millisecondsPerFrame: Int = 250
  ) throws -> FilmRecord {
    let images = try frames.map { try $0.figure.render(width: width, height: height, scale: scale) }
    var delays = Array(repeating: AnimatedPNG.Delay(milliseconds: millisecondsPerFrame), count: images.count)
    if !delays.isEmpty { delays[delays.count - 1] = AnimatedPNG.Delay(milliseconds: 3 * millisecondsPerFrame) }
    let metadata = PNGMetadata(title: title, software: workbenchSoftware, source: command)
    let bytes = try AnimatedPNG.encode(images, delays: delays, metadata: metadata)
    guard bytes.count <= Self.maximumFilmBytes else {
      throw LessonError.cannotCreateOutput(
        path: self.file(file).path,
        reason: "the film would be \(LessonText.grouped(bytes.count)) bytes, over the \(LessonText.grouped(Self.maximumFilmBytes))-byte limit for a film; record fewer or smaller frames")
    }
    try OutputFolder.write(Data(bytes), to: self.file(file))
    return FilmRecord(
      file: file, title: title, caption: caption, alt: alt,
      frames: frames.map { FilmFrameRecord(step: $0.step, label: $0.label) })
  }
}
