import Foundation
import TrainingCost

/// Number formats shared by the lessons' tables, notes and plot labels (deterministic, locale-free).
enum LessonText {
  /// `value` with `digits` significant digits in the shortest of fixed or exponent form (`0.0625`, `1.2e-07`).
  static func significant(_ value: Double, _ digits: Int = 4) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    return String(format: "%.\(digits)g", value)
  }

  /// `value` with exactly `decimals` digits after the point.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return significant(value) }
    return HumanNumber.fixed(value, decimals: decimals)
  }

  /// An integer with thousands separators: `124,439,808`.
  static func grouped(_ value: Int) -> String { HumanNumber.grouped(Double(value)) }

  /// A learning rate as typed on the command line (`0.01`, `0.0001`, `3`).
  static func rate(_ value: Double) -> String {
    guard value.isFinite else { return significant(value) }
    var text = String(format: "%.6g", value)
    if text.contains("e") { return text }
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// `text` with hyphen-minus signs replaced by the typographic minus sign (−), for plots.
  static func minusSigns(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\u{2212}") }

  /// A shape as `[256, 1]`.
  static func shape(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}
