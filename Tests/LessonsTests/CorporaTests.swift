import Testing
import Autograd

@testable import Lessons

/// The three training corpora: determinism, exact sizes, character set, structure, and that the
/// domain corpus really differs from the general ones while the two general corpora stay alike.
@Suite("Corpora")
struct CorporaTests {
  /// Which corpus a parameterised test is about.
  enum Kind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case general, domain, continuedGeneral
    var testDescription: String { rawValue }

    func text(seed: UInt64, byteCount: Int) -> String {
      switch self {
      case .general: Corpora.general(seed: seed, byteCount: byteCount)
      case .domain: Corpora.domain(seed: seed, byteCount: byteCount)
      case .continuedGeneral: Corpora.continuedGeneral(seed: seed, byteCount: byteCount)
      }
    }

    func fullSize(seed: UInt64) -> String {
      switch self {
      case .general: Corpora.general(seed: seed)
      case .domain: Corpora.domain(seed: seed)
      case .continuedGeneral: Corpora.continuedGeneral(seed: seed)
      }
    }
  }

  // Full-size corpora, generated once for the whole suite.
  static let general = Corpora.general(seed: 1)
  static let generalOtherSeed = Corpora.general(seed: 2, byteCount: Corpora.defaultContinuedGeneralByteCount)
  static let domain = Corpora.domain(seed: 1)
  static let continued = Corpora.continuedGeneral(seed: 1)

  // MARK: Determinism and size

  @Test("The same seed gives identical text; another seed gives different text", arguments: Kind.allCases)
  func sameSeedSameText(kind: Kind) {
    let first = kind.text(seed: 42, byteCount: 20_000)
    let again = kind.text(seed: 42, byteCount: 20_000)
    let other = kind.text(seed: 43, byteCount: 20_000)
    #expect(first == again)
    #expect(first != other)
  }

  @Test("Each corpus has exactly the requested number of bytes", arguments: Kind.allCases, [0, 1, 777, 12_345])
  func exactByteCount(kind: Kind, byteCount: Int) {
    let text = kind.text(seed: 5, byteCount: byteCount)
    #expect(text.utf8.count == byteCount)
    #expect(text.count == byteCount)  // one character per byte: ASCII only
  }

  @Test("Default sizes: general 300-500 KB, domain 20-40 KB, continued 100-500 KB")
  func defaultSizes() {
    #expect((300_000...500_000).contains(Self.general.utf8.count))
    #expect((20_000...40_000).contains(Self.domain.utf8.count))
    #expect((100_000...500_000).contains(Self.continued.utf8.count))
  }

  @Test("A shorter corpus is a prefix of a longer one from the same seed", arguments: Kind.allCases)
  func shorterIsPrefix(kind: Kind) {
    let short = kind.text(seed: 9, byteCount: 3_000)
    let long = kind.text(seed: 9, byteCount: 9_000)
    #expect(long.hasPrefix(short))
  }

  @Test("The seed variants are SplitMix64 streams: a reference SplitMix64 reproduces them")
  func seedVariantsUseSplitMix64() {
    var reference = ReferenceSplitMix64(seed: 11)
    #expect(Corpora.general(byteCount: 5_000, using: &reference) == Corpora.general(seed: 11, byteCount: 5_000))
    // Domain and continued corpora use their own seed streams, so the same seed gives unrelated text.
    var domainReference = ReferenceSplitMix64(seed: 11)
    let domainFromRawSeed = Corpora.domain(byteCount: 500, using: &domainReference)
    #expect(Corpora.domain(seed: 11, byteCount: 500) != domainFromRawSeed)
  }

  @Test("The SplitMix64 behind the seed variants produces the published reference sequence for seed 0")
  func splitMixReferenceValues() {
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(generator.next() == 0x06C4_5D18_8009_454F)
  }

  // MARK: Character set and structure

  @Test("Only printable ASCII and newline occur", arguments: Kind.allCases)
  func onlyAllowedCharacters(kind: Kind) {
    let text: String = switch kind {
      case .general: Self.general
      case .domain: Self.domain
      case .continuedGeneral: Self.continued
    }
    let offending = text.utf8.filter { !((0x20...0x7E).contains($0) || $0 == 0x0A) }
    #expect(offending.isEmpty)
  }

  @Test("General prose looks like English: letters and spaces dominate, lines start with a capital or a quote")
  func generalLooksLikeEnglish() {
    let text = Self.general
    let lettersAndSpaces = text.unicodeScalars.filter { $0.properties.isAlphabetic || $0 == " " }.count
    #expect(Double(lettersAndSpaces) / Double(text.unicodeScalars.count) > 0.93)
    let lines = text.split(separator: "\n")
    #expect(lines.count > 500)
    for line in lines.dropLast() {  // the last line may be cut mid-word
      let first = line.first!
      #expect(first.isUppercase || first == "\"", "line starts with \(first)")
      #expect([".", "?", "\""].contains(line.last!), "line ends with \(line.last!)")
    }
  }

  @Test("General prose has a broad vocabulary and few repeated sentences")
  func generalIsVaried() {
    let words = Set(Self.words(in: Self.general))
    #expect(words.count > 1_000)
    for topicWord in ["river", "tram", "telescope", "castle", "kettle"] {  // one per topic
      #expect(words.contains(topicWord))
    }
    let sentences = Self.general.split(whereSeparator: { $0 == "." || $0 == "?" || $0 == "\n" })
    #expect(Double(Set(sentences).count) / Double(sentences.count) > 0.9)
  }

  @Test("Domain tickets alternate Q: and A: lines, and every full reply has the Northwind sign-off")
  func domainStructure() {
    let lines = Self.domain.split(separator: "\n", omittingEmptySubsequences: false).dropLast()  // last may be cut
    #expect(lines.count > 100)
    for (index, line) in lines.enumerated() {
      if index % 2 == 0 {
        #expect(line.hasPrefix("Q: "), "line \(index): \(line)")
      } else {
        #expect(line.hasPrefix("A: Hello! "), "line \(index): \(line)")
        #expect(line.hasSuffix(Corpora.domainSignature), "line \(index): \(line)")
      }
    }
    #expect(Self.domain.contains("#"))
    #expect(Self.domain.contains("$"))
  }

  // MARK: The corpora differ where they should

  @Test("The Northwind sign-off and the domain's products occur in the domain corpus only")
  func signOffOnlyInDomain() {
    let signOffs = Self.domain.split(separator: "\n").filter { $0.hasSuffix(Corpora.domainSignature) }
    #expect(signOffs.count > 50)
    for general in [Self.general, Self.continued] {
      #expect(!general.contains(Corpora.domainSignature))
      #expect(!general.contains("Northwind"))
      #expect(!general.contains("Q: "))
      #expect(!general.contains("#"))
    }
  }

  @Test("Character-bigram distributions: domain differs strongly from general, two general samples barely")
  func bigramDistributionsDiffer() {
    let sample = 30_000
    let general = Self.bigramFrequencies(Self.general.prefix(sample))
    let generalLater = Self.bigramFrequencies(Self.general.dropFirst(200_000).prefix(sample))
    let continued = Self.bigramFrequencies(Self.continued.prefix(sample))
    let domain = Self.bigramFrequencies(Self.domain.prefix(sample))
    let domainDistance = Self.totalVariation(general, domain)
    let generalDistance = Self.totalVariation(general, generalLater)
    let continuedDistance = Self.totalVariation(general, continued)
    #expect(domainDistance > 0.25)
    #expect(generalDistance < 0.12)
    #expect(continuedDistance < 0.15)
    #expect(domainDistance > 2 * continuedDistance)
  }

  @Test("Continued pre-training text brings new words; another general seed almost none")
  func continuedHasNewVocabulary() {
    let known = Set(Self.words(in: Self.general))
    func unseenFraction(_ text: String) -> Double {
      let words = Self.words(in: text)
      return Double(words.filter { !known.contains($0) }.count) / Double(words.count)
    }
    #expect(unseenFraction(Self.continued) > 0.10)
    #expect(unseenFraction(Self.generalOtherSeed) < 0.02)
    #expect(unseenFraction(Self.domain) > 0.3)
  }

  // MARK: Word forms

  @Test("English inflection follows the spelling rules and the explicit irregular forms")
  func inflection() {
    typealias E = EnglishInflection
    #expect(E.plural("city/cities") == "cities")
    #expect(E.plural("box") == "boxes")
    #expect(E.plural("sky") == "skies")
    #expect(E.plural("key") == "keys")
    #expect(E.plural("traffic light") == "traffic lights")
    #expect(E.singular("leaf/leaves") == "leaf")
    #expect(E.past("carry") == "carried")
    #expect(E.past("bake") == "baked")
    #expect(E.past("play") == "played")
    #expect(E.past("grow/grew") == "grew")
    #expect(E.thirdPerson("watch") == "watches")
    #expect(E.thirdPerson("echo") == "echoes")
    #expect(E.thirdPerson("hurry") == "hurries")
    #expect(E.thirdPerson("sing/sang") == "sings")
    #expect(E.article(before: "owl") == "an")
    #expect(E.article(before: "university") == "a")
    #expect(E.article(before: "Aurora kettle") == "an")
    #expect(E.capitalized("the river") == "The river")
  }

  @Test("Every word list entry is printable ASCII without stray spaces", arguments: GeneralTopics.all + ContinuedTopics.all)
  func wordListsAreClean(topic: ProseTopic) {
    let entries = topic.nouns + topic.agents + topic.places + topic.adjectives + topic.actions + topic.motions + topic.times
    for entry in entries {
      #expect(!entry.isEmpty && entry.allSatisfy { $0.isASCII && $0 != "\n" }, "\(topic.name): \(entry)")
      #expect(entry == entry.trimmingCharacters(), "\(topic.name): '\(entry)'")
    }
  }

  // MARK: Helpers (independent of the generator code)

  static func words(in text: String) -> [String] {
    text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
  }

  static func bigramFrequencies(_ text: Substring) -> [String: Double] {
    let characters = Array(text)
    var counts: [String: Double] = [:]
    for index in 0..<(characters.count - 1) {
      counts[String([characters[index], characters[index + 1]]), default: 0] += 1
    }
    let total = Double(characters.count - 1)
    return counts.mapValues { $0 / total }
  }

  /// Total-variation distance ½ Σ |p − q| between two distributions (0 = identical, 1 = disjoint).
  static func totalVariation(_ p: [String: Double], _ q: [String: Double]) -> Double {
    let keys = Set(p.keys).union(q.keys)
    return 0.5 * keys.reduce(0) { $0 + abs(p[$1, default: 0] - q[$1, default: 0]) }
  }
}

/// SplitMix64 written out independently of the library, as the oracle for the seed variants.
struct ReferenceSplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension ProseTopic: CustomTestStringConvertible {
  public var testDescription: String { name }
}

extension String {
  fileprivate func trimmingCharacters() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
