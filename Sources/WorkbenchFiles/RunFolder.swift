import Foundation

/// A lesson run's folder, `output/<lesson-id>/`, and the one definition of its files:
/// `metrics.json` (the ``RunResult``: pretty-printed, sorted keys, no timestamps, so the same
/// run gives the same bytes), `history.csv` (its per-step series) and `timings.json` (wall-clock
/// phases, machine-dependent). The runner writes them here; the command line, the site and the
/// glossary's quoted values read `metrics.json` back through ``readResult()``.
public struct RunFolder: Sendable {
  /// The folder.
  public let url: URL

  /// Largest `metrics.json` read, in bytes (a full run's is under 1 MB).
  public static let maximumMetricsByteCount = 64 << 20

  public init(_ url: URL) { self.url = url }

  public var metricsURL: URL { url.appendingPathComponent("metrics.json") }
  public var historyURL: URL { url.appendingPathComponent("history.csv") }
  public var timingsURL: URL { url.appendingPathComponent("timings.json") }

  /// Writes `metrics.json`, `history.csv` and `timings.json` of `result`, each atomically.
  /// - Throws: ``FileWriteError`` when a file cannot be written.
  public func write(_ result: RunResult) throws {
    try AtomicFile.write(try Self.metricsJSON(result), to: metricsURL)
    try AtomicFile.write(Data(Self.historyCSV(result.history).utf8), to: historyURL)
    try AtomicFile.write(try Self.timingsJSON(result.timings), to: timingsURL)
  }

  /// Whether the folder has a `metrics.json`.
  public var hasResult: Bool { FileManager.default.fileExists(atPath: metricsURL.path) }

  /// The result `metrics.json` holds.
  /// - Throws: ``RunFolderError`` when it is missing, too large or not a lesson result.
  public func readResult() throws(RunFolderError) -> RunResult {
    let manager = FileManager.default
    guard manager.fileExists(atPath: metricsURL.path) else { throw .missing(metricsURL) }
    if let size = (try? manager.attributesOfItem(atPath: metricsURL.path))?[.size] as? Int, size > Self.maximumMetricsByteCount {
      throw .malformed(metricsURL, reason: "it is \(size) bytes, more than the limit of \(Self.maximumMetricsByteCount) bytes for a metrics.json")
    }
    do {
      return try JSONDecoder().decode(RunResult.self, from: Data(contentsOf: metricsURL))
    } catch let error as DecodingError {
      throw .malformed(metricsURL, reason: Self.describe(error))
    } catch {
      throw .malformed(metricsURL, reason: error.localizedDescription)
    }
  }

  /// `metrics.json`'s bytes for `result`.
  public static func metricsJSON(_ result: RunResult) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(result) + Data("\n".utf8)
  }

  /// `timings.json`'s bytes: wall-clock seconds per phase.
  public static func timingsJSON(_ timings: [Timing]) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(timings) + Data("\n".utf8)
  }

  /// `history.csv` in long-but-readable form: `series,step,<column>…` with the union of
  /// every series' columns (empty where a series has no such column).
  public static func historyCSV(_ history: [HistorySeries]) -> String {
    var columns: [String] = []
    for series in history { for (name, _) in series.values where !columns.contains(name) { columns.append(name) } }
    var lines = [(["series", "step"] + columns).joined(separator: ",")]
    for series in history {
      let lookup = Dictionary(series.values, uniquingKeysWith: { a, _ in a })
      for (i, step) in series.steps.enumerated() {
        let cells = columns.map { column in lookup[column].map { format($0[i]) } ?? "" }
        lines.append(([quote(series.name), String(step)] + cells).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func format(_ value: Double) -> String {
    value.isFinite ? String(format: "%.8g", value) : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
  }

  static func quote(_ field: String) -> String {
    field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
  }

  /// A decoding failure as a phrase that names the key path.
  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, let context):
      return "missing key '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "not valid JSON" : "bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    @unknown default:
      return "\(error)"
    }
  }
}

/// Why a run folder's `metrics.json` could not be read.
public enum RunFolderError: Error, Equatable, CustomStringConvertible {
  /// There is no `metrics.json` (the lesson has not been run there).
  case missing(URL)
  /// It exists but is too large or not a lesson result; `reason` is a phrase.
  case malformed(URL, reason: String)

  public var description: String {
    switch self {
    case .missing(let url): "\(url.relativePath) does not exist; run the lesson first."
    case .malformed(let url, let reason): "\(url.relativePath) is not a lesson result: \(reason)."
    }
  }
}
