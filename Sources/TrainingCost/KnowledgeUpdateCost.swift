/// The price, at business scale, of four ways to make a model answer questions about a company's
/// own facts that change every month: nothing, retrieval (RAG), full fine-tuning on the documents
/// plus question–answer pairs, and LoRA. Each has an up-front cost, a cost per update of the
/// facts, and a serving cost per question; the table and the break-even follow from them.
///
/// Compute: training 6·N·D FLOPs (full) or 4·N·D + 6·N_adapter·D (LoRA) as in ``FineTuningEstimate``;
/// inference 2·N FLOPs per token read or written (Kaplan et al. 2020, §2.1), so retrieved passages
/// make every question dearer. Self-hosted serving at ``servingUtilization`` of peak.
public struct KnowledgeUpdateScenario: Sendable, Equatable {
  /// Parameters of the base model N (7B by default).
  public var parameters: Double = 7e9
  /// Documents in the fact base.
  public var documents: Double = 10_000
  /// Tokens per document (a short policy or product page). Assumption.
  public var tokensPerDocument: Double = 200
  /// Questions per month.
  public var questionsPerMonth: Double = 1e6
  /// Tokens of a question (with its instructions) and of its answer. Assumptions.
  public var questionTokens: Double = 50
  public var answerTokens: Double = 20
  /// Documents retrieved per question (RAG).
  public var topK: Double = 2
  /// Share of the documents that change each month (one update a month).
  public var changedShare: Double = 0.2
  /// Question–answer pairs written per document for augmented fine-tuning.
  public var questionsPerDocument: Double = 3
  /// Passes over the training data in a fine-tuning run (and in each retraining).
  public var epochs: Double = 3
  /// Fraction of peak FLOP/s reached when serving with large batches.
  public var servingUtilization: Double = 0.2
  /// Price of re-indexing a changed document for retrieval, per million tokens (embedding API;
  /// BM25 costs almost nothing). Illustrative.
  public var indexingPricePerMillionTokens: Double = 0.10

  public init() {}

  /// Tokens of one fine-tuning pass over the documents and their question–answer pairs.
  public var augmentedTokens: Double {
    documents * (tokensPerDocument + questionsPerDocument * (questionTokens + answerTokens))
  }

  /// Tokens the model reads and writes per question: the question, the answer, and for RAG the
  /// top-k documents.
  public func tokensPerQuestion(retrieval: Bool) -> Double {
    questionTokens + answerTokens + (retrieval ? topK * tokensPerDocument : 0)
  }
}

/// One priced row of ``KnowledgeUpdateCost``.
public struct KnowledgeUpdateRow: Sendable, Equatable {
  /// "nothing", "RAG", "full fine-tune", "LoRA".
  public let name: String
  /// Training FLOPs before the first question (0 without training).
  public let upFrontFLOPs: Double
  /// Dollars before the first question.
  public let upFrontDollars: Double
  /// Dollars to take one monthly update of the facts into account.
  public let perUpdateDollars: Double
  /// FLOPs per question served (2·N per token).
  public let flopsPerQuestion: Double
  /// Dollars per month: serving the month's questions plus one update.
  public let monthlyDollars: Double
  /// How the row was computed.
  public let basis: String
}

