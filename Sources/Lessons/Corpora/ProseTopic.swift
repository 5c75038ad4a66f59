/// The vocabulary of one subject (nature, cities, science ...) for the prose generator.
///
/// Nouns and agents may be written `"singular/plural"` and verbs `"base/past"` where the form is
/// irregular (see ``EnglishInflection``). Every string is printable ASCII.
struct ProseTopic: Sendable {
  /// A short label, used only in tests and diagnostics.
  let name: String
  /// Things the sentences talk about ("river", "leaf/leaves").
  let nouns: [String]
  /// Beings that act: people and animals ("fox/foxes", "ranger").
  let agents: [String]
  /// Places, used after "the" ("valley", "old harbour").
  let places: [String]
  /// Adjectives that suit the topic.
  let adjectives: [String]
  /// Transitive verbs, which take an object ("carry", "find/found").
  let actions: [String]
  /// Intransitive verbs, used with a place ("drift", "rise/rose").
  let motions: [String]
  /// Time phrases that can open a sentence ("at dawn", "during the harvest").
  let times: [String]
}
