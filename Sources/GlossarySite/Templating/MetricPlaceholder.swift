/// A measured value quoted by name in a lesson narrative or a glossary entry:
///
///     {{ metric moons_train_accuracy | 3 }}       → 0.985      (3 decimals)
///     {{ metric moons_train_accuracy | 1% }}      → 98.5%      (×100, 1 decimal, a percent sign)
///     {{ metric backprop/moons_final_loss | 4 }}  → the metric of lesson `backprop` only
///     {{ metric mlp_parameter_count }}            → 337        (the site's default number format)
///     {{ metric pretrain_training_flops | 2e }}   → 6.01e11    (scientific, 2 decimals)
///     {{ metric gpt3_h100_hours | , }}            → 221,264    (rounded, thousands separated)
///
/// A text the run produced is quoted the same way, as a code span with line breaks shown as ⏎:
///
///     {{ sample pretrained_the }}                 → `The chill kight…`  (the whole sample)
///     {{ sample pretrained_the | 60 }}            → its first 60 characters and "…"
///
/// A bare name is looked up in the page's own lesson first (the narrative's lesson, or the lessons a
/// glossary entry lists), then in every lesson. Values come from `output/<lesson>/metrics.json`, so the
/// text always quotes the run whose plots it sits next to.
public struct MetricPlaceholder: Sendable, Hashable {
  /// What the placeholder quotes.
  public enum Kind: String, Sendable, Hashable {
    /// A number from `metrics`.
    case metric
    /// A text from `samples`.
    case sample
  }

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
    /// A sample's first `characters` characters (all of it when nil).
    case text(characters: Int?)
  }

  /// The lesson the name is qualified with (`backprop/…`), if any.
  public var lesson: String?
  /// The metric's name in `metrics.json`.
  public var name: String
  public var format: Format
  public var kind: Kind
  /// Where the placeholder sits in the text it was found in (the whole `{{ … }}`).
  public var range: Range<String.Index>
  /// The 1-based line of the placeholder in that text.
  public var line: Int

  /// `lesson/name` or `name`.
  public var qualifiedName: String { lesson.map { $0 + "/" + name } ?? name }

  /// `{{ metric NAME }}` or `{{ sample NAME }}` as written in a text, without its format.
  public var reference: String { "{{ \(kind.rawValue) \(qualifiedName) }}" }

  /// Every placeholder in `text`, in order, plus a message for each `{{ metric … }}` or `{{ sample … }}` that cannot be parsed.
  public static func scan(_ text: String) -> (placeholders: [MetricPlaceholder], malformed: [(line: Int, text: String)]) {
    var found: [MetricPlaceholder] = []
    var malformed: [(Int, String)] = []
    var searchStart = text.startIndex
    while let open = text.range(of: "{{", range: searchStart..<text.endIndex) {
      guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else { break }
      let inner = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      let line = text[text.startIndex..<open.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      searchStart = close.upperBound
      guard let kind = [Kind.metric, .sample].first(where: { inner.hasPrefix($0.rawValue + " ") }) else { continue }
      if let placeholder = parse(
        String(inner.dropFirst(kind.rawValue.count + 1)), kind: kind, range: open.lowerBound..<close.upperBound, line: line)
      {
        found.append(placeholder)
      } else {
        malformed.append((line, String(text[open.lowerBound..<close.upperBound])))
      }
    }
    return (found, malformed)
  }

  private static func parse(_ body: String, kind: Kind, range: Range<String.Index>, line: Int) -> MetricPlaceholder? {
    let parts = body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard (1...2).contains(parts.count), !parts[0].isEmpty else { return nil }
    let path = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard (1...2).contains(path.count), path.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) } })
    else { return nil }
    let lesson = path.count == 2 ? path[0] : nil
    if kind == .sample {
      var characters: Int?
      if parts.count == 2 {
        guard let limit = Int(parts[1]), limit > 0 else { return nil }
        characters = limit
      }
      return MetricPlaceholder(
        lesson: lesson, name: path.last!, format: .text(characters: characters), kind: kind, range: range, line: line)
    }
    var format = Format.automatic
    if parts.count == 2 {
      var spec = parts[1]
      if spec == "," {
        return MetricPlaceholder(lesson: lesson, name: path.last!, format: .grouped, kind: kind, range: range, line: line)
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
    return MetricPlaceholder(lesson: lesson, name: path.last!, format: format, kind: kind, range: range, line: line)
  }
}
