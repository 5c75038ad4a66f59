/// Made-up names for the entities of the fact base and of the reading exercises: three
/// consonant–vowel syllables ("Kidate", "Lomaru"), or four digits for orders.
///
/// The names are random strings, so a character model can only answer questions about them by
/// reading: no name carries its facts in its spelling.
enum EntityNames {
  static let consonants = Array("bdfgklmnprstvz")
  static let vowels = Array("aeiou")

  /// A capitalised three-syllable name.
  static func word(using generator: inout some RandomNumberGenerator) -> String {
    var letters: [Character] = []
    for _ in 0..<3 {
      letters.append(generator.corpusPick(consonants))
      letters.append(generator.corpusPick(vowels))
    }
    return String(letters).prefix(1).uppercased() + String(letters.dropFirst())
  }

  /// A four-digit order number.
  static func orderNumber(using generator: inout some RandomNumberGenerator) -> String {
    String(generator.corpusInteger(in: 1000...9999))
  }

  /// A fact-base name for an entity of `kind`: not an exercise name (see `ReadingExercises`) and
  /// not in `excluded`.
  static func fresh(for kind: FactKind, excluding excluded: Set<String>, using generator: inout some RandomNumberGenerator) -> String {
    while true {
      let name = kind == .orderStatus ? orderNumber(using: &generator) : word(using: &generator)
      if !ReadingExercises.isExerciseName(name), !excluded.contains(name) { return name }
    }
  }
}
