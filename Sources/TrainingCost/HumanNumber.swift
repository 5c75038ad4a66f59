import Foundation

/// Reading and writing the large counts this estimator deals in (parameters, tokens, FLOPs)
/// the way people write them: `7B`, `2.5T`, `50M`, `12k`, `1.5e12`, `175_000_000_000`.
///
/// Suffixes are decimal and case-insensitive: k = 10³, M = 10⁶, B = 10⁹, T = 10¹².
public enum HumanNumber {
  /// The multiplier of each accepted suffix letter.
  public static let suffixes: [Character: Double] = ["k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12]

  /// The finite, strictly positive value written in `text`; `option` names the flag in errors.
  ///
  /// Rejects empty text, signs, `nan`/`inf`, hexadecimal, unknown suffixes, misplaced
  /// underscores, zero, and values too large for a `Double` (`1e400`).
  public static func parse(_ text: String, option: String) throws(CostError) -> Double {
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty else {
      throw .unreadableNumber(option: option, text: text, reason: "it is empty")
    }
    if trimmed.hasPrefix("-") {
      throw .outOfRange(option: option, text: text, allowed: "greater than zero")
    }
    let lowered = trimmed.lowercased()
    if ["nan", "+nan", "inf", "+inf", "infinity", "+infinity"].contains(lowered) {
      throw .unreadableNumber(option: option, text: text, reason: "it is not a finite number")
    }
    var body = Substring(trimmed)
    if body.first == "+" { body = body.dropFirst() }
    var multiplier = 1.0
    if let last = body.last, last.isLetter {
      guard let scale = suffixes[Character(last.lowercased())] else {
        throw .unreadableNumber(option: option, text: text, reason: "unknown suffix '\(last)'")
      }
      multiplier = scale
      body = body.dropLast()
    }
    let digits = try removingUnderscores(body, option: option, text: text)
    guard isDecimalLiteral(digits) else {
      throw .unreadableNumber(option: option, text: text, reason: "it is not a decimal number")
    }
    guard let mantissa = Double(digits) else {
      throw .unreadableNumber(option: option, text: text, reason: "it is not a decimal number")
    }
    let value = mantissa * multiplier
    guard value.isFinite else {
      throw .unreadableNumber(option: option, text: text, reason: "it is too large to represent")
    }
    guard value > 0 else {
      throw .outOfRange(option: option, text: text, allowed: "greater than zero")
    }
    return value
  }

  /// `value` with three significant digits and a k/M/B/T suffix (`70.0B`, `1.40T`, `1.87M`, `45.3`);
  /// values of 10¹⁵ and above, and below 10⁻³, in ``scientific(_:)`` form.
  public static func abbreviated(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e15 || magnitude < 1e-3 { return scientific(value) }
    let scales: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1, "")]
    for (index, (scale, suffix)) in scales.enumerated() where magnitude >= scale || scale == 1 {
      let text = threeSignificant(value / scale)
      // Rounding 999.6k up to "1000k" moves the number into the next suffix.
      if abs(Double(text) ?? 0) >= 1000, index > 0 {
        let (bigger, biggerSuffix) = scales[index - 1]
        return threeSignificant(value / bigger) + biggerSuffix
      }
      return text + suffix
    }
    return scientific(value)
  }

  /// ``abbreviated(_:)`` without trailing zeros, for numbers inside formulas: `30`, `0.5`, `16`,
  /// `1.4T`, `7B`.
  public static func compact(_ value: Double) -> String {
    let text = abbreviated(value)
    guard !text.contains("e") else { return text }
    let suffix = text.last.map { $0.isLetter ? String($0) : "" } ?? ""
    var number = String(text.dropLast(suffix.count))
    if number.contains(".") {
      while number.hasSuffix("0") { number.removeLast() }
      if number.hasSuffix(".") { number.removeLast() }
    }
    return number + suffix
  }

  /// `value` as a mantissa with three significant digits and a power of ten: `3.15e23`, `9.89e14`.
  public static func scientific(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value == 0 { return "0" }
    var exponent = Int((log10(abs(value))).rounded(.down))
    var mantissa = value / pow(10, Double(exponent))
    var text = fixed(mantissa, decimals: 2)
    if abs(Double(text) ?? 0) >= 10 {  // 9.996e22 rounds to 10.00e22
      exponent += 1
      mantissa = value / pow(10, Double(exponent))
      text = fixed(mantissa, decimals: 2)
    }
    return "\(text)e\(exponent)"
  }

  /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    let scale = pow(10, Double(decimals))
    let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard value.isFinite, rounded < 9e18 else { return scientific(value) }
    let negative = value < 0 && rounded != 0
    var digits = String(Int64(rounded))
    if decimals > 0 {
      if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (negative ? "-" : "") + digits
  }

  /// `value` rounded to an integer and written with thousands separators: `1,720,320`.
  public static func grouped(_ value: Double) -> String {
    let rounded = value.rounded(.toNearestOrAwayFromZero)
    guard abs(rounded) < 9e18 else { return scientific(value) }
    let digits = String(Int64(abs(rounded)))
    var out = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return (rounded < 0 ? "-" : "") + out
  }

  /// A duration of `days` days in the largest unit that keeps it at least 1: "40 seconds",
  /// "12.5 minutes", "6.20 hours", "1.50 days", "3.42 years" (a year being 365.25 days).
  public static func duration(days: Double) -> String {
    guard days.isFinite, days >= 0 else { return abbreviated(days) + " days" }
    let seconds = days * 86_400
    let (value, unit): (Double, String) =
      switch seconds {
      case ..<60: (seconds, "seconds")
      case ..<3_600: (seconds / 60, "minutes")
      case ..<86_400: (seconds / 3_600, "hours")
      case ..<(365.25 * 86_400): (days, "days")
      default: (days / 365.25, "years")
      }
    let number = value >= 1000 ? grouped(value) : threeSignificant(value)
    return number + " " + (number == "1.00" || number == "1" ? String(unit.dropLast()) : unit)
  }

  /// Three significant digits for 0.001 ≤ |value| < 1000 (`1.50`, `45.3`, `989`, `0.0123`).
  static func threeSignificant(_ value: Double) -> String {
    let magnitude = abs(value)
    let decimals: Int
    switch magnitude {
    case 99.95...: decimals = 0
    case 9.995...: decimals = 1
    case 0.9995...: decimals = 2
    case 0.09995...: decimals = 3
    case 0.009995...: decimals = 4
    default: decimals = 5
    }
    return fixed(value, decimals: decimals)
  }

  private static func removingUnderscores(
    _ body: Substring, option: String, text: String
  ) throws(CostError) -> String {
    let characters = Array(body)
    for (index, character) in characters.enumerated() where character == "_" {
      let before = index > 0 ? characters[index - 1] : " "
      let after = index + 1 < characters.count ? characters[index + 1] : " "
      guard before.isASCIIDigit, after.isASCIIDigit else {
        throw .unreadableNumber(option: option, text: text, reason: "an underscore must sit between digits")
      }
    }
    return String(characters.filter { $0 != "_" })
  }

  /// Whether `text` is `digits[.digits][e[+-]digits]` or `.digits[e…]`, and nothing else.
  private static func isDecimalLiteral(_ text: String) -> Bool {
    var characters = Array(text)[...]
    func digitRun() -> Int {
      var count = 0
      while let first = characters.first, first.isASCIIDigit { characters = characters.dropFirst(); count += 1 }
      return count
    }
    var mantissaDigits = digitRun()
    if characters.first == "." {
      characters = characters.dropFirst()
      mantissaDigits += digitRun()
    }
    guard mantissaDigits > 0 else { return false }
    if let first = characters.first, first == "e" || first == "E" {
      characters = characters.dropFirst()
      if let sign = characters.first, sign == "+" || sign == "-" { characters = characters.dropFirst() }
      guard digitRun() > 0 else { return false }
    }
    return characters.isEmpty
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
    while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
