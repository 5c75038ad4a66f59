/// A seeded template grammar that writes English prose paragraphs about a weighted set of topics.
///
/// Each paragraph keeps to one topic and has three to seven sentences drawn from nineteen sentence
/// templates (statements, questions, reported speech, conditionals, lists), or is a short dialogue.
/// The same topics, weights and generator state always give the same text. Output is printable
/// ASCII; paragraphs end with a newline.
struct ProseGenerator: Sendable {
  /// The topics a paragraph can be about.
  let topics: [ProseTopic]
  /// One positive weight per topic: the relative frequency of paragraphs about it.
  let topicWeights: [Int]

  /// A generator over `topics`, each weighted by the matching entry of `topicWeights`.
  init(topics: [ProseTopic], topicWeights: [Int]) {
    precondition(topics.count == topicWeights.count && !topics.isEmpty, "one weight per topic")
    self.topics = topics
    self.topicWeights = topicWeights
  }

  /// One paragraph, ending with a newline.
  func paragraph(using generator: inout some RandomNumberGenerator) -> String {
    let topic = topics[generator.corpusWeightedIndex(topicWeights)]
    if generator.corpusChance(0.12) {
      return dialogue(about: topic, using: &generator) + "\n"
    }
    let count = generator.corpusInteger(in: 3...7)
    var sentences: [String] = []
    for position in 0..<count {
      var text = sentence(about: topic, using: &generator)
      if position > 0, text.hasPrefix("The "), generator.corpusChance(0.25) {
        text = generator.corpusPick(SharedProseWords.connectives) + ", the " + text.dropFirst(4)
      }
      sentences.append(text)
    }
    return sentences.joined(separator: " ") + "\n"
  }

  /// One sentence about `topic`, capitalised and punctuated.
  func sentence(about topic: ProseTopic, using g: inout some RandomNumberGenerator) -> String {
    typealias E = EnglishInflection
    let noun = E.singular(g.corpusPick(topic.nouns))
    let other = E.singular(g.corpusPick(topic.nouns))
    let nounEntry = g.corpusPick(topic.nouns)
    let agent = g.corpusPick(topic.agents)
    let place = g.corpusPick(topic.places)
    let action = g.corpusPick(topic.actions)
    let motion = g.corpusPick(topic.motions)
    let adjective = self.adjective(topic, &g)
    let secondAdjective = self.adjective(topic, &g)
    let adverb = g.corpusPick(SharedProseWords.adverbs)
    let preposition = g.corpusPick(SharedProseWords.prepositions)
    let name = g.corpusPick(SharedProseWords.names)

    let text: String
    switch g.corpusIndex(19) {
    case 0:
      text = "the \(adjective) \(noun) \(E.past(motion)) \(preposition) the \(place)."
    case 1:
      text = "\(g.corpusPick(topic.times)), the \(E.singular(agent)) \(E.past(action)) the \(adjective) \(noun)."
    case 2:
      text = "\(name) said that the \(noun) was \(adjective) and \(secondAdjective)."
    case 3:
      text = "every \(g.corpusPick(SharedProseWords.timeUnits)), the \(E.plural(agent)) \(E.base(action)) the \(noun) \(preposition) the \(place)."
    case 4:
      text = "nobody knew why the \(noun) \(E.past(motion)) so \(adverb)."
    case 5:
      text = "why does the \(E.singular(agent)) \(E.base(action)) the \(noun) \(adverb)?"
    case 6:
      text = "if the \(E.singular(agent)) \(E.thirdPerson(action)) the \(noun), the \(other) will \(E.base(motion)) \(preposition) the \(place)."
    case 7:
      text = "there were \(g.corpusPick(SharedProseWords.numberWords)) \(E.plural(nounEntry)) in the \(place), and each of them was \(adjective)."
    case 8:
      text = "the \(E.singular(agent)) \(E.thirdPerson(action)) the \(noun) \(adverb), but the \(other) \(E.thirdPerson(motion)) \(preposition) the \(place)."
    case 9:
      let unit = g.corpusPick(SharedProseWords.timeUnits)
      text = "it was \(E.article(before: adjective)) \(adjective) \(unit) when the \(E.singular(agent)) first \(E.past(action)) the \(noun)."
    case 10:
      text = "\(g.corpusPick(topic.times)), the \(E.plural(agent)) \(E.past(motion)) \(preposition) the \(place)."
    case 11:
      let belief = g.corpusPick(SharedProseWords.beliefVerbs)
      text = "some \(E.plural(agent)) \(belief) that \(E.plural(nounEntry)) \(E.base(motion)) \(adverb) when the weather is \(g.corpusPick(SharedProseWords.weather))."
    case 12:
      let agentAdjective = g.corpusPick(SharedProseWords.adjectives)
      text = "the \(noun) was \(adjective), the \(other) was \(secondAdjective), and the \(E.singular(agent)) was \(agentAdjective)."
    case 13:
      let friend = g.corpusPick(SharedProseWords.names.filter { $0 != name })
      let carried = g.corpusPick(["took", "brought", "carried", "sent"])
      text = "\(name) and \(friend) \(E.past(action)) \(E.article(before: adjective)) \(adjective) \(noun) and \(carried) it to the \(place)."
    case 14:
      let secondAction = g.corpusPick(topic.actions)
      text = "most \(E.plural(agent)) \(E.base(action)) \(E.plural(nounEntry)) \(adverb), although a few prefer to \(E.base(secondAction)) them."
    case 15:
      let year = g.corpusInteger(in: 1150...1950)
      text = "in \(year), \(E.article(before: adjective)) \(adjective) \(E.singular(agent)) \(E.past(action)) \(E.article(before: noun)) \(noun) \(preposition) the \(place)."
    case 16:
      text = "the \(E.singular(agent)) \(E.past(action)) the \(noun) because it was \(adjective)."
    case 17:
      text = "after \(name) \(E.past(action)) the \(noun), the \(E.plural(agent)) \(E.past(motion)) \(preposition) the \(place)."
    default:
      text = "\(g.corpusPick(topic.times)), \(name) \(E.past(motion)) \(preposition) the \(place) and \(E.past(action)) the \(noun)."
    }
    return E.capitalized(text)
  }