/// Prices ``KnowledgeUpdateScenario`` on one accelerator type.
public enum KnowledgeUpdateCost {
  /// Rows for nothing, RAG, full fine-tuning and LoRA.
  public static func rows(
    _ scenario: KnowledgeUpdateScenario, hardware: HardwareSetting,
    fineTuning: FineTuningAssumptions = FineTuningAssumptions()
  ) -> [KnowledgeUpdateRow] {
    let n = scenario.parameters
    let servingDollarsPerFLOP = hardware.pricePerHour / (hardware.accelerator.peakFLOPS * scenario.servingUtilization * 3600)
    func serving(_ tokens: Double) -> (flops: Double, monthly: Double) {
      let flops = TrainingCompute.inferenceFLOPsPerToken(parameters: n) * tokens
      return (flops, flops * scenario.questionsPerMonth * servingDollarsPerFLOP)
    }
    let plain = serving(scenario.tokensPerQuestion(retrieval: false))
    let retrieved = serving(scenario.tokensPerQuestion(retrieval: true))
    let indexTokens = scenario.documents * scenario.tokensPerDocument
    let indexing = indexTokens / 1e6 * scenario.indexingPricePerMillionTokens
    let reindexing = indexing * scenario.changedShare
    let servingBasis = "2·N FLOPs/token at \(HumanNumber.compact(scenario.servingUtilization * 100))% of peak, $\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))/GPU-h"
    var rows = [
      KnowledgeUpdateRow(
        name: "nothing", upFrontFLOPs: 0, upFrontDollars: 0, perUpdateDollars: 0, flopsPerQuestion: plain.flops,
        monthlyDollars: plain.monthly,
        basis: "\(HumanNumber.compact(scenario.tokensPerQuestion(retrieval: false))) tokens per question; \(servingBasis); the facts are never learnt"),
      KnowledgeUpdateRow(
        name: "RAG", upFrontFLOPs: 0, upFrontDollars: indexing, perUpdateDollars: reindexing, flopsPerQuestion: retrieved.flops,
        monthlyDollars: retrieved.monthly + reindexing,
        basis: "index \(HumanNumber.compact(indexTokens)) tokens at $\(HumanNumber.fixed(scenario.indexingPricePerMillionTokens, decimals: 2))/1M; re-index the changed \(HumanNumber.compact(scenario.changedShare * 100))%; "
          + "\(HumanNumber.compact(scenario.tokensPerQuestion(retrieval: true))) tokens per question (top-\(HumanNumber.compact(scenario.topK)) documents); \(servingBasis)"),
    ]
    let trainingTokens = scenario.augmentedTokens * scenario.epochs
    let shape = ModelShape.estimated(parameters: n, contextLength: 2048)
    for (name, method) in [("full fine-tune", FineTuningMethod.full), ("LoRA", .lora)] {
      let estimate = FineTuningEstimate(
        method: method, parameters: n, tokens: trainingTokens, shape: shape, hardware: hardware, assumptions: fineTuning)
      rows.append(
        KnowledgeUpdateRow(
          name: name, upFrontFLOPs: estimate.flops, upFrontDollars: estimate.run.dollars, perUpdateDollars: estimate.run.dollars,
          flopsPerQuestion: plain.flops, monthlyDollars: plain.monthly + estimate.run.dollars,
          basis: "\(estimate.flopsBasis) on documents + \(HumanNumber.compact(scenario.questionsPerDocument)) Q&A pairs each × \(HumanNumber.compact(scenario.epochs)) epochs; "
            + "retrained in full at every monthly update; \(HumanNumber.compact(scenario.tokensPerQuestion(retrieval: false))) tokens per question; \(servingBasis)"))
    }
    return rows
  }

  /// The questions per month above which a fine-tuned model (shorter prompts, but retrained every
  /// month) costs less per month than RAG: q* = (update_ft − update_rag) / (cost per question_rag −
  /// cost per question_ft); nil when RAG's questions are not dearer.
  public static func breakEvenQuestionsPerMonth(
    rag: KnowledgeUpdateRow, fineTuned: KnowledgeUpdateRow, scenario: KnowledgeUpdateScenario
  ) -> Double? {
    let ragPerQuestion = (rag.monthlyDollars - rag.perUpdateDollars) / scenario.questionsPerMonth
    let fineTunedPerQuestion = (fineTuned.monthlyDollars - fineTuned.perUpdateDollars) / scenario.questionsPerMonth
    guard ragPerQuestion > fineTunedPerQuestion else { return nil }
    return (fineTuned.perUpdateDollars - rag.perUpdateDollars) / (ragPerQuestion - fineTunedPerQuestion)
  }
}
