import Autograd
import Foundation
import NeuralNet
import Training

/// The experiment of the `rag-vs-finetune` lesson: the same held-out questions about new facts,
/// answered by the base model with nothing, with retrieval, and after three kinds of fine-tuning;
/// then a change of some facts, and a retraining of (d).
struct RagVsFinetuneExperiment {
  /// What one arm did on the original facts and after the change.
  struct ArmOutcome: Sendable {
    let arm: KnowledgeArm
    /// Answers to the test question of every fact (original values).
    var answers: [String] = []
    var accuracy = AccuracyInterval(correct: 0, total: 0)
    /// Answers to the changed facts' test questions after the change (RAG re-indexed, models unchanged).
    var changedAnswers: [String] = []
    /// Share giving the new value, and the old one (stale).
    var changedAccuracy = AccuracyInterval(correct: 0, total: 0)
    var stale = AccuracyInterval(correct: 0, total: 0)
    /// Training FLOPs counted by the engine (0 for nothing and RAG).
    var trainingFLOPs = 0
    var trainingSeconds = 0.0
    var trainableParameters = 0
    /// Forward FLOPs per test question (prompt and answer).
    var inferenceFLOPsPerQuestion = 0.0
    /// Mean characters of prompt per question.
    var promptCharacters = 0.0
    /// Held-out general-text loss of the arm's model, nats per character.
    var generalLoss = 0.0
    /// Training loss per step.
    var trainingLoss: [Double] = []
  }

  /// Everything the experiment measured.
  struct Outcome: Sendable {
    var facts: FactBase
    var changedFacts: FactBase
    var changed: [Int]
    var arms: [ArmOutcome]
    /// recall@j for j = 1…k: the share of test questions whose fact document is among the top j.
    var recall: [Double]
    /// Per fact: true when its document was among the top k.
    var retrieved: [Bool]
    /// Recall@k on the changed facts after re-indexing.
    var changedRecall: Double
    /// (d) after retraining on the changed facts.
    var retrained: ArmOutcome
    /// Base-model general loss (nats per character) before any fine-tuning.
    var baseGeneralLoss: Double
    var readerLog: RowTraining.Log
    var readerSeconds: Double
    var readerParameters: Int
    var topK: Int
    /// The RAG prompt of every fact's test question.
    var ragPrompts: [String]
    /// True when the base model's weights after every arm equal the pre-trained reader's (RAG and
    /// nothing never change the model).
    var baseUnchanged: Bool
    /// Tokens of one pass over (c)'s and (d)'s training text.
    var documentCharacters: Int
    var augmentedCharacters: Int
  }

  let reader: RagReader
  let settings: RagVsFinetuneSettings
  let factCount: Int
  let topK: Int
  let changedFraction: Double
  let progress: any ProgressReporter

