/// Something wrong with a requested parallel layout, or a model that fits in no layout: each case's
/// `description` is one sentence that says how to fix it.
public enum LayoutError: Error, CustomStringConvertible, Equatable, Sendable {
  /// `option` (`--tp`, `--pp`, `--dp`, `--micro-batch`, `--gpus`) must be at least 1.
  case notPositive(option: String, value: Int)
  /// The tensor-parallel size must divide the attention heads.
  case tensorParallelDoesNotDivideHeads(tensor: Int, heads: Int)
  /// The pipeline-parallel size must divide the layers.
  case pipelineDoesNotDivideLayers(pipeline: Int, layers: Int)
  /// `--zero` is not 0, 1, 2 or 3.
  case unknownZeROStage(String)
  /// `--recompute` is not none, selective or full.
  case unknownRecomputation(String)
  /// `--preset` names no architecture.
  case unknownPreset(name: String, known: [String])
  /// The accelerator has no link bandwidths, so communication cannot be timed.
  case missingLinkBandwidth(accelerator: String)
  /// No layout of `gpus` GPUs holds the model with the global batch; `suggestion` is the smallest change that does.
  case doesNotFit(model: String, gpus: Int, accelerator: String, suggestion: String)
  /// The global batch cannot be split into whole micro-batches on any data-parallel size.
  case batchNotDivisible(globalBatch: Int, gpus: Int)

  public var description: String {
    switch self {
    case let .notPositive(option, value):
      return "\(option) must be at least 1, got '\(value)'."
    case let .tensorParallelDoesNotDivideHeads(tensor, heads):
      return "--tp \(tensor) does not divide the model's \(heads) attention heads; choose a divisor of \(heads) (e.g. \(Self.divisors(heads).filter { $0 <= 8 }.map(String.init).joined(separator: ", ")))."
    case let .pipelineDoesNotDivideLayers(pipeline, layers):
      return "--pp \(pipeline) does not divide the model's \(layers) layers; choose a divisor of \(layers) (e.g. \(Self.divisors(layers).prefix(8).map(String.init).joined(separator: ", ")))."
    case let .unknownZeROStage(text):
      return "--zero must be 0, 1, 2 or 3 (ZeRO stages: none, optimizer states, + gradients, + weights), got '\(text)'."
    case let .unknownRecomputation(text):
      return "--recompute must be none, selective or full, got '\(text)'."
    case let .unknownPreset(name, known):
      return "unknown preset '\(name)'; choose one of \(known.joined(separator: ", ")), or give --params or --layers --d-model --heads."
    case let .missingLinkBandwidth(accelerator):
      return "\(accelerator) has no link bandwidths in the catalogue; add \"intra_node_gb_per_s\" and \"inter_node_gb_per_s\" for it with --hardware, or choose another --gpu."
    case let .doesNotFit(model, gpus, accelerator, suggestion):
      return "\(model) does not fit on \(gpus) \(accelerator) GPUs in any layout searched; \(suggestion)."
    case let .batchNotDivisible(globalBatch, gpus):
      return "--global-batch \(globalBatch) cannot be split evenly over the data-parallel replicas of any layout of \(gpus) GPUs; choose a batch with more factors of 2 (e.g. a multiple of \(gpus))."
    }
  }

  static func divisors(_ n: Int) -> [Int] { (1...max(1, n)).filter { n % $0 == 0 } }
}
