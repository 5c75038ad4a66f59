/// A lesson-specific setting that can be given on the command line.
public enum LessonParameter: String, Sendable, CaseIterable, Hashable {
  case learningRate = "lr"
  case steps
  case pretrainSteps = "pretrain-steps"
  case finetuneSteps = "finetune-steps"
  case loraRank = "lora-rank"
  case beta
  case facts
  case topK = "top-k"
  case changedFraction = "changed-fraction"

  /// The flag as typed (`--lr`).
  public var flag: String { "--\(rawValue)" }
}

/// Overrides for lesson-specific settings; nil means "the lesson's default".
public struct LessonParameters: Sendable, Equatable {
  /// Learning rate (`--lr`), positive and finite.
  public var learningRate: Double?
  /// Training steps (`--steps`), at least 1.
  public var steps: Int?
  /// Pre-training steps (`--pretrain-steps`).
  public var pretrainSteps: Int?
  /// Fine-tuning steps (`--finetune-steps`).
  public var finetuneSteps: Int?
  /// LoRA rank (`--lora-rank`).
  public var loraRank: Int?
  /// DPO β (`--beta`), positive.
  public var beta: Double?
  /// Facts in the fact base (`--facts`, rag-vs-finetune).
  public var facts: Int?
  /// Documents retrieved per question (`--top-k`, rag-vs-finetune).
  public var topK: Int?
  /// Share of the facts that change (`--changed-fraction`, rag-vs-finetune), in (0, 1].
  public var changedFraction: Double?

  public init(
    learningRate: Double? = nil, steps: Int? = nil, pretrainSteps: Int? = nil, finetuneSteps: Int? = nil,
    loraRank: Int? = nil, beta: Double? = nil, facts: Int? = nil, topK: Int? = nil, changedFraction: Double? = nil
  ) {
    (self.learningRate, self.steps, self.pretrainSteps, self.finetuneSteps, self.loraRank, self.beta) =
      (learningRate, steps, pretrainSteps, finetuneSteps, loraRank, beta)
    (self.facts, self.topK, self.changedFraction) = (facts, topK, changedFraction)
  }

  /// The settings that were given.
  public var given: Set<LessonParameter> {
    var result: Set<LessonParameter> = []
    if learningRate != nil { result.insert(.learningRate) }
    if steps != nil { result.insert(.steps) }
    if pretrainSteps != nil { result.insert(.pretrainSteps) }
    if finetuneSteps != nil { result.insert(.finetuneSteps) }
    if loraRank != nil { result.insert(.loraRank) }
    if beta != nil { result.insert(.beta) }
    if facts != nil { result.insert(.facts) }
    if topK != nil { result.insert(.topK) }
    if changedFraction != nil { result.insert(.changedFraction) }
    return result
  }

  /// The command-line flags that reproduce these settings (`--lr 0.1 --steps 200`).
  public var flags: [String] {
    var result: [String] = []
    if let learningRate { result += ["--lr", "\(learningRate)"] }
    if let steps { result += ["--steps", "\(steps)"] }
    if let pretrainSteps { result += ["--pretrain-steps", "\(pretrainSteps)"] }
    if let finetuneSteps { result += ["--finetune-steps", "\(finetuneSteps)"] }
    if let loraRank { result += ["--lora-rank", "\(loraRank)"] }
    if let beta { result += ["--beta", "\(beta)"] }
    if let facts { result += ["--facts", "\(facts)"] }
    if let topK { result += ["--top-k", "\(topK)"] }
    if let changedFraction { result += ["--changed-fraction", "\(changedFraction)"] }
    return result
  }
}
