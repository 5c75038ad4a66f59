import Autograd
import Foundation
import NeuralNet

/// The base model of the lesson: a character GPT pre-trained on general prose mixed with reading
/// exercises (``ReadingExercises``), so that it has learnt to answer a question from documents in
/// its context. It has never seen a fact-base entity.
struct RagReader: Sendable {
  /// The pre-trained weights (each arm starts from a copy).
  let frozen: FrozenGPT
  /// Token ids of the held-out general prose (the forgetting measurement).
  let generalValidation: [Int]
  /// Every word of the pre-training prose (fact-base names avoid them).
  let pretrainingWords: Set<String>
  /// The pre-training run.
  let log: RowTraining.Log
  /// Wall-clock seconds of pre-training.
  let seconds: Double

  var tokenizer: CharacterTokenizer { frozen.tokenizer }

  /// A fresh trainable copy of the base model.
  func model() throws -> GPT<Float> { try frozen.model() }

  /// Pre-trains the reader with `settings` from `seed`: general prose and reading exercises, one
  /// document per exercise for the first ``RagVsFinetuneSettings/curriculumFraction`` of the steps.
  static func train(seed: UInt64, settings: RagVsFinetuneSettings, progress: any ProgressReporter) throws -> RagReader {
    let start = DispatchTime.now().uptimeNanoseconds
    var root = SplitMix64(seed: seed)
    var textGenerator = root.split()
    let initialisation = root.split()
    let batches = root.split()
    var sampleGenerator = root.split()
    let general = Corpora.generalWithNotes(byteCount: settings.generalCharacters, using: &textGenerator)
    let exercises = ReadingExercises(maximumDocuments: settings.maximumExerciseDocuments)
    var alphabet = "0123456789$:. ?\n" + String(EntityNames.consonants) + String(EntityNames.vowels)
    alphabet += String(EntityNames.consonants).uppercased()
    for _ in 0..<200 { alphabet += exercises.exercise(documentCount: 3, using: &sampleGenerator).line }
    for kind in FactKind.allCases { for status in FactKind.statuses { alphabet += kind.document(entity: "X", value: status) } }
    let tokenizer = try CharacterTokenizer(text: general + alphabet)
    let scalars = Array(general.unicodeScalars)
    let cut = scalars.count - scalars.count / 10
    let trainTokens = try tokenizer.encode(String(String.UnicodeScalarView(scalars[..<cut])))
    let validationTokens = try tokenizer.encode(String(String.UnicodeScalarView(scalars[cut...])))

    var generator = initialisation
    let config = GPTConfig(
      vocabSize: tokenizer.vocabularySize, blockSize: settings.blockSize, layerCount: settings.layerCount,
      headCount: settings.headCount, embeddingWidth: settings.embeddingWidth)
    let model = try GPT<Float>(config: config, using: &generator)
    let plan = RowTraining.Plan(
      steps: settings.readerSteps, batchSize: settings.readerBatchSize, length: settings.blockSize,
      peakLearningRate: settings.readerLearningRate, warmupFraction: 0.05, weightDecay: 0.1, gradientClip: 1,
      replicas: settings.readerReplicas)
    let curriculumSteps = Int(settings.curriculumFraction * Double(settings.readerSteps))
    let length = settings.blockSize
    let log = try RowTraining.train(model, plan: plan, generator: batches, phase: "pre-training the reader", progress: progress) {
      step, generator in
      if generator.corpusChance(settings.exerciseShare) {
        let (text, weights) = exercises.row(length: length + 1, curriculum: step < curriculumSteps, using: &generator)
        return RowTraining.Row(tokens: try tokenizer.encode(text), weights: weights)
      }
      let offset = generator.corpusIndex(trainTokens.count - length - 1)
      return RowTraining.Row(tokens: Array(trainTokens[offset...(offset + length)]), weights: nil)
    }
    return RagReader(
      frozen: FrozenGPT(model, tokenizer: tokenizer), generalValidation: validationTokens,
      pretrainingWords: Set(BM25Retriever.words(general)), log: log,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }

  /// The seed of the quick reader (one reader for every quick run).
  static let quickSeed: UInt64 = 1

  /// The reader of quick runs, pre-trained once per process and shared (tests run the lesson for
  /// several seeds; each run's seed still drives its facts, fine-tuning and evaluation).
  static let quickReader: Result<RagReader, any Error> = Result {
    try train(seed: quickSeed, settings: .quick, progress: SilentProgress())
  }
}
