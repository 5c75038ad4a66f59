/// Minimal English word forms for the prose generator.
///
/// Word lists write irregular forms explicitly as `"singular/plural"` for nouns (`"leaf/leaves"`) and
/// `"base/past"` for verbs (`"grow/grew"`); everything else follows the regular spelling rules below.
enum EnglishInflection {
  /// The singular of a noun entry: the part before a `/`, or the entry itself.
  static func singular(_ entry: String) -> String {
    entry.split(separator: "/", maxSplits: 1).first.map(String.init) ?? entry
  }

  /// The plural of a noun entry: the explicit form after `/`, else `-ies`, `-es` or `-s`.
  static func plural(_ entry: String) -> String {
    let parts = entry.split(separator: "/", maxSplits: 1)
    if parts.count == 2 { return String(parts[1]) }
    if endsInConsonantY(entry) { return String(entry.dropLast()) + "ies" }
    if hasSibilantEnding(entry) { return entry + "es" }
    return entry + "s"
  }

  /// The base form of a verb entry (`"grow/grew"` gives `"grow"`).
  static func base(_ entry: String) -> String {
    singular(entry)
  }

  /// The third-person singular present (`"carry"` gives `"carries"`, `"watch"` gives `"watches"`).
  static func thirdPerson(_ entry: String) -> String {
    let verb = base(entry)
    if endsInConsonantY(verb) { return String(verb.dropLast()) + "ies" }
    if hasSibilantEnding(verb) || verb.hasSuffix("o") { return verb + "es" }
    return verb + "s"
  }

  /// The simple past: the explicit form after `/`, else `-d`, `-ied` or `-ed`.
  static func past(_ entry: String) -> String {
    let parts = entry.split(separator: "/", maxSplits: 1)
    if parts.count == 2 { return String(parts[1]) }
    if entry.hasSuffix("e") { return entry + "d" }
    if endsInConsonantY(entry) { return String(entry.dropLast()) + "ied" }
    return entry + "ed"
  }

  /// `"a"` or `"an"` for the phrase that follows, judged by its first letter with a few exceptions.
  static func article(before phrase: String) -> String {
    let word = phrase.lowercased()
    for prefix in ["uni", "use", "eu", "one"] where word.hasPrefix(prefix) { return "a" }
    for prefix in ["hour", "honest"] where word.hasPrefix(prefix) { return "an" }
    guard let first = word.first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
  }

  /// The phrase with its first letter in upper case.
  static func capitalized(_ phrase: String) -> String {
    guard let first = phrase.first else { return phrase }
    return first.uppercased() + phrase.dropFirst()
  }

  private static func endsInConsonantY(_ word: String) -> Bool {
    guard word.hasSuffix("y"), word.count >= 2 else { return false }
    let beforeY = word[word.index(word.endIndex, offsetBy: -2)]
    return !"aeiou".contains(beforeY)
  }

  private static func hasSibilantEnding(_ word: String) -> Bool {
    ["s", "x", "z", "ch", "sh"].contains { word.hasSuffix($0) }
  }
}
