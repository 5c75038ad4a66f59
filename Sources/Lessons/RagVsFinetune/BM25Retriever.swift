import Foundation

/// Okapi BM25 over a set of documents (Robertson & Zaragoza, "The Probabilistic Relevance
/// Framework: BM25 and Beyond", 2009):
///
/// score(q, d) = Σ_{t ∈ q} idf(t) · f(t, d)·(k₁ + 1) / (f(t, d) + k₁·(1 − b + b·|d|/avgdl)),
/// idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5)),
///
/// with f(t, d) the count of term t in d, |d| its length in terms, N documents of which n(t)
/// contain t. Terms are lower-cased words with a crude suffix strip ("costs" → "cost",
/// "returned" → "return"). Ties are broken by the lower document index, so results are deterministic.
struct BM25Retriever: Sendable {
  /// Term-frequency saturation.
  static let k1 = 1.2
  /// Length normalisation.
  static let b = 0.75

  private let documentTerms: [[String: Int]]
  private let lengths: [Double]
  private let averageLength: Double
  private let idf: [String: Double]

  /// An index over `documents` (re-indexing after an edit is building a new one).
  init(documents: [String]) {
    documentTerms = documents.map { text in
      var counts: [String: Int] = [:]
      for term in Self.terms(text) { counts[term, default: 0] += 1 }
      return counts
    }
    lengths = documents.map { Double(Self.terms($0).count) }
    averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Double(lengths.count))
    var containing: [String: Int] = [:]
    for counts in documentTerms { for term in counts.keys { containing[term, default: 0] += 1 } }
    let n = Double(documents.count)
    idf = containing.mapValues { Foundation.log(1 + (n - Double($0) + 0.5) / (Double($0) + 0.5)) }
  }

  /// The BM25 score of every document for `query`.
  func scores(_ query: String) -> [Double] {
    let queryTerms = Self.terms(query)
    return documentTerms.indices.map { index in
      var score = 0.0
      for term in queryTerms {
        guard let frequency = documentTerms[index][term].map(Double.init), let weight = idf[term] else { continue }
        let norm = Self.k1 * (1 - Self.b + Self.b * lengths[index] / averageLength)
        score += weight * frequency * (Self.k1 + 1) / (frequency + norm)
      }
      return score
    }
  }

  /// The indices of the `k` best documents for `query`, best first.
  func topK(_ query: String, k: Int) -> [Int] {
    let all = scores(query)
    return Array(all.indices.sorted { all[$0] != all[$1] ? all[$0] > all[$1] : $0 < $1 }.prefix(k))
  }

  /// The words of `text` as written (runs of letters and digits), for vocabulary checks.
  static func words(_ text: String) -> [String] {
    text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }

  /// The terms of `text`: lower-cased runs of letters and digits, with a trailing "ed", "ing" or
  /// "s" removed from words longer than four letters.
  static func terms(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    func flush() {
      guard !current.isEmpty else { return }
      var word = current
      if word.count > 4 {
        for suffix in ["ing", "ed", "s"] where word.hasSuffix(suffix) {
          word.removeLast(suffix.count)
          break
        }
      }
      result.append(word)
      current = ""
    }
    for character in text.lowercased() {
      if character.isLetter || character.isNumber { current.append(character) } else { flush() }
    }
    flush()
    return result
  }
}
