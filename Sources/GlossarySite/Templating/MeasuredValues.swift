import Foundation
import Lessons
import WorkbenchFiles

/// The metrics of every lesson that has been run (`output/<lesson>/metrics.json`), for filling
/// ``MetricPlaceholder``s.
public struct MeasuredValues: Sendable {
  /// Lesson id → its metrics, in the order the lesson wrote them.
  public var lessons: [String: [Metric]]
  /// Lesson id → the texts it produced for quoting (`{{ sample … }}`).
  public var samples: [String: [TextSample]]

  public init(lessons: [String: [Metric]], samples: [String: [TextSample]] = [:]) {
    self.lessons = lessons
    self.samples = samples
  }

  /// Reads `<outputFolder>/<id>/metrics.json` for each id that has one (lessons not run are left out;
  /// a file that does not decode is left out too, the site build reports it).
  public static func load(outputFolder: URL, lessonIDs: [String]) -> MeasuredValues {
    var lessons: [String: [Metric]] = [:]
    var samples: [String: [TextSample]] = [:]
    for id in lessonIDs {
      guard let result = try? RunFolder(outputFolder.appendingPathComponent(id)).readResult() else { continue }
      lessons[id] = result.metrics
      samples[id] = result.samples
    }
    return MeasuredValues(lessons: lessons, samples: samples)
  }

  /// The lessons to search for `placeholder`: its own when qualified, else `preferred`, then every
  /// lesson (sorted by id, so the choice is deterministic).
  private func searchOrder(_ placeholder: MetricPlaceholder, preferring preferred: [String]) -> [String] {
    placeholder.lesson.map { [$0] } ?? (preferred + Set(lessons.keys).union(samples.keys).sorted())
  }

  /// The value a metric placeholder names (nil for a sample placeholder or a metric no run produced).
  public func value(of placeholder: MetricPlaceholder, preferring preferred: [String] = []) -> Double? {
    guard placeholder.kind == .metric else { return nil }
    for id in searchOrder(placeholder, preferring: preferred) {
      if let metric = lessons[id]?.first(where: { $0.name == placeholder.name }) { return metric.value }
    }
    return nil
  }

  /// The text a sample placeholder names (nil for a metric placeholder or a sample no run produced).
  public func text(of placeholder: MetricPlaceholder, preferring preferred: [String] = []) -> String? {
    guard placeholder.kind == .sample else { return nil }
    for id in searchOrder(placeholder, preferring: preferred) {
      if let sample = samples[id]?.first(where: { $0.name == placeholder.name }) { return sample.text }
    }
    return nil
  }

  /// True when a run produced what `placeholder` names.
  public func resolves(_ placeholder: MetricPlaceholder, preferring preferred: [String] = []) -> Bool {
    value(of: placeholder, preferring: preferred) != nil || text(of: placeholder, preferring: preferred) != nil
  }

  /// `text` with every placeholder replaced by its formatted value; a placeholder whose lesson has not
  /// been run yet reads "(not measured yet: run `workbench run <lesson>`)".
  public func fill(_ text: String, preferring preferred: [String] = []) -> String {
    let placeholders = MetricPlaceholder.scan(text).placeholders
    guard !placeholders.isEmpty else { return text }
    var result = ""
    var cursor = text.startIndex
    for placeholder in placeholders {
      result += text[cursor..<placeholder.range.lowerBound]
      if let value = value(of: placeholder, preferring: preferred) {
        result += Self.format(value, placeholder.format)
      } else if let sample = self.text(of: placeholder, preferring: preferred) {
        result += Self.quote(sample, placeholder.format)
      } else {
        let lesson = placeholder.lesson ?? preferred.first
        result += "(\(placeholder.name) not measured yet" + (lesson.map { ": run `workbench run \($0)`" } ?? "") + ")"
      }
      cursor = placeholder.range.upperBound
    }
    result += text[cursor...]
    return result
  }

  /// `text` as a Markdown code span, line breaks shown as ⏎, cut to the format's length with "…".
  static func quote(_ text: String, _ format: MetricPlaceholder.Format) -> String {
    var shown = text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
    if case .text(let characters?) = format, shown.count > characters { shown = String(shown.prefix(characters)) + "…" }
    // A code span's fence is one backtick more than the longest run inside it; padded when the text
    // starts or ends with a backtick.
    var longest = 0
    var run = 0
    for character in shown {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let padding = shown.hasPrefix("`") || shown.hasSuffix("`") ? " " : ""
    return fence + padding + shown + padding + fence
  }

  /// `value` written as `format` says.
  static func format(_ value: Double, _ format: MetricPlaceholder.Format) -> String {
    switch format {
    case .text: return SharedViews.format(value)
    case .automatic: return SharedViews.format(value)
    case .decimals(let digits): return String(format: "%.\(digits)f", value)
    case .percent(let digits): return String(format: "%.\(digits)f", value * 100) + "%"
    case .grouped:
      guard value.isFinite, abs(value) < 1e18 else { return SharedViews.format(value) }
      let digits = String(Int64(abs(value).rounded()))
      var groups: [Substring] = []
      var end = digits.endIndex
      while end > digits.startIndex {
        let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
        groups.insert(digits[start..<end], at: 0)
        end = start
      }
      return (value < 0 && value.rounded() != 0 ? "−" : "") + groups.joined(separator: ",")
    case .scientific(let digits):
      guard value.isFinite, value != 0 else { return SharedViews.format(value) }
      let exponent = Int(floor(log10(abs(value))))
      var mantissa = value / pow(10, Double(exponent))
      var power = exponent
      if abs((mantissa * pow(10, Double(digits))).rounded()) >= 10 * pow(10, Double(digits)) { mantissa /= 10; power += 1 }
      return String(format: "%.\(digits)f", mantissa) + "e\(power)"
    }
  }
}
