extension ByteLevelBPETokenizer {
  /// Learns `merges` merge rules from `text`: byte-level BPE as GPT-2 trained it, deterministic.
  ///
  /// The text is split by ``GPT2PreTokenizer`` and each distinct piece counted. The vocabulary starts
  /// with the 256 one-byte tokens, id = byte value. Each step counts every adjacent pair of tokens
  /// inside the pieces (weighted by how often the piece occurs), merges the most frequent pair
  /// everywhere, and gives the new token the next id (256, 257, …). Ties are broken by the smaller
  /// pair of ids, comparing the left id first, then the right. Training stops early when no pair
  /// occurs any more (every piece is a single token), so the vocabulary has at most
  /// 256 + `merges` tokens.
  /// - Throws: `TokenizerError.invalidMergeCount` when `merges` is negative,
  ///   `.emptyTrainingText` when `text` is empty.
  public static func train(on text: String, merges mergeCount: Int) throws -> ByteLevelBPETokenizer {
    guard mergeCount >= 0 else { throw TokenizerError.invalidMergeCount(mergeCount) }
    guard !text.isEmpty else { throw TokenizerError.emptyTrainingText }

    // Distinct pieces as byte-id sequences, with their counts (in order of first appearance).
    var pieceIndex: [ArraySlice<Unicode.Scalar>: Int] = [:]
    var words: [[Int]] = []
    var frequencies: [Int] = []
    for piece in GPT2PreTokenizer.ranges(of: Array(text.unicodeScalars)) {
      if let index = pieceIndex[piece] {
        frequencies[index] += 1
      } else {
        pieceIndex[piece] = words.count
        words.append(String(String.UnicodeScalarView(piece)).utf8.map(Int.init))
        frequencies.append(1)
      }
    }

    var trainer = PairCounter(words: words, frequencies: frequencies)
    var tokens = (0..<256).map { String(Character(ByteLevelAlphabet.symbols[$0])) }
    var learned: [Merge] = []
    learned.reserveCapacity(mergeCount)
    while learned.count < mergeCount, let (left, right) = trainer.mostFrequentPair() {
      let newID = tokens.count
      learned.append(Merge(tokens[left], tokens[right]))
      tokens.append(tokens[left] + tokens[right])
      trainer.merge(left, right, into: newID)
    }
    return try ByteLevelBPETokenizer(tokens: tokens, merges: learned)
  }
}

/// Pair counts over a set of words, updated incrementally as pairs are merged.
private struct PairCounter {
  var words: [[Int]]
  let frequencies: [Int]
  /// Weighted count of each adjacent pair `left << 32 | right`.
  var counts: [UInt64: Int] = [:]
  /// The words in which each pair occurs (possibly stale: a word may have lost the pair since).
  var occurrences: [UInt64: Set<Int>] = [:]
  /// Candidates for the most frequent pair; an entry is current when its count equals `counts`.
  var heap = BinaryHeap<PairCount>()

  init(words: [[Int]], frequencies: [Int]) {
    self.words = words
    self.frequencies = frequencies
    for (index, word) in words.enumerated() where word.count >= 2 {
      for position in 0..<(word.count - 1) {
        let key = Self.key(word[position], word[position + 1])
        counts[key, default: 0] += frequencies[index]
        occurrences[key, default: []].insert(index)
      }
    }
    for (key, count) in counts { heap.push(PairCount(count: count, key: key)) }
  }

  static func key(_ left: Int, _ right: Int) -> UInt64 { UInt64(left) << 32 | UInt64(right) }

  /// The pair with the highest count (ties: the smallest key, i.e. left id then right id), or nil
  /// when no pair occurs.
  mutating func mostFrequentPair() -> (Int, Int)? {
    while let top = heap.pop() {
      guard let current = counts[top.key], current == top.count, current > 0 else { continue }
      return (Int(top.key >> 32), Int(top.key & 0xFFFF_FFFF))
    }
    return nil
  }

  /// Replaces every occurrence of `left, right` by `newID` and updates the counts.
  mutating func merge(_ left: Int, _ right: Int, into newID: Int) {
    let mergedKey = Self.key(left, right)
    var changed: [UInt64: Int] = [:]
    for index in (occurrences[mergedKey] ?? []).sorted() {
      let word = words[index]
      guard word.count >= 2 else { continue }
      let weight = frequencies[index]
      var rebuilt: [Int] = []
      rebuilt.reserveCapacity(word.count)
      var position = 0
      var touched = false
      while position < word.count {
        if position + 1 < word.count, word[position] == left, word[position + 1] == right {
          rebuilt.append(newID)
          position += 2
          touched = true
        } else {
          rebuilt.append(word[position])
          position += 1
        }
      }
      guard touched else { continue }
      // Remove the old word's pairs and add the new word's (simple and exact).
      for p in 0..<(word.count - 1) { changed[Self.key(word[p], word[p + 1]), default: 0] -= weight }
      if rebuilt.count >= 2 {
        for p in 0..<(rebuilt.count - 1) {
          let key = Self.key(rebuilt[p], rebuilt[p + 1])
          changed[key, default: 0] += weight
          occurrences[key, default: []].insert(index)
        }
      }
      words[index] = rebuilt
    }
    occurrences[mergedKey] = nil
    for (key, delta) in changed where delta != 0 {
      let updated = counts[key, default: 0] + delta
      if updated > 0 {
        counts[key] = updated
        heap.push(PairCount(count: updated, key: key))
      } else {
        counts[key] = nil
      }
    }
  }
}

/// A candidate merge in the training heap: pops first with the highest count, then the smaller pair key.
private struct PairCount: Comparable {
  var count: Int
  var key: UInt64
  /// True when `lhs` should come out of the heap before `rhs`.
  static func < (lhs: PairCount, rhs: PairCount) -> Bool { lhs.count != rhs.count ? lhs.count > rhs.count : lhs.key < rhs.key }
}
