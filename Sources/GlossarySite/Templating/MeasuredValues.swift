import Foundation
import Lessons

/// The metrics of every lesson that has been run (`output/<lesson>/metrics.json`), for filling
/// ``MetricPlaceholder``s.
public struct MeasuredValues: Sendable {
  /// Lesson id → its metrics, in the order the lesson wrote them.
  public var lessons: [String: [Metric]]

  public init(lessons: [String: [Metric]]) { self.lessons = lessons }

  /// Reads `<outputFolder>/<id>/metrics.json` for each id that has one (lessons not run are left out;
  /// a file that does not decode is left out too, the site build reports it).
  public static func load(outputFolder: URL, lessonIDs: [String]) -> MeasuredValues {
    var lessons: [String: [Metric]] = [:]
    for id in lessonIDs {
      guard let result = try? RunFolder(outputFolder.appendingPathComponent(id)).readResult() else { continue }
      lessons[id] = result.metrics
    }
    return MeasuredValues(lessons: lessons)
  }

  /// The value `placeholder` names, looked up in its own lesson when qualified, else in `preferred`
  /// lessons, then in every lesson (sorted by id, so the choice is deterministic).
  public func value(of placeholder: MetricPlaceholder, preferring preferred: [String] = []) -> Double? {
    let order = placeholder.lesson.map { [$0] } ?? (preferred + lessons.keys.sorted())
    for id in order {
      if let metric = lessons[id]?.first(where: { $0.name == placeholder.name }) { return metric.value }
    }
    return nil
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
      } else {
        let lesson = placeholder.lesson ?? preferred.first
        result += "(\(placeholder.name) not measured yet" + (lesson.map { ": run `workbench run \($0)`" } ?? "") + ")"
      }
      cursor = placeholder.range.upperBound
    }
    result += text[cursor...]
    return result
  }

  /// `value` written as `format` says.
  static func format(_ value: Double, _ format: MetricPlaceholder.Format) -> String {
    switch format {
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
