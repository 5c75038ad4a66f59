import NeuralNet

/// What a `train` or `finetune` run was started with besides the model: the texts (with their
/// fingerprints), the split, the base checkpoint and the options. Saved in the training state and
/// in `metrics.json`, so that `--resume` rebuilds exactly the same data.
public struct TrainingSetup: Codable, Equatable, Sendable {
  /// Pre-training from random weights, or fine-tuning a checkpoint.
  public enum Kind: String, Codable, Sendable {
    case train, finetune
  }

  public var kind: Kind
  /// The text files trained on, in order.
  public var texts: [TrainingText.Source]
  /// The text whose loss before and after fine-tuning measures forgetting, if any.
  public var referenceText: TrainingText.Source?
  /// The share of the tokens (at the end of the text) held out for the validation loss (unused with `validationText`).
  public var validationFraction: Double
  /// A separate text the validation loss is measured on (the whole of the texts is then trained on), or nil.
  public var validationText: TrainingText.Source?
  /// The checkpoint fine-tuned, as the user named it (nil for `train`).
  public var baseCheckpoint: String?
  /// The LoRA adapters folded into the base checkpoint before fine-tuning, as the user named them, or nil.
  public var baseAdapter: String?
  /// Whether characters outside a character checkpoint's vocabulary are dropped (true) or refused.
  public var skipUnknown: Bool
  /// How to train.
  public var options: TrainingOptions
  /// The command that starts this run (written as the `Source` of `loss.png`).
  public var command: String

  /// A setup with every field given.
  public init(
    kind: Kind, texts: [TrainingText.Source], referenceText: TrainingText.Source? = nil, validationFraction: Double,
    validationText: TrainingText.Source? = nil, baseCheckpoint: String? = nil, skipUnknown: Bool = false, options: TrainingOptions, command: String
  ) {
    self.kind = kind
    self.texts = texts
    self.referenceText = referenceText
    self.validationFraction = validationFraction
    self.validationText = validationText
    self.baseCheckpoint = baseCheckpoint
    self.skipUnknown = skipUnknown
    self.options = options
    self.command = command
  }

  /// The token ids of `text` under `tokenizer`: characters it cannot encode (a character tokenizer's
  /// unknown characters; byte-level BPE has none) are dropped with
  /// `skipUnknown`, else refused listing each of them (`LanguageModelToolError.unknownCharacters`).
  public func encode(_ text: String, with tokenizer: any Tokenizer, source: String) throws -> [Int] {
    let unknown = LanguageModelToolError.characters(of: text, outside: tokenizer)
    if unknown.isEmpty { return try tokenizer.encode(text) }
    guard skipUnknown else {
      throw LanguageModelToolError.unknownCharacters(
        source: source, characters: unknown, vocabularySize: tokenizer.vocabularySize, skipFlag: "--skip-unknown")
    }
    let dropped = Set(unknown)
    return try tokenizer.encode(String(String.UnicodeScalarView(text.unicodeScalars.filter { !dropped.contains($0) })))
  }
}

/// What a run measured so far, step by step; saved in the training state and written as `history.csv`.
public struct TrainingHistory: Codable, Equatable, Sendable {
  /// Training-batch loss of every step taken, in nats per token (index i = step i + 1).
  public var trainingLoss: [Double] = []
  /// The learning rate of every step taken.
  public var learningRate: [Double] = []
  /// Steps after which the validation loss was measured (0 = before training).
  public var evaluationSteps: [Int] = []
  /// Validation loss (first `evaluationWindows` windows) at each of `evaluationSteps`.
  public var validationLoss: [Double] = []
  /// Loss on the reference text at each of `evaluationSteps` (empty without a reference text).
  public var referenceLoss: [Double] = []
  /// Loss on the whole validation part before the first step.
  public var validationLossBefore: Double?
  /// Loss on the whole reference text before the first step.
  public var referenceLossBefore: Double?
  /// Wall-clock seconds spent in steps and evaluations so far, over every resumed part (timings only).
  public var elapsedSeconds = 0.0
  /// The part of `elapsedSeconds` spent in training steps (what tokens/s and the ETA are computed from).
  public var stepSeconds = 0.0

  /// An empty history.
  public init() {}
}
