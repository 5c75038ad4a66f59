import Autograd

/// The reading exercises of the base model's pre-training: a few short documents about random
/// entities, then a question about one of them answered from the documents, in the format of
/// ``QuestionPrompt``. They stand in for what real models learn in pre-training and instruction
/// tuning: to use what is in their context.
///
/// Entity names of exercises start with a letter of ``exerciseInitials`` (orders with digit 1–4),
/// fact-base names with one of ``factInitials`` (orders with 5–9), so that no fact-base entity ever
/// appears in an exercise, whatever the seeds.
struct ReadingExercises: Sendable {
  /// Initial letters of exercise names.
  static let exerciseInitials = Set("BDFGKLM")
  /// Initial letters of fact-base names.
  static let factInitials = Set("NPRSTVZ")

  /// The most documents an exercise shows.
  let maximumDocuments: Int

  /// True when `name` is an exercise name (as opposed to a fact-base name).
  static func isExerciseName(_ name: String) -> Bool {
    guard let first = name.first else { return false }
    return first.isNumber ? "1234".contains(first) : exerciseInitials.contains(first)
  }

  /// A random fact about a fresh exercise entity.
  static func randomFact(kind: FactKind, using generator: inout SplitMix64) -> Fact {
    var name: String
    repeat {
      name = kind == .orderStatus ? EntityNames.orderNumber(using: &generator) : EntityNames.word(using: &generator)
    } while !isExerciseName(name)
    return Fact(kind: kind, entity: name, value: kind.randomValue(using: &generator))
  }

  /// One exercise line with `documentCount` documents (one answers the question; for a product,
  /// half the time another is the same product's other fact, as a retriever would also return it).
  func exercise(documentCount: Int, using generator: inout SplitMix64) -> (line: String, answer: String) {
    let kind = generator.corpusPick(FactKind.allCases)
    let target = Self.randomFact(kind: kind, using: &generator)
    var documents = [target.document]
    while documents.count < documentCount {
      if documents.count == 1, kind == .price || kind == .returnWindow, generator.corpusChance(0.5) {
        let other: FactKind = kind == .price ? .returnWindow : .price
        documents.append(Fact(kind: other, entity: target.entity, value: other.randomValue(using: &generator)).document)
      } else {
        documents.append(Self.randomFact(kind: generator.corpusPick(FactKind.allCases), using: &generator).document)
      }
    }
    for position in stride(from: documents.count - 1, to: 0, by: -1) {
      documents.swapAt(position, generator.corpusIndex(position + 1))
    }
    let question = target.question(generator.corpusIndex(FactKind.phrasingCount))
    return (QuestionPrompt.line(question: question, documents: documents, answer: target.value), target.value)
  }

  /// Loss weight of the characters outside the answers (the answers weigh 1), as in instruction
  /// tuning, where the loss is (mostly) on the response: the documents' random names and values
  /// cannot be predicted, so most of their gradient would be noise.
  static let contextWeight: Float = 0.1

  /// Exercises concatenated until they hold at least `length` characters, with the loss weight of
  /// predicting each character after the first (1 for the answer and its full stop, else
  /// ``contextWeight``); with `curriculum` every exercise shows one document, else 1…``maximumDocuments``.
  func row(length: Int, curriculum: Bool, using generator: inout SplitMix64) -> (text: String, weights: [Float]) {
    var text = ""
    var weights: [Float] = []
    while text.count < length {
      let count = curriculum ? 1 : 1 + generator.corpusIndex(maximumDocuments)
      let (line, answer) = exercise(documentCount: count, using: &generator)
      // The line ends with the answer, a full stop and a newline.
      let characters = line.count
      let answerStart = characters - 2 - answer.count
      for index in 0..<characters {
        weights.append(index >= answerStart && index < characters - 1 ? 1 : Self.contextWeight)
      }
      text += line
    }
    // weights[i] belongs to character i; predicting character i + 1 gets weights[i + 1].
    return (text, Array(weights.dropFirst()))
  }
}
