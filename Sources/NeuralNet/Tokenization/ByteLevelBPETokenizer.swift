import WorkbenchFiles

/// GPT-2's byte-level byte-pair encoding, as Hugging Face `tokenizers` runs it for GPT-2.
///
/// Encoding a text: (1) cut out the added tokens (e.g. `<|endoftext|>`), longest first at each
/// position, which become their own ids; (2) split the rest with ``GPT2PreTokenizer``; (3) write
/// each piece's UTF-8 bytes as ``ByteLevelAlphabet`` symbols, one token per byte; (4) repeatedly merge
/// the adjacent pair of tokens with the lowest merge rank (every occurrence, left to right) until
/// no adjacent pair has a rank; (5) look each token up in the vocabulary. Decoding concatenates the
/// tokens' bytes and reads them as UTF-8 (invalid sequences become U+FFFD, as `tokenizers` does).
public struct ByteLevelBPETokenizer: Tokenizer, Equatable {
  /// A token matched verbatim in the text before pre-tokenization and never split (GPT-2's
  /// `<|endoftext|>`, id 50256).
  public struct AddedToken: Equatable, Hashable, Sendable {
    /// Its id.
    public var id: Int
    /// Its text, matched exactly.
    public var content: String
    /// Whether `tokenizers` marks it special (kept in `tokenizer.json`; encoding treats both alike).
    public var special: Bool

    /// An added token `content` with `id`.
    public init(id: Int, content: String, special: Bool = true) {
      self.id = id
      self.content = content
      self.special = special
    }
  }

  /// One merge rule: the adjacent tokens `left` and `right` become the token `left + right`.
  public struct Merge: Equatable, Hashable, Sendable {
    /// The first token, in ``ByteLevelAlphabet`` symbols.
    public var left: String
    /// The second token.
    public var right: String
    /// A merge of `left` and `right`.
    public init(_ left: String, _ right: String) {
      self.left = left
      self.right = right
    }
  }

  /// The model's tokens in id order (`tokens[id]`, in ``ByteLevelAlphabet`` symbols, e.g. `"Ġthe"`).
  public let tokens: [String]
  /// The merge rules in rank order: `merges[0]` is applied first.
  public let merges: [Merge]
  /// Tokens matched before pre-tokenization, with their ids.
  public let addedTokens: [AddedToken]
  /// Special token ids put around every encoded text (`tokenizers`' `TemplateProcessing`
  /// single-sequence template, e.g. a BOS before `$A`); empty for GPT-2 as it ships.
  public let template: SingleSequenceTemplate

  /// A single-sequence template: the ids of the special tokens before and after the text's own (`$A`).
  public struct SingleSequenceTemplate: Equatable, Hashable, Sendable {
    public var before: [Int]
    public var after: [Int]
    /// Nothing around the text: `$A` alone.
    public static let textOnly = SingleSequenceTemplate(before: [], after: [])

    public init(before: [Int], after: [Int]) {
      self.before = before
      self.after = after
    }
  }

  private let ids: [String: Int]
  /// `byteIDs[b]`: the id of the one-byte token for byte `b`, or -1 when the vocabulary lacks it.
  private let byteIDs: [Int]
  /// For a pair of ids `left << 32 | right`: the merge's rank and the id of the merged token.
  private let mergeTable: [UInt64: (rank: Int, id: Int)]
  /// Added tokens by id.
  private let addedByID: [Int: String]

  /// Most tokens a vocabulary may have (added tokens included), checked before anything is built:
  /// 2²⁰, the model's own limit (`GPTConfig.limits.vocabSize`); GPT-2 has 50 257.
  public static let maximumVocabularySize = GPTConfig.limits.vocabSize
  /// Most merges a tokenizer may list (GPT-2 has 50 000).
  public static let maximumMergeCount = 1 << 20

