import Foundation

/// Everything a new `train` or `finetune` run starts from, as the commands parse it; the run is
/// assembled from it by `TrainingRun.start(_:)`.
public struct TrainingRequest: Sendable {
  /// The model trained.
  public enum Model: Sendable, Equatable {
    /// A new GPT with random weights (drawn from the seed) of this shape; its tokenizer is learned
    /// from the text: one token per character, or byte-level BPE with `bpeMerges` merges.
    case new(layers: Int, heads: Int, width: Int, context: Int, bpeMerges: Int?)
    /// The checkpoint at `path` (a workbench safetensors file or a Hugging Face GPT-2 folder), with its tokenizer.
    case checkpoint(path: String)
  }

  public var model: Model
  /// LoRA adapters (an `adapter.safetensors`) folded into the checkpoint's weights before fine-tuning, or nil.
  public var adapter: String?
  /// The text files trained on, in order.
  public var texts: [String]
  /// A text whose loss before and after measures forgetting (fine-tuning).
  public var referenceText: String?
  /// The share of the tokens, at the end of the text, held out for the validation loss.
  public var validationFraction: Double
  /// A separate text to measure the validation loss on (then all of `texts` is trained on), or nil.
  public var validationText: String?
  /// Whether characters outside a character checkpoint's vocabulary are dropped (true) or refused.
  public var skipUnknown: Bool
  /// How to train.
  public var options: TrainingOptions
  /// The output folder; it must not hold a run already.
  public var folder: URL
  /// The command line that starts the run (the `Source` of `loss.png`).
  public var command: String

  public init(
    model: Model, adapter: String? = nil, texts: [String], referenceText: String? = nil, validationFraction: Double, validationText: String? = nil, skipUnknown: Bool = false,
    options: TrainingOptions, folder: URL, command: String
  ) {
    self.model = model
    self.adapter = adapter
    self.texts = texts
    self.referenceText = referenceText
    self.validationFraction = validationFraction
    self.validationText = validationText
    self.skipUnknown = skipUnknown
    self.options = options
    self.folder = folder
    self.command = command
  }
}
