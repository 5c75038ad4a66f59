/// A measured value quoted by name in a lesson narrative or a glossary entry:
///
///     {{ metric moons_train_accuracy | 3 }}       → 0.985      (3 decimals)
///     {{ metric moons_train_accuracy | 1% }}      → 98.5%      (×100, 1 decimal, a percent sign)
///     {{ metric backprop/moons_final_loss | 4 }}  → the metric of lesson `backprop` only
///     {{ metric mlp_parameter_count }}            → 337        (the site's default number format)
///     {{ metric pretrain_training_flops | 2e }}   → 6.01e11    (scientific, 2 decimals)
///     {{ metric gpt3_h100_hours | , }}            → 221,264    (rounded, thousands separated)
///
/// A bare name is looked up in the page's own lesson first (the narrative's lesson, or the lessons a
/// glossary entry lists), then in every lesson. Values come from `output/<lesson>/metrics.json`, so the
/// text always quotes the run whose plots it sits next to.
public struct MetricPlaceholder: Sendable, Hashable {
  /// How the value is written.
  public enum Format: Sendable, Hashable {
    /// The site's default format (``SharedViews/format(_:)``).
    case automatic
    /// Fixed `digits` decimals.
    case decimals(Int)
    /// Value × 100 with `digits` decimals and a `%`.
    case percent(Int)
    /// Scientific notation with `digits` decimals: `7.59 × 10^10` written `7.59e10`.
    case scientific(Int)
    /// Rounded to a whole number with commas between thousands: `221,264`.
    case grouped
  }

  /// The lesson the name is qualified with (`backprop/…`), if any.
  public var lesson: String?
  /// The metric's name in `metrics.json`.
  public var name: String
  public var format: Format
  /// Where the placeholder sits in the text it was found in (the whole `{{ … }}`).
  public var range: Range<String.Index>
  /// The 1-based line of the placeholder in that text.
  public var line: Int

  /// `lesson/name` or `name`.
  public var qualifiedName: String { lesson.map { $0 + "/" + name } ?? name }

  /// Every placeholder in `text`, in order, plus a message for each `{{ metric … }}` that cannot be parsed.
  public static func scan(_ text: String) -> (placeholders: [MetricPlaceholder], malformed: [(line: Int, text: String)]) {
    var found: [MetricPlaceholder] = []
    var malformed: [(Int, String)] = []
    var searchStart = text.startIndex
    while let open = text.range(of: "{{", range: searchStart..<text.endIndex) {
      guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else { break }
      let inner = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      let line = text[text.startIndex..<open.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      searchStart = close.upperBound
      guard inner.hasPrefix("metric ") else { continue }
      if let placeholder = parse(String(inner.dropFirst(7)), range: open.lowerBound..<close.upperBound, line: line) {
        found.append(placeholder)
      } else {
        malformed.append((line, String(text[open.lowerBound..<close.upperBound])))
      }
    }
    return (found, malformed)
  }

  private static func parse(_ body: String, range: Range<String.Index>, line: Int) -> MetricPlaceholder? {
    let parts = body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard (1...2).contains(parts.count), !parts[0].isEmpty else { return nil }
    let path = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard (1...2).contains(path.count), path.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) } })
    else { return nil }
    var format = Format.automatic
    if parts.count == 2 {
      var spec = parts[1]
      if spec == "," {
        return MetricPlaceholder(
          lesson: path.count == 2 ? path[0] : nil, name: path.last!, format: .grouped, range: range, line: line)
      }
      let suffix = spec.last.flatMap { "%e".contains($0) ? $0 : nil }
      if suffix != nil { spec.removeLast() }
      guard let digits = Int(spec), (0...12).contains(digits) else { return nil }
      switch suffix {
      case "%": format = .percent(digits)
      case "e": format = .scientific(digits)
      default: format = .decimals(digits)
      }
    }
    return MetricPlaceholder(
      lesson: path.count == 2 ? path[0] : nil, name: path.last!, format: format, range: range, line: line)
  }
}
