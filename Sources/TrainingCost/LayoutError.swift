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
  /// `--virtual-stages` must divide the layers of each pipeline stage.
  case virtualStagesDoNotDivideStage(virtualStages: Int, layersPerStage: Int)
  /// The interleaved schedule needs more than two pipeline stages (two with overlapped transfers).
  case interleavingNeedsStages(pipeline: Int)
  /// Overlapping pipeline transfers was asked for without pipeline parallelism.
  case overlapWithoutPipeline
  /// Overlapping pipeline transfers was asked for without the interleaved schedule.
  case overlapWithoutInterleaving
  /// `--distribute-saved-activations` needs t > 1, full recomputation and no sequence parallelism.
  case distributedActivationsNeedFullRecomputation
  /// A fixed ZeRO stage above what pipeline parallelism allows was combined with a fixed pipeline.
  case zeroExcludedWithPipeline(zero: Int, pipeline: Int, maximum: Int)

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
    case let .virtualStagesDoNotDivideStage(virtualStages, layersPerStage):
      return "--virtual-stages \(virtualStages) does not divide the \(layersPerStage) layers of each pipeline stage; choose a divisor of \(layersPerStage) (e.g. \(Self.divisors(layersPerStage).prefix(8).map(String.init).joined(separator: ", ")))."
    case let .interleavingNeedsStages(pipeline):
      return "--virtual-stages above 1 needs --pp 3 or more (--pp 2 only with --overlap-p2p), as Megatron-LM's interleaved schedule does; got --pp \(pipeline)."
    case .overlapWithoutPipeline:
      return "--overlap-p2p overlaps the transfers between pipeline stages, and with --pp 1 there are none; give --pp 2 or more with --virtual-stages, or leave it out."
    case .overlapWithoutInterleaving:
      return "--overlap-p2p needs the interleaved schedule (Megatron-LM turns it off otherwise); give --virtual-stages 2 or more, or leave it out."
    case .distributedActivationsNeedFullRecomputation:
      return "--distribute-saved-activations splits the stored layer inputs over the tensor-parallel ranks, so it needs --tp 2 or more, --recompute full and no sequence parallelism."
    case let .zeroExcludedWithPipeline(zero, pipeline, maximum):
      return "--zero \(zero) is excluded with pipeline parallelism (--pp \(pipeline)): ZeRO stages above \(maximum) shard gradients or weights, which Megatron-LM's and DeepSpeed's pipeline engines do not; choose --zero \(maximum) or lower, or --pp 1."
    }
  }

  static func divisors(_ n: Int) -> [Int] { (1...max(1, n)).filter { n % $0 == 0 } }
}
