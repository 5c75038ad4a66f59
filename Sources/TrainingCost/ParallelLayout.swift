/// How a training step is split over GPUs: tensor (t), pipeline (p) and data (d) parallel degrees,
/// the micro-batch each GPU runs, the ZeRO stage over the data-parallel ranks, activation
/// recomputation, and whether the tensor-parallel group also splits the sequence.
public struct ParallelLayout: Sendable, Equatable, Hashable {
  /// Tensor-parallel size t: each layer's matrices split over t GPUs (Shoeybi et al. 2019).
  public var tensor: Int
  /// Pipeline-parallel size p: the layers split into p consecutive stages.
  public var pipeline: Int
  /// Data-parallel size d: replicas that each see a slice of the global batch.
  public var data: Int
  /// Sequences per micro-batch b.
  public var microBatch: Int
  /// What ZeRO shards over the d data-parallel ranks.
  public var zero: ZeROStage
  /// Which activations are recomputed in the backward pass instead of stored.
  public var recompute: Recomputation
  /// Sequence parallelism (Korthikanti et al. 2022, §4.2.2): layer norms and dropouts split along
  /// the sequence over the tensor-parallel group; no effect when t = 1.
  public var sequenceParallel: Bool
  /// Megatron-LM's `--distribute-saved-activations`: with full recomputation and no sequence
  /// parallelism, each layer's stored input is split over the t tensor-parallel ranks (2·s·b·h/t
  /// bytes instead of 2·s·b·h) and gathered again before the layer is recomputed.
  public var distributeSavedActivations: Bool
  /// Virtual pipeline stages per GPU v (Narayanan et al. 2021, §2.2.2, the interleaved 1F1B schedule):
  /// each GPU holds v chunks of (L/p)/v layers; the bubble shrinks to (p − 1)/(v·m) of the pipelined
  /// time and the stage-to-stage transfers grow v-fold. 1 means the plain 1F1B schedule.
  public var virtualStages: Int
  /// Whether the data-parallel gradient all-reduce runs during the backward pass of the step's last
  /// micro-batch (Megatron-LM's `--overlap-grad-reduce`) instead of after it.
  public var overlapGradientReduce: Bool
  /// Whether the stage-to-stage sends and receives of the interleaved schedule run during compute
  /// (Megatron-LM does this by default with interleaving; `--no-overlap-p2p-communication` turns it off).
  public var overlapPipelineTransfers: Bool

  public init(
    tensor: Int = 1, pipeline: Int = 1, data: Int = 1, microBatch: Int = 1, zero: ZeROStage = .none,
    recompute: Recomputation = .none, sequenceParallel: Bool = false, distributeSavedActivations: Bool = false,
    virtualStages: Int = 1, overlapGradientReduce: Bool = false, overlapPipelineTransfers: Bool = false
  ) {
    self.tensor = tensor
    self.pipeline = pipeline
    self.data = data
    self.microBatch = microBatch
    self.zero = zero
    self.recompute = recompute
    self.sequenceParallel = sequenceParallel
    self.distributeSavedActivations = distributeSavedActivations
    self.virtualStages = virtualStages
    self.overlapGradientReduce = overlapGradientReduce
    self.overlapPipelineTransfers = overlapPipelineTransfers
  }

  /// GPUs the layout uses: t·p·d.
  public var gpus: Int { tensor * pipeline * data }

  /// Whether sequence parallelism really applies (it needs t > 1).
  public var splitsSequence: Bool { sequenceParallel && tensor > 1 }

  /// Whether the layer inputs that full recomputation stores are split over the t tensor-parallel
  /// ranks: always with sequence parallelism (Megatron keeps them in their sequence-parallel shard),
  /// otherwise only with `--distribute-saved-activations`.
  public var shardsSavedInputs: Bool {
    recompute == .full && tensor > 1 && (sequenceParallel || distributeSavedActivations)
  }