  /// A tokenizer with these tokens (ids are positions), merges (ranks are positions), added tokens
  /// and the special tokens `template` puts around every text.
  /// - Throws: `TokenizerError.malformedTokenizer` when a token appears twice, a merge names a token
  ///   the vocabulary lacks or produces one it lacks, an added token's id is taken by another text,
  ///   or the template uses an id outside the vocabulary.
  public init(tokens: [String], merges: [Merge], addedTokens: [AddedToken] = [], template: SingleSequenceTemplate = .textOnly) throws {
    func malformed(_ reason: String) -> TokenizerError { .malformedTokenizer(source: "the BPE vocabulary", reason: reason) }
    guard !tokens.isEmpty else { throw TokenizerError.emptyVocabulary }
    guard tokens.count <= Self.maximumVocabularySize else {
      throw malformed("it has \(tokens.count) tokens, more than the limit of \(Self.maximumVocabularySize)")
    }
    guard merges.count <= Self.maximumMergeCount else {
      throw malformed("it has \(merges.count) merges, more than the limit of \(Self.maximumMergeCount)")
    }
    if let added = addedTokens.first(where: { $0.id >= Self.maximumVocabularySize }) {
      throw malformed("the added token \(JSONWriter.quoted(added.content)) has the id \(added.id), above the limit of \(Self.maximumVocabularySize - 1)")
    }
    var ids: [String: Int] = [:]
    ids.reserveCapacity(tokens.count)
    for (id, token) in tokens.enumerated() {
      guard ids.updateValue(id, forKey: token) == nil else { throw malformed("the token \(JSONWriter.quoted(token)) has two ids") }
    }
    var byteIDs = [Int](repeating: -1, count: 256)
    for byte in 0..<256 { byteIDs[byte] = ids[String(Character(ByteLevelAlphabet.symbols[byte]))] ?? -1 }
    var table: [UInt64: (rank: Int, id: Int)] = [:]
    table.reserveCapacity(merges.count)
    for (rank, merge) in merges.enumerated() {
      guard let left = ids[merge.left], let right = ids[merge.right] else {
        throw malformed("merge \(rank) (\(JSONWriter.quoted(merge.left)) \(JSONWriter.quoted(merge.right))) uses a token that is not in the vocabulary")
      }
      guard let merged = ids[merge.left + merge.right] else {
        throw malformed("merge \(rank) makes \(JSONWriter.quoted(merge.left + merge.right)), which is not in the vocabulary")
      }
      let key = UInt64(left) << 32 | UInt64(right)
      if table[key] == nil { table[key] = (rank, merged) }
    }
    var addedByID: [Int: String] = [:]
    for added in addedTokens {
      guard added.id >= 0, !added.content.isEmpty else { throw malformed("an added token has id \(added.id) and text \(JSONWriter.quoted(added.content))") }
      if added.id < tokens.count, tokens[added.id] != added.content {
        throw malformed("the added token \(JSONWriter.quoted(added.content)) has id \(added.id), which is the token \(JSONWriter.quoted(tokens[added.id]))")
      }
      addedByID[added.id] = added.content
    }
    let size = max(tokens.count, (addedTokens.map(\.id).max() ?? -1) + 1)
    if let outside = (template.before + template.after).first(where: { !(0..<size).contains($0) }) {
      throw malformed("the post-processor's template uses the id \(outside), outside the vocabulary of \(size)")
    }
    self.tokens = tokens
    self.merges = merges
    self.addedTokens = addedTokens
    self.template = template
    self.ids = ids
    self.byteIDs = byteIDs
    self.mergeTable = table
    self.addedByID = addedByID
  }

  /// One more than the largest id: the model's tokens plus added tokens beyond them.
  public var vocabularySize: Int { max(tokens.count, (addedTokens.map(\.id).max() ?? -1) + 1) }

  /// "byte-level BPE".
  public var kindName: String { "byte-level BPE" }