  /// Runs the arms with the run's `generator` (facts, batches and adapters come from it).
  func run(generator root: SplitMix64) throws -> Outcome {
    var root = root
    var factGenerator = root.split()
    var changeGenerator = root.split()
    let documentBatches = root.split()
    let augmentedBatches = root.split()
    var loraInitialisation = root.split()
    let retrainBatches = root.split()

    // Data: the fact base and its held-out questions.
    let facts = FactBase(count: factCount, excluding: reader.pretrainingWords, using: &factGenerator)
    let base = try reader.model()
    base.setTrainable(false)
    let baseGeneralLoss = try generalLoss(base)

    // (a) nothing and (b) RAG: the base model as it is.
    var nothing = ArmOutcome(arm: .nothing)
    try evaluate(base, facts: facts, retriever: nil, into: &nothing)
    nothing.generalLoss = baseGeneralLoss
    let retriever = BM25Retriever(documents: facts.documents)
    var rag = ArmOutcome(arm: .rag)
    try evaluate(base, facts: facts, retriever: retriever, into: &rag)
    rag.generalLoss = baseGeneralLoss
    let ranked = facts.facts.map { retriever.topK($0.testQuestion, k: topK) }
    let recall = (1...topK).map { j in
      Double(ranked.enumerated().filter { $0.element.prefix(j).contains($0.offset) }.count) / Double(max(1, facts.facts.count))
    }

    // (c), (d), (e): the fine-tuned models.
    let documentsModel = try reader.model()
    var documents = ArmOutcome(arm: .fineTuneDocuments)
    try fineTune(documentsModel, lines: Self.documentLines(facts), batches: documentBatches, into: &documents)
    try evaluate(documentsModel, facts: facts, retriever: nil, into: &documents)

    let augmentedModel = try reader.model()
    var augmented = ArmOutcome(arm: .fineTuneAugmented)
    try fineTune(augmentedModel, lines: Self.augmentedLines(facts), batches: augmentedBatches, into: &augmented)
    try evaluate(augmentedModel, facts: facts, retriever: nil, into: &augmented)

    let loraModel = try reader.model()
    try loraModel.attachLoRA(rank: settings.loraRank, alpha: 2 * Double(settings.loraRank), using: &loraInitialisation)
    var lora = ArmOutcome(arm: .lora)
    try fineTune(loraModel, lines: Self.augmentedLines(facts), batches: augmentedBatches, into: &lora)
    try evaluate(loraModel, facts: facts, retriever: nil, into: &lora)

    // The facts change: RAG edits its documents and re-indexes; the models stay as they are.
    let (changedFacts, changed) = facts.changing(fraction: changedFraction, using: &changeGenerator)
    let changedRetriever = BM25Retriever(documents: changedFacts.documents)
    let changedRecall = Double(changed.filter { retrieverFinds(changedRetriever, changedFacts.facts[$0], index: $0) }.count)
      / Double(max(1, changed.count))
    var arms = [nothing, rag, documents, augmented, lora]
    let models = [base, base, documentsModel, augmentedModel, loraModel]
    for index in arms.indices {
      try evaluateChange(
        models[index], old: facts, new: changedFacts, changed: changed,
        retriever: arms[index].arm == .rag ? changedRetriever : nil, into: &arms[index])
    }

    // Retraining (d) on the changed fact base.
    var retrained = ArmOutcome(arm: .fineTuneAugmented)
    try fineTune(augmentedModel, lines: Self.augmentedLines(changedFacts), batches: retrainBatches, steps: settings.retrainSteps, into: &retrained)
    try evaluate(augmentedModel, facts: changedFacts, retriever: nil, into: &retrained)
    try evaluateChange(augmentedModel, old: facts, new: changedFacts, changed: changed, retriever: nil, into: &retrained)

    return Outcome(
      facts: facts, changedFacts: changedFacts, changed: changed, arms: arms, recall: recall,
      retrieved: ranked.enumerated().map { $0.element.contains($0.offset) }, changedRecall: changedRecall,
      retrained: retrained, baseGeneralLoss: baseGeneralLoss, readerLog: reader.log, readerSeconds: reader.seconds,
      readerParameters: base.parameterCount, topK: topK,
      ragPrompts: prompts(facts.facts, documents: facts.documents, retriever: retriever),
      baseUnchanged: base.namedParameters.map(\.tensor.scalars) == reader.frozen.parameters,
      documentCharacters: Self.documentLines(facts).map(\.count).reduce(0, +),
      augmentedCharacters: Self.augmentedLines(facts).map(\.count).reduce(0, +))
  }

  /// True when `fact` (at `index`) is among the top k for its test question.
  func retrieverFinds(_ retriever: BM25Retriever, _ fact: Fact, index: Int) -> Bool {
    retriever.topK(fact.testQuestion, k: topK).contains(index)
  }

  /// The prompts of `facts`' test questions: with the top-k documents of `retriever` when given
  /// (best last), else question only.
  func prompts(_ facts: [Fact], documents: [String], retriever: BM25Retriever?) -> [String] {
    facts.map { fact in
      let context = retriever.map { $0.topK(fact.testQuestion, k: topK).reversed().map { documents[$0] } } ?? []
      return QuestionPrompt.prompt(
        question: fact.testQuestion, documents: context, maximumLength: settings.blockSize - QuestionPrompt.answerBudget)
    }
  }