  /// Two to four lines of quoted speech about the topic, joined into one paragraph.
  func dialogue(about topic: ProseTopic, using g: inout some RandomNumberGenerator) -> String {
    typealias E = EnglishInflection
    let speakers = [g.corpusPick(SharedProseWords.names), g.corpusPick(SharedProseWords.names)]
    var lines: [String] = []
    for turn in 0..<g.corpusInteger(in: 2...4) {
      let speaker = speakers[turn % 2]
      let verb = g.corpusPick(SharedProseWords.speechVerbs)
      let noun = E.singular(g.corpusPick(topic.nouns))
      let adjective = self.adjective(topic, &g)
      switch g.corpusIndex(4) {
      case 0:
        lines.append("\"\(g.corpusPick(SharedProseWords.exclamations)), the \(noun) is \(adjective) today,\" \(verb) \(speaker).")
      case 1:
        lines.append("\"Have you seen the \(noun) by the \(g.corpusPick(topic.places))?\" asked \(speaker).")
      case 2:
        let motion = E.base(g.corpusPick(topic.motions))
        let adverb = g.corpusPick(SharedProseWords.adverbs)
        lines.append("\"I think the \(noun) will \(motion) \(adverb),\" \(speaker) \(verb).")
      default:
        let agent = E.plural(g.corpusPick(topic.agents))
        lines.append("\"The \(agent) say it is \(adjective),\" \(verb) \(speaker), \"but I am not so sure.\"")
      }
    }
    return lines.joined(separator: " ")
  }

  /// A topic adjective, or now and then a general one, for variety.
  private func adjective(_ topic: ProseTopic, _ g: inout some RandomNumberGenerator) -> String {
    g.corpusChance(0.3) ? g.corpusPick(SharedProseWords.adjectives) : g.corpusPick(topic.adjectives)
  }
}