  /// Checks the layout against `architecture`: every degree and the micro-batch at least 1, t
  /// divides the heads, p divides the layers, v divides the layers of each stage (and interleaving has
  /// the stages Megatron-LM asks for), overlapped transfers have a pipeline, and distributed saved
  /// activations have t > 1, full recomputation and no sequence parallelism. Throws ``LayoutError``
  /// naming the first problem.
  public func validate(for architecture: TransformerArchitecture) throws(LayoutError) {
    for (option, value) in [
      ("--tp", tensor), ("--pp", pipeline), ("--dp", data), ("--micro-batch", microBatch), ("--virtual-stages", virtualStages),
    ] where value < 1 {
      throw .notPositive(option: option, value: value)
    }
    guard architecture.heads % tensor == 0 else {
      throw .tensorParallelDoesNotDivideHeads(tensor: tensor, heads: architecture.heads)
    }
    guard architecture.layers % pipeline == 0 else {
      throw .pipelineDoesNotDivideLayers(pipeline: pipeline, layers: architecture.layers)
    }
    if overlapPipelineTransfers && pipeline == 1 { throw .overlapWithoutPipeline }
    if virtualStages > 1 {
      let perStage = architecture.layers / pipeline
      guard perStage % virtualStages == 0 else {
        throw .virtualStagesDoNotDivideStage(virtualStages: virtualStages, layersPerStage: perStage)
      }
      // Megatron-LM's validate_args: the interleaved schedule needs p > 2, or p > 1 with overlapped transfers (its default).
      guard pipeline > 2 || (pipeline == 2 && overlapPipelineTransfers) else {
        throw .interleavingNeedsStages(pipeline: pipeline)
      }
    } else if overlapPipelineTransfers {
      throw .overlapWithoutInterleaving
    }
    if distributeSavedActivations {
      guard tensor > 1, recompute == .full, !sequenceParallel else { throw .distributedActivationsNeedFullRecomputation }
    }
  }
}

/// The stages of ZeRO (Rajbhandari et al. 2020, §5): which model states are partitioned over the
/// data-parallel ranks instead of replicated.
public enum ZeROStage: Int, Sendable, CaseIterable, Comparable {
  /// Plain data parallelism: every rank holds all weights, gradients and optimiser states.
  case none = 0
  /// P_os: optimiser states partitioned.
  case optimizer = 1
  /// P_os+g: optimiser states and gradients partitioned.
  case gradients = 2
  /// P_os+g+p: optimiser states, gradients and weights partitioned.
  case weights = 3

  public static func < (a: ZeROStage, b: ZeROStage) -> Bool { a.rawValue < b.rawValue }

  /// The stage numbered `text` (`0`…`3`); throws ``LayoutError/unknownZeROStage(_:)`` otherwise.
  public static func parse(_ text: String) throws(LayoutError) -> ZeROStage {
    guard let number = Int(text), let stage = ZeROStage(rawValue: number) else { throw .unknownZeROStage(text) }
    return stage
  }
}

/// Activation recomputation (Korthikanti et al. 2022, §5): what the forward pass keeps for the backward pass.
public enum Recomputation: String, Sendable, CaseIterable {
  /// Keep every activation.
  case none
  /// Recompute only the attention core (QKᵀ, softmax, dropout, ·V), whose activations grow with s².
  case selective
  /// Keep only each layer's input and rerun the whole layer's forward pass in the backward pass.
  case full

  /// The mode called `text`; throws ``LayoutError/unknownRecomputation(_:)`` otherwise.
  public static func parse(_ text: String) throws(LayoutError) -> Recomputation {
    guard let mode = Recomputation(rawValue: text.lowercased()) else { throw .unknownRecomputation(text) }
    return mode
  }
}

/// Number formats of training: what weights, gradients, optimiser states and activations occupy.
public enum TrainingPrecision: String, Sendable, CaseIterable {
  /// Mixed precision with BF16 weights, gradients and activations, and FP32 master weights, Adam m and v.
  case bf16
  /// The same with FP16 (loss scaling; same bytes).
  case fp16
  /// Everything in FP32: 4-byte weights and gradients, Adam m and v.
  case fp32

  /// Bytes per parameter of weights (2 in 16-bit mixed precision, 4 in FP32).
  public var weightBytes: Double { self == .fp32 ? 4 : 2 }
  /// Bytes per parameter of gradients.
  public var gradientBytes: Double { self == .fp32 ? 4 : 2 }
  /// Bytes per parameter of Adam state: FP32 master copy + m + v = 12 in mixed precision (ZeRO's K = 12);
  /// m + v = 8 in FP32.
  public var optimizerBytes: Double { self == .fp32 ? 8 : 12 }
  /// Activations relative to Korthikanti et al.'s 16-bit count (2 for FP32).
  public var activationScale: Double { self == .fp32 ? 2 : 1 }
}
