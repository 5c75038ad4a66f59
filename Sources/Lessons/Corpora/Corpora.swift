import Autograd

/// Training text for the language-model lessons, generated deterministically from a seed.
///
/// Three corpora, all printable ASCII plus newline:
/// - ``general(byteCount:using:)``: varied English prose about nature, cities, science, history and
///   daily life, one paragraph per line; the pre-training corpus.
/// - ``domain(byteCount:using:)``: support-desk tickets of the fictional Northwind shop (`Q:` / `A:`
///   lines with order numbers, products, prices and a fixed sign-off); the fine-tuning corpus.
/// - ``continuedGeneral(byteCount:using:)``: more English prose in the same style, mostly about new
///   topics (the sea, music and art, food, farming, travel); the continued-pre-training corpus.
///
/// Every function returns exactly `byteCount` bytes (one byte per character): the first `byteCount`
/// bytes of an endless stream, so a shorter corpus is a prefix of a longer one from the same state.
/// The text may therefore end mid-sentence. The `seed:` variants use Autograd's `SplitMix64` (the
/// project's one generator) with a separate seed stream per corpus, so `general(seed: 1)` and
/// `domain(seed: 1)` are unrelated.
public enum Corpora {
  /// Default size of the general corpus, in bytes (= characters): 400 KB.
  public static let defaultGeneralByteCount = 400_000
  /// Default size of the domain corpus, in bytes: 30 KB.
  public static let defaultDomainByteCount = 30_000
  /// Default size of the continued-pre-training corpus, in bytes: 200 KB.
  public static let defaultContinuedGeneralByteCount = 200_000
  /// Text that ends every domain reply's sign-off ("Best regards, Ada at Northwind Support") and never
  /// occurs in the general corpora: a direct marker of domain style in a model's samples.
  public static let domainSignature = "at Northwind Support"

  /// English prose about nature, cities, science, history and daily life: exactly `byteCount` bytes.
  public static func general(
    byteCount: Int = Corpora.defaultGeneralByteCount, using generator: inout some RandomNumberGenerator
  ) -> String {
    let prose = ProseGenerator(topics: GeneralTopics.all, topicWeights: [1, 1, 1, 1, 1])
    return stream(byteCount: byteCount, using: &generator) { prose.paragraph(using: &$0) }
  }

  /// ``general(byteCount:using:)`` driven by SplitMix64 seeded with `seed`.
  public static func general(seed: UInt64, byteCount: Int = Corpora.defaultGeneralByteCount) -> String {
    var generator = SplitMix64(seed: seed)
    return general(byteCount: byteCount, using: &generator)
  }

  /// Share of the units of ``generalWithNotes(byteCount:using:)`` that are everyday-note lines (the
  /// rest are prose paragraphs, which are longer: notes are about a tenth of the characters).
  public static let everydayNoteShare = 0.35

  /// The pre-training corpus of the `pretrain-finetune` lesson: the general prose of
  /// ``general(byteCount:using:)`` with one-line everyday notes mixed in (lists, prices, times,
  /// questions, short letters; see `EverydayNotesGenerator`), so that, as in a real pre-training corpus,
  /// every character of the domain text has been seen before fine-tuning. Exactly `byteCount` bytes.
  public static func generalWithNotes(
    byteCount: Int = Corpora.defaultGeneralByteCount, using generator: inout some RandomNumberGenerator
  ) -> String {
    let prose = ProseGenerator(topics: GeneralTopics.all, topicWeights: [1, 1, 1, 1, 1])
    let notes = EverydayNotesGenerator(topics: GeneralTopics.all)
    return stream(byteCount: byteCount, using: &generator) {
      $0.corpusChance(everydayNoteShare) ? notes.line(using: &$0) : prose.paragraph(using: &$0)
    }
  }

  /// Northwind support-desk tickets, `Q: <question>\nA: <reply and sign-off>\n`: exactly `byteCount` bytes.
  public static func domain(
    byteCount: Int = Corpora.defaultDomainByteCount, using generator: inout some RandomNumberGenerator
  ) -> String {
    let desk = SupportDeskGenerator()
    return stream(byteCount: byteCount, using: &generator) { desk.ticket(using: &$0) }
  }

  /// ``domain(byteCount:using:)`` driven by SplitMix64 seeded from `seed` (its own seed stream).
  public static func domain(seed: UInt64, byteCount: Int = Corpora.defaultDomainByteCount) -> String {
    var generator = SplitMix64(seed: seed ^ domainStream)
    return domain(byteCount: byteCount, using: &generator)
  }

  /// New English prose for continued pre-training, same style as the general corpus: exactly `byteCount`
  /// bytes. About three paragraphs in four are about the five new topics, the rest about the original five.
  public static func continuedGeneral(
    byteCount: Int = Corpora.defaultContinuedGeneralByteCount, using generator: inout some RandomNumberGenerator
  ) -> String {
    let prose = ProseGenerator(
      topics: ContinuedTopics.all + GeneralTopics.all, topicWeights: [3, 3, 3, 3, 3, 1, 1, 1, 1, 1])
    return stream(byteCount: byteCount, using: &generator) { prose.paragraph(using: &$0) }
  }

  /// ``continuedGeneral(byteCount:using:)`` driven by SplitMix64 seeded from `seed` (its own seed stream).
  public static func continuedGeneral(
    seed: UInt64, byteCount: Int = Corpora.defaultContinuedGeneralByteCount
  ) -> String {
    var generator = SplitMix64(seed: seed ^ continuedStream)
    return continuedGeneral(byteCount: byteCount, using: &generator)
  }

  /// Seed offsets that give each corpus its own SplitMix64 stream for the same user seed.
  private static let domainStream: UInt64 = 0xD0A1_4C0F_FEE5_2024
  private static let continuedStream: UInt64 = 0xC047_1E0D_5EED_0003

  /// Concatenates `unit()` results until `byteCount` bytes are reached, then cuts to exactly that many.
  private static func stream<G: RandomNumberGenerator>(
    byteCount: Int, using generator: inout G, unit: (inout G) -> String
  ) -> String {
    precondition(byteCount >= 0, "byteCount must not be negative")
    var bytes: [UInt8] = []
    bytes.reserveCapacity(byteCount + 1024)
    while bytes.count < byteCount {
      bytes.append(contentsOf: unit(&generator).utf8)
    }
    bytes.removeLast(bytes.count - byteCount)
    return String(decoding: bytes, as: UTF8.self)
  }
}