  /// Answers every test question of `facts` and records the accuracy and the inference cost.
  func evaluate(_ model: GPT<Float>, facts: FactBase, retriever: BM25Retriever?, into outcome: inout ArmOutcome) throws {
    let prompts = prompts(facts.facts, documents: facts.documents, retriever: retriever)
    let answers = try GreedyAnswering(model: model, tokenizer: reader.tokenizer).answer(prompts)
    outcome.answers = answers.texts
    if let fact = facts.facts.first, let answer = answers.texts.first {
      progress.sampled(phase: outcome.arm.name, step: nil, text: "\(fact.testQuestion) → \(answer)")
    }
    let correct = zip(answers.texts, facts.facts).filter { $0.0 == $0.1.value }.count
    outcome.accuracy = AccuracyInterval(correct: correct, total: facts.facts.count)
    outcome.inferenceFLOPsPerQuestion = Double(answers.forwardFLOPs) / Double(max(1, prompts.count))
    outcome.promptCharacters = Double(prompts.map(\.count).reduce(0, +)) / Double(max(1, prompts.count))
  }

  /// Answers the changed facts' questions after the change: right (new value) and stale (old value).
  func evaluateChange(
    _ model: GPT<Float>, old: FactBase, new: FactBase, changed: [Int], retriever: BM25Retriever?, into outcome: inout ArmOutcome
  ) throws {
    let facts = changed.map { new.facts[$0] }
    // Retrieval ranks over the whole (edited) base, so document indices are those of `new`.
    let prompts = facts.map { fact in
      let context = retriever.map { $0.topK(fact.testQuestion, k: topK).reversed().map { new.documents[$0] } } ?? []
      return QuestionPrompt.prompt(
        question: fact.testQuestion, documents: context, maximumLength: settings.blockSize - QuestionPrompt.answerBudget)
    }
    let answers = try GreedyAnswering(model: model, tokenizer: reader.tokenizer).answer(prompts).texts
    outcome.changedAnswers = answers
    let right = zip(answers, changed).filter { $0.0 == new.facts[$0.1].value }.count
    let stale = zip(answers, changed).filter { $0.0 == old.facts[$0.1].value }.count
    outcome.changedAccuracy = AccuracyInterval(correct: right, total: changed.count)
    outcome.stale = AccuracyInterval(correct: stale, total: changed.count)
  }

  /// Fine-tunes `model`'s trainable parameters on rows of `lines` and records the cost and the
  /// general-text loss afterwards.
  func fineTune(
    _ model: GPT<Float>, lines: [String], batches: SplitMix64, steps: Int? = nil, into outcome: inout ArmOutcome
  ) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    let tokens = try lines.map { try reader.tokenizer.encode($0) }
    let length = settings.fineTuneLength
    let isLoRA = outcome.arm == .lora
    let plan = RowTraining.Plan(
      steps: steps ?? settings.fineTuneSteps, batchSize: settings.fineTuneBatchSize, length: length,
      peakLearningRate: isLoRA ? settings.loraLearningRate : settings.fineTuneLearningRate, warmupFraction: 0.1,
      weightDecay: isLoRA ? 0 : 0.1, gradientClip: 1)
    let log = try RowTraining.train(model, plan: plan, generator: batches, phase: outcome.arm.name, progress: progress) { _, generator in
      var row: [Int] = []
      var index = generator.corpusIndex(tokens.count)
      while row.count <= length {
        row += tokens[index]
        index = generator.corpusIndex(tokens.count)
      }
      return RowTraining.Row(tokens: row, weights: nil)
    }
    outcome.trainingSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    outcome.trainingFLOPs = log.totalFLOPs
    outcome.trainableParameters = log.trainableParameters
    outcome.trainingLoss = log.trainingLoss
    outcome.generalLoss = try generalLoss(model)
  }

  /// Mean cross-entropy (nats per character) of `model` on the held-out general prose.
  func generalLoss(_ model: GPT<Float>) throws -> Double {
    try HeldOutEvaluation.evaluate(model, tokens: reader.generalValidation, maxWindows: settings.generalEvaluationWindows)
      .meanCrossEntropy
  }

  /// The documents, one line each ((c)'s training text).
  static func documentLines(_ facts: FactBase) -> [String] { facts.documents.map { $0 + "\n" } }

  /// The documents plus a question–answer line for each fine-tuning phrasing ((d) and (e)); the
  /// held-out phrasing is never among them.
  static func augmentedLines(_ facts: FactBase) -> [String] {
    documentLines(facts) + facts.facts.flatMap { fact in
      (0..<FactKind.phrasingCount).filter { $0 != FactKind.heldOutPhrasing }.map {
        QuestionPrompt.line(question: fact.question($0), documents: [], answer: fact.value)
      }
    }
  }
}
