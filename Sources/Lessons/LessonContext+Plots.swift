import Foundation
import Plotting

/// The software name written into every PNG's `Software` chunk.
public let workbenchSoftware = "workbench 0.1.0"

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