  /// The id of `token` (in ``ByteLevelAlphabet`` symbols), or of the added token with that text.
  public func id(of token: String) -> Int? { ids[token] ?? addedTokens.first { $0.content == token }?.id }

  /// The token (or added token's text) of `id`, or nil outside the vocabulary.
  public func token(of id: Int) -> String? {
    if let added = addedByID[id] { return added }
    return tokens.indices.contains(id) ? tokens[id] : nil
  }

  /// Byte-level BPE encodes every text, so nothing is unencodable.
  public func unencodableCharacters(in text: String) -> [Unicode.Scalar] { [] }

  /// The ids of `text` (see the type's description for the steps).
  /// - Throws: `TokenizerError.byteNotInVocabulary` when the vocabulary lacks a byte the text needs
  ///   (never for GPT-2's or a vocabulary trained here, which hold all 256).
  public func encode(_ text: String) throws -> [Int] {
    var result: [Int] = template.before
    var cache: [ArraySlice<Unicode.Scalar>: [Int]] = [:]
    for segment in splitOnAddedTokens(Array(text.unicodeScalars)) {
      switch segment {
      case let .added(id):
        result.append(id)
      case let .text(scalars):
        for piece in GPT2PreTokenizer.ranges(of: Array(scalars)) {
          if let known = cache[piece] {
            result += known
            continue
          }
          let encoded = try encodePiece(piece)
          cache[piece] = encoded
          result += encoded
        }
      }
    }
    return result + template.after
  }

  /// The ids of one pre-tokenized piece: its bytes' tokens, merged by rank.
  func encodePiece(_ piece: ArraySlice<Unicode.Scalar>) throws -> [Int] {
    var word: [Int] = []
    for byte in String(String.UnicodeScalarView(piece)).utf8 {
      let id = byteIDs[Int(byte)]
      guard id >= 0 else { throw TokenizerError.byteNotInVocabulary(byte) }
      word.append(id)
    }
    return applyMerges(to: word)
  }

  /// `word` with merges applied, as `tokenizers` does it: a min-heap of (rank, position) candidates
  /// over a linked list of tokens; the lowest rank is merged first, the leftmost of equal ranks
  /// first, and each merge offers the new pairs with its neighbours. O(n log n) in the word's length
  /// (a long run of letters without spaces, as in Chinese, is one piece). Same result as
  /// ``applyMergesByPasses(to:)``.
  func applyMerges(to start: [Int]) -> [Int] {
    let count = start.count
    guard count >= 2 else { return start }
    var ids = start
    var previous = Array(-1..<(count - 1))
    var next = Array(1...count)  // `count` means "none"
    var heap = BinaryHeap<UInt64>()  // keys: rank in the high half, position in the low half
    func offer(_ left: Int) {
      let right = next[left]
      guard right < count, let entry = mergeTable[UInt64(ids[left]) << 32 | UInt64(ids[right])] else { return }
      heap.push(UInt64(entry.rank) << 32 | UInt64(left))
    }
    for position in 0..<(count - 1) { offer(position) }
    var removed = [Bool](repeating: false, count: count)
    while let top = heap.pop() {
      let rank = Int(top >> 32)
      let left = Int(top & 0xFFFF_FFFF)
      let right = next[left]
      guard !removed[left], right < count,
        let entry = mergeTable[UInt64(ids[left]) << 32 | UInt64(ids[right])], entry.rank == rank
      else { continue }
      ids[left] = entry.id
      removed[right] = true
      next[left] = next[right]
      if next[right] < count { previous[next[right]] = left }
      if previous[left] >= 0 { offer(previous[left]) }
      offer(left)
    }
    var result: [Int] = []
    var position = 0
    while position < count {
      result.append(ids[position])
      position = next[position]
    }
    return result
  }

