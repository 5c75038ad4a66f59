/// A seeded template grammar for short everyday writing: notes, reminders, price lists, timetables,
/// exclamations, questions and short letters, one line each, about the general topics.
///
/// A real pre-training corpus is not only tidy prose: it also holds lists, prices, times, numbered
/// items, questions and letters, so a base model has seen every character (`#`, `$`, `:`, `!`, digits…)
/// before it is fine-tuned. These lines give the tiny model of the `pretrain-finetune` lesson the same
/// breadth, without any of the support desk's words, products or format. Output is printable ASCII;
/// each line ends with a newline.
struct EverydayNotesGenerator: Sendable {
  /// The topics the notes are about (their nouns, places and agents).
  let topics: [ProseTopic]

  /// Names that open with letters the prose names do not use.
  static let extraNames = ["Quentin", "Quinn", "Zara", "Victor", "Wendy", "Xavier", "Ulla", "Greta", "Boris", "Dora"]
  /// Sign-offs of the short letters.
  static let farewells = ["Love", "See you soon", "Cheers", "Yours", "All the best", "Take care"]

  /// One line of everyday writing, ending with a newline.
  func line(using g: inout some RandomNumberGenerator) -> String {
    typealias E = EnglishInflection
    let topic = g.corpusPick(topics)
    let noun = E.singular(g.corpusPick(topic.nouns))
    let nouns = E.plural(g.corpusPick(topic.nouns))
    let place = g.corpusPick(topic.places)
    let agent = E.singular(g.corpusPick(topic.agents))
    let adjective = g.corpusPick(topic.adjectives)
    let name = g.corpusChance(0.5) ? g.corpusPick(SharedProseWords.names) : g.corpusPick(Self.extraNames)
    let friend = g.corpusPick(SharedProseWords.names)
    let time = "\(g.corpusInteger(in: 6...21)):\(g.corpusPick(["00", "15", "30", "45", "05", "50"]))"
    let price = "$\(g.corpusInteger(in: 1...120)).\(g.corpusPick(["00", "25", "50", "75", "95", "99"]))"
    let number = g.corpusInteger(in: 1...999)
    let count = g.corpusInteger(in: 2...40)

    let text: String
    switch g.corpusIndex(10) {
    case 0:
      text = "Note: the \(adjective) \(noun) near the \(place) costs \(price); ask \(name) before \(time)."
    case 1:
      text = "Reminder - meet \(name) at \(time) by the \(place)! Bring \(count) \(nouns)."
    case 2:
      text = "List #\(number): \(count) \(nouns), one \(noun), a \(adjective) map; total \(price)."
    case 3:
      text = "Question: why is the \(noun) in the \(place) so \(adjective)? \(name) thinks the \(agent) knows."
    case 4:
      text = "Wow! The \(noun) is \(adjective) today, and the \(agent) is back at the \(place)!"
    case 5:
      let other = g.corpusPick(topic.places)
      text = "Timetable: leave the \(place) at \(time), reach the \(other) by \(g.corpusInteger(in: 6...21)):00; tickets \(price) each."
    case 6:
      text = "Dear \(friend), the \(nouns) by the \(place) are \(adjective) this week. \(g.corpusPick(Self.farewells)), \(name)"
    case 7:
      text = "Q\(g.corpusInteger(in: 1...4)) report: \(count) \(nouns) counted at site #\(number); \(g.corpusInteger(in: 1...99))% were \(adjective)."
    case 8:
      text = "Tip: keep the \(noun) \(adjective) - \(name) says \(count) minutes is enough; then rest until \(time)."
    default:
      text = "Room \(number): \(name) and \(friend) - \"Is the \(noun) ready?\" \"Yes! Come at \(time).\""
    }
    return text + "\n"
  }
}
