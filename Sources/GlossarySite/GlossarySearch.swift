/// One search result: an entry and how well it matched.
public struct GlossarySearchHit: Sendable, Hashable {
  /// The matching entry.
  public let entry: GlossaryEntry
  /// How many distinct query words it matched.
  public let matchedWords: Int
  /// The weighted match score: per query word, term 10, alias or slug 6, summary 3, body 1 per
  /// occurrence up to 5; plus 5 when every word of the term was matched.
  public let score: Int
}

extension Glossary {
  /// Entries matching any of the words in `query`, best first: more distinct words matched,
  /// then a higher score, then A–Z. A word matches a word of the entry when one starts
  /// with the other (so `gradient` finds `gradients`), ignoring case; words shorter than
  /// three letters must match exactly.
  public func search(_ query: String) -> [GlossarySearchHit] {
    let words = Array(Set(Self.words(in: query)))
    guard !words.isEmpty else { return [] }
    var hits: [GlossarySearchHit] = []
    for entry in entries {
      let term = Self.words(in: entry.term)
      let aliases = entry.aliases.flatMap { Self.words(in: $0) } + Self.words(in: entry.slug)
      let summary = Self.words(in: entry.summary)
      let body = entry.sections.flatMap { Self.words(in: $0.title + " " + $0.markdown) }
      var matched = 0
      var score = 0
      for word in words {
        var wordScore = 0
        if term.contains(where: { Self.matches(word, $0) }) { wordScore += 10 }
        if aliases.contains(where: { Self.matches(word, $0) }) { wordScore += 6 }
        if summary.contains(where: { Self.matches(word, $0) }) { wordScore += 3 }
        wordScore += min(5, body.count { Self.matches(word, $0) })
        if wordScore > 0 { matched += 1 }
        score += wordScore
      }
      if !term.isEmpty, term.allSatisfy({ word in words.contains { Self.matches($0, word) } }) { score += 5 }
      if matched > 0 { hits.append(GlossarySearchHit(entry: entry, matchedWords: matched, score: score)) }
    }
    return hits.sorted {
      ($1.matchedWords, $1.score, Glossary.sortKey($0.entry.term)) < ($0.matchedWords, $0.score, Glossary.sortKey($1.entry.term))
    }
  }

  /// Lowercase runs of letters and digits.
  static func words(in text: String) -> [String] {
    text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
  }

  static func matches(_ query: String, _ word: String) -> Bool {
    if query.count < 3 || word.count < 3 { return query == word }
    return word.hasPrefix(query) || query.hasPrefix(word)
  }
}