  /// The reference definition of ``applyMerges(to:)``, GPT-2's original loop: while some adjacent
  /// pair has a merge, merge every occurrence (left to right, without overlap) of the pair with the
  /// lowest rank. O(n²); kept to test the fast version against.
  func applyMergesByPasses(to start: [Int]) -> [Int] {
    var word = start
    while word.count >= 2 {
      var bestRank = Int.max
      var bestKey: UInt64 = 0
      var bestID = 0
      for index in 0..<(word.count - 1) {
        let key = UInt64(word[index]) << 32 | UInt64(word[index + 1])
        if let entry = mergeTable[key], entry.rank < bestRank {
          (bestRank, bestKey, bestID) = (entry.rank, key, entry.id)
        }
      }
      if bestRank == Int.max { break }
      var merged: [Int] = []
      merged.reserveCapacity(word.count)
      var index = 0
      while index < word.count {
        if index + 1 < word.count, UInt64(word[index]) << 32 | UInt64(word[index + 1]) == bestKey {
          merged.append(bestID)
          index += 2
        } else {
          merged.append(word[index])
          index += 1
        }
      }
      word = merged
    }
    return word
  }

  private enum Segment {
    case text(ArraySlice<Unicode.Scalar>)
    case added(Int)
  }

  /// `scalars` cut at every occurrence of an added token (the longest one that starts at a position
  /// wins; the scan then resumes after it).
  private func splitOnAddedTokens(_ scalars: [Unicode.Scalar]) -> [Segment] {
    guard !addedTokens.isEmpty else { return [.text(scalars[...])] }
    let candidates = addedTokens.map { (id: $0.id, scalars: Array($0.content.unicodeScalars)) }
      .sorted { $0.scalars.count > $1.scalars.count }
    var segments: [Segment] = []
    var textStart = 0
    var position = 0
    while position < scalars.count {
      let match = candidates.first { candidate in
        position + candidate.scalars.count <= scalars.count
          && scalars[position..<(position + candidate.scalars.count)].elementsEqual(candidate.scalars)
      }
      if let match {
        if textStart < position { segments.append(.text(scalars[textStart..<position])) }
        segments.append(.added(match.id))
        position += match.scalars.count
        textStart = position
      } else {
        position += 1
      }
    }
    if textStart < scalars.count { segments.append(.text(scalars[textStart...])) }
    return segments
  }

  /// The text of `ids`, as `tokenizers`' ByteLevel decoder makes it: each token (or added token's
  /// text) becomes the bytes its symbols stand for, or its own UTF-8 when one of its characters is
  /// not a ``ByteLevelAlphabet`` symbol; the bytes are read as UTF-8 with U+FFFD for invalid sequences.
  public func decode(_ ids: [Int]) throws -> String {
    var bytes: [UInt8] = []
    for (position, id) in ids.enumerated() {
      guard let token = token(of: id) else {
        throw TokenizerError.idOutOfRange(id: id, position: position, vocabularySize: vocabularySize)
      }
      bytes += ByteLevelAlphabet.bytes(of: token) ?? Array(token.utf8)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The bytes the tokens of `ids` stand for, summed (a token may hold part of a character).
  public func byteCount(of ids: [Int]) throws -> Int {
    var count = 0
    for (position, id) in ids.enumerated() {
      guard let token = token(of: id) else {
        throw TokenizerError.idOutOfRange(id: id, position: position, vocabularySize: vocabularySize)
      }
      count += ByteLevelAlphabet.bytes(of: token)?.count ?? token.utf8.count
    }
    return count
  }

  /// The tokenizer as a Hugging Face `tokenizer.json` text (see ``TokenizerJSON``).
  public var serialized: String { TokenizerJSON.text(of: self) }

  public static func == (lhs: ByteLevelBPETokenizer, rhs: ByteLevelBPETokenizer) -> Bool {
    lhs.tokens == rhs.tokens && lhs.merges == rhs.merges && lhs.addedTokens == rhs.addedTokens && lhs.template == rhs.template
  }
}
