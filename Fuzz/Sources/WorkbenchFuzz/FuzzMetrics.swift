import Foundation
@testable import GlossarySite
import Lessons
import WorkbenchFiles

/// Decodes the bytes as a lesson's `metrics.json` (as `RunResult`, the type the site, the
/// measured values and `workbench report` read) and fills a metric placeholder from it.
enum FuzzMetrics {
  static func run(_ bytes: [UInt8]) {
    guard let result = try? JSONDecoder().decode(RunResult.self, from: Data(bytes)) else { return }
    let values = MeasuredValues(lessons: [result.lesson: result.metrics])
    for metric in result.metrics.prefix(4) {
      _ = values.fill("{{metric:\(result.lesson)/\(metric.name)}}")
    }
  }
}
