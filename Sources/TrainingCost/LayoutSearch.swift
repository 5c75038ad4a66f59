/// What the step-time model assumes beyond the catalogue.
public struct LayoutAssumptions: Sendable, Equatable {
  /// Fraction of the dense peak that a transformer layer's kernels sustain (large GEMMs reach
  /// ~80% on A100s; layer norms, softmax, dropout and GeLU are memory-bound and pull the layer's average
  /// down). An assumption, not a measurement: pass `--kernel-efficiency` to change it.
  public var kernelEfficiency = 0.6
  /// Fraction of a link's nominal bandwidth that collectives (ring all-reduce, NCCL) reach.
  public var linkEfficiency = 0.8
  /// Fraction of each GPU's memory the model may use; the rest is the framework's workspace,
  /// fragmentation and communication buffers.
  public var usableMemoryFraction = 0.9
  /// Micro-batch sizes the search tries.
  public var microBatches = [1, 2, 4, 8]

  public init() {}
}

/// One layout's estimated training step: memory per GPU and where the time goes, after
/// Narayanan et al. 2021 (Megatron-LM, "Efficient Large-Scale Language Model Training on GPU
/// Clusters"): compute from counted FLOPs, tensor-parallel all-reduces over the node's links, the
/// pipeline bubble (p − 1)/(m + p − 1), and the data-parallel gradient all-reduce over the network.
public struct LayoutEstimate: Sendable, Equatable {
  public let architecture: TransformerArchitecture
  public let layout: ParallelLayout
  /// Sequences per step B.
  public let globalBatch: Int
  /// Micro-batches per pipeline per step: m = B / (d·b).
  public let microBatchesPerStep: Int
  /// Per-GPU memory.
  public let memory: DistributedMemory
  /// Seconds of arithmetic per step at the sustained kernel speed, pipeline bubble excluded.
  public let computeSeconds: Double
  /// Seconds of tensor-parallel all-reduces per step (not overlapped with compute).
  public let tensorCommunicationSeconds: Double
  /// Seconds of point-to-point activation transfers between pipeline stages per step that compute does
  /// not hide (0 with overlapped transfers).
  public let pipelineCommunicationSeconds: Double
  /// Seconds the pipeline stands idle per step: (compute + tensor comm.)·(p − 1)/(v·m).
  public let bubbleSeconds: Double
  /// Seconds of the data-parallel gradient all-reduce (ZeRO-3: also the weight all-gathers) per step that
  /// are not hidden behind the backward pass.
  public let dataCommunicationSeconds: Double
  /// Seconds the whole data-parallel all-reduce takes, hidden or not.
  public let dataCommunicationTotalSeconds: Double
  /// Seconds of backward pass that an overlapped all-reduce can hide behind: the last micro-batch's
  /// backward (and, with full recomputation, its recomputed forward) on this GPU; 0 without overlap.
  public let overlapWindowSeconds: Double
  /// FLOPs the GPUs execute per step, recomputation included (Narayanan et al.'s eq. 3 with full recomputation).
  public let hardwareFLOPs: Double
  /// FLOPs the model needs per step without recomputation (for MFU).
  public let modelFLOPs: Double
  /// The accelerator's dense peak.
  public let peakFLOPS: Double

  /// Seconds per step.
  public var stepSeconds: Double {
    computeSeconds + tensorCommunicationSeconds + pipelineCommunicationSeconds + bubbleSeconds + dataCommunicationSeconds
  }
  /// Tokens trained per second: B·s / step time.
  public var tokensPerSecond: Double { Double(globalBatch * architecture.sequenceLength) / stepSeconds }
  /// Executed FLOP/s per GPU, recomputation included (what Narayanan et al. report as teraFLOP/s per GPU).
  public var hardwareFLOPSPerGPU: Double { hardwareFLOPs / stepSeconds / Double(layout.gpus) }
  /// Model FLOPs utilisation: model FLOPs / (step time × GPUs × peak).
  public var modelFLOPsUtilization: Double { modelFLOPs / (stepSeconds * Double(layout.gpus) * peakFLOPS) }

  /// Training FLOPs per step, counted per token from the architecture: each layer's forward pass costs
  /// 2·Ψ_layer + 4·s·h (the weights' multiply-adds, then QKᵀ and the attention-weighted sum of V); the
  /// backward pass twice that; full recomputation repeats the forward pass, selective recomputation
  /// its 4·s·h attention part; the output layer costs 6·V·h. For a GPT (Ψ_layer ≈ 12h²) with full
  /// recomputation this is Narayanan et al.'s F = 96·B·s·L·h²·(1 + s/(6h) + V/(16·L·h)).
  public static func stepFLOPs(_ a: TransformerArchitecture, globalBatch: Int, recompute: Recomputation) -> Double {
    let s = Double(a.sequenceLength), h = Double(a.hiddenSize)
    let forward = 2 * a.parametersPerLayer + 4 * s * h
    let extra: Double
    switch recompute {
    case .none: extra = 0
    case .selective: extra = 4 * s * h
    case .full: extra = forward
    }
    let perToken = Double(a.layers) * (3 * forward + extra) + 6 * Double(a.vocabulary) * h
    return perToken * Double(globalBatch) * s
  }

  /// Estimates `layout` for `globalBatch` sequences per step on `accelerator`.
  public init(
    architecture a: TransformerArchitecture, layout: ParallelLayout, globalBatch: Int, precision: TrainingPrecision = .bf16,
    accelerator: Accelerator, intraNodeBandwidth: Double, interNodeBandwidth: Double,
    assumptions: LayoutAssumptions = LayoutAssumptions()
  ) {
    architecture = a
    self.layout = layout
    self.globalBatch = globalBatch
    let m = max(1, globalBatch / (layout.data * layout.microBatch))
    microBatchesPerStep = m
    memory = DistributedMemory(architecture: a, layout: layout, precision: precision, microBatchesPerStep: m)
    peakFLOPS = accelerator.peakFLOPS
    hardwareFLOPs = Self.stepFLOPs(a, globalBatch: globalBatch, recompute: layout.recompute)
    modelFLOPs = Self.stepFLOPs(a, globalBatch: globalBatch, recompute: .none)
    let n = Double(layout.gpus)
    computeSeconds = hardwareFLOPs / n / (accelerator.peakFLOPS * assumptions.kernelEfficiency)

    let t = Double(layout.tensor), p = Double(layout.pipeline)
    let activationMessage = 2 * Double(layout.microBatch * a.sequenceLength * a.hiddenSize)  // b·s·h in 16 bits
    // Tensor parallelism: two all-reduces of b·s·h per layer forward and two backward (Shoeybi et al. 2019,
    // §3), two more when the forward pass is recomputed; sequence parallelism swaps each for an
    // all-gather + reduce-scatter of the same volume (Korthikanti et al. 2022, §4.2.2). A ring
    // all-reduce moves 2(t − 1)/t of the message through each GPU's link.
    if layout.tensor > 1 {
      let perLayer = layout.recompute == .full ? 6.0 : 4.0
      let bytes = perLayer * 2 * (t - 1) / t * activationMessage
      let tensorLink = (layout.tensor <= accelerator.gpusPerNode ? intraNodeBandwidth : interNodeBandwidth) * assumptions.linkEfficiency
      tensorCommunicationSeconds = Double(m) * Double(a.layers) / p * bytes / tensorLink
    } else {
      tensorCommunicationSeconds = 0
    }
    // Pipeline: each micro-batch sends its activations forward and their gradients back across each
    // stage boundary (split over the t ranks: Narayanan et al. 2021, §4.1 scatter/gather), over the network.
    // The interleaved schedule crosses v times as many stage boundaries (Narayanan et al. 2021, §2.2.2).
    let v = Double(layout.virtualStages)
    if layout.pipeline > 1 && !layout.overlapPipelineTransfers {
      pipelineCommunicationSeconds = v * Double(m) * 2 * activationMessage / t / (interNodeBandwidth * assumptions.linkEfficiency)
    } else {
      pipelineCommunicationSeconds = 0
    }
    let pipelined = computeSeconds + tensorCommunicationSeconds
    bubbleSeconds = pipelined * (p - 1) / (v * Double(m))
    // Data parallelism: all-reduce of the 16-bit gradients of this GPU's Ψ' (a reduce-scatter + all-gather
    // under ZeRO 1–2: the same volume); ZeRO-3 also all-gathers the weights for the forward and backward
    // passes, 1.5× the volume (Rajbhandari et al. 2020, §7.2.2). Gradients are synchronised once per step,
    // after the last micro-batch; overlapped, the buckets all-reduce while that micro-batch's backward pass
    // runs, which hides up to its backward time (2/3 of its compute, 3/4 with the recomputed forward).
    if layout.data > 1 {
      let gradientBytes = precisionGradientBytes(precision) * memory.parametersPerGPU
      let dataLink = layout.gpus <= accelerator.gpusPerNode ? intraNodeBandwidth : interNodeBandwidth
      dataCommunicationTotalSeconds =
        (layout.zero == .weights ? 1.5 : 1)
        * DataParallelAllReduce.seconds(bytes: gradientBytes, ranks: layout.data, bandwidth: dataLink, linkEfficiency: assumptions.linkEfficiency)
    } else {
      dataCommunicationTotalSeconds = 0
    }
    let backwardShare = layout.recompute == .full ? 3.0 / 4 : 2.0 / 3
    overlapWindowSeconds = layout.overlapGradientReduce ? pipelined / Double(m) * backwardShare : 0
    dataCommunicationSeconds = max(0, dataCommunicationTotalSeconds - overlapWindowSeconds)
  }

  /// The figures of this estimate, each with its formula.
  public var figures: [Figure] {
    let abbr = HumanNumber.compact
    return [
      Figure("compute_s", "compute", computeSeconds, .seconds,
             "executed FLOPs / GPUs / (peak × kernel efficiency) = \(HumanNumber.scientific(hardwareFLOPs)) / \(layout.gpus) / (\(HumanNumber.scientific(peakFLOPS)) × sustained fraction)"),
      Figure("tensor_comm_s", "tensor-parallel all-reduces", tensorCommunicationSeconds, .seconds,
             "m × L/p × \(layout.recompute == .full ? 6 : 4) all-reduces × 2(t − 1)/t × 2·b·s·h bytes / node link (Shoeybi et al. 2019, §3)"),
      Figure("pipeline_comm_s", "pipeline transfers", pipelineCommunicationSeconds, .seconds,
             layout.overlapPipelineTransfers
               ? "hidden behind compute (Megatron-LM's default with interleaving)"
               : "v × m × 2 × 2·b·s·h/t bytes / network link, v = \(layout.virtualStages) (Narayanan et al. 2021, §4.1, §2.2.2)"),
      Figure("bubble_s", "pipeline bubble", bubbleSeconds, .seconds,
             "(compute + tensor comm.) × (p − 1)/(v·m), p = \(layout.pipeline), v = \(layout.virtualStages), m = \(microBatchesPerStep): "
               + "bubble fraction (p − 1)/(v·m + p − 1) (Narayanan et al. 2021, §2.2.1–2.2.2)"),
      Figure("data_comm_s", "data-parallel all-reduce", dataCommunicationSeconds, .seconds,
             "2(d − 1)/d × 2Ψ' bytes\(layout.zero == .weights ? " × 1.5 (ZeRO-3 weight all-gathers)" : "") / link, d = \(layout.data) = \(HumanNumber.compact(dataCommunicationTotalSeconds)) s"
               + (layout.overlapGradientReduce
                  ? ", less the last micro-batch's backward pass it hides behind (\(HumanNumber.compact(overlapWindowSeconds)) s, --overlap-grad-reduce)"
                  : ", not overlapped")),
      Figure("step_s", "step time", stepSeconds, .seconds, "sum of the above"),
      Figure("tokens_per_s", "throughput", tokensPerSecond, .tokensPerSecond,
             "B·s / step = \(globalBatch) × \(architecture.sequenceLength) / \(abbr(stepSeconds)) s"),
      Figure("tflops_per_gpu", "executed teraFLOP/s per GPU", hardwareFLOPSPerGPU / 1e12, .ratio,
             "executed FLOPs (recomputation included) / step / GPUs, as Narayanan et al. 2021 report it"),
      Figure("mfu", "model FLOPs utilisation (MFU)", modelFLOPsUtilization, .fraction,
             "model FLOPs without recomputation / (step × GPUs × peak)"),
    ]
  }
}

private func precisionGradientBytes(_ precision: TrainingPrecision) -> Double { precision.gradientBytes }

/// The search of `workbench cost layout`: every tensor × pipeline × data split of a number of
/// GPUs, ZeRO stage, recomputation, sequence parallelism and micro-batch; those that fit in memory,
/// fastest first.
public enum LayoutSearch {
  /// What can be searched; nil fields are searched over, given ones are fixed.
  public struct Constraints: Sendable, Equatable {
    public var tensor: Int? = nil
    public var pipeline: Int? = nil
    public var zero: ZeROStage? = nil
    public var recompute: Recomputation? = nil
    public var microBatch: Int? = nil
    /// The largest ZeRO stage allowed with pipeline parallelism (Megatron-LM's distributed optimizer and
    /// DeepSpeed's pipeline engine shard optimizer states only: 1).
    public var maximumZeROWithPipeline: ZeROStage = .optimizer
    /// Virtual pipeline stages v of the interleaved schedule (pipelines whose stages it does not fit are skipped).
    public var virtualStages = 1
    /// Overlap the data-parallel all-reduce with the last backward pass.
    public var overlapGradientReduce = false
    /// Overlap the interleaved schedule's stage-to-stage transfers with compute.
    public var overlapPipelineTransfers = false
    /// Split the stored layer inputs of full recomputation over t without sequence parallelism.
    public var distributeSavedActivations = false

    public init() {}
  }

  /// Every layout of `gpus` GPUs that fits, fastest first (ties: less memory per GPU, then fewer
  /// pipeline stages, then smaller tensor parallelism). Throws ``LayoutError`` when the accelerator has no link figures,
  /// the batch cannot be split, or nothing fits (naming the smallest change that would fit).
  public static func search(
    architecture: TransformerArchitecture, gpus: Int, accelerator: Accelerator, globalBatch: Int,
    precision: TrainingPrecision = .bf16, constraints: Constraints = Constraints(),
    assumptions: LayoutAssumptions = LayoutAssumptions()
  ) throws(LayoutError) -> [LayoutEstimate] {
    guard gpus >= 1 else { throw .notPositive(option: "--gpus", value: gpus) }
    guard globalBatch >= 1 else { throw .notPositive(option: "--global-batch", value: globalBatch) }
    if let zero = constraints.zero, let pipeline = constraints.pipeline, pipeline > 1, zero > constraints.maximumZeROWithPipeline {
      throw .zeroExcludedWithPipeline(zero: zero.rawValue, pipeline: pipeline, maximum: constraints.maximumZeROWithPipeline.rawValue)
    }
    let candidates = try estimates(
      architecture: architecture, gpus: gpus, accelerator: accelerator, globalBatch: globalBatch, precision: precision,
      constraints: constraints, assumptions: assumptions)
    if candidates.all.isEmpty { throw .batchNotDivisible(globalBatch: globalBatch, gpus: gpus) }
    if !candidates.fitting.isEmpty { return candidates.fitting }
    throw .doesNotFit(
      model: "\(architecture.id == "custom" ? "a \(HumanNumber.abbreviated(architecture.parameters))-parameter model" : architecture.id) with a global batch of \(globalBatch)",
      gpus: gpus, accelerator: accelerator.id,
      suggestion: suggestion(
        architecture: architecture, gpus: gpus, accelerator: accelerator, globalBatch: globalBatch, precision: precision,
        constraints: constraints, assumptions: assumptions))
  }

  /// The smallest change that makes something fit: lifting a fixed ZeRO stage or recomputation
  /// first, then the fewest GPUs (in whole nodes, up to 64× more) that hold the model.
  static func suggestion(
    architecture: TransformerArchitecture, gpus: Int, accelerator: Accelerator, globalBatch: Int, precision: TrainingPrecision,
    constraints: Constraints, assumptions: LayoutAssumptions
  ) -> String {
    func fits(_ c: Constraints, _ n: Int, _ batch: Int) -> Bool {
      let found = try? estimates(
        architecture: architecture, gpus: n, accelerator: accelerator, globalBatch: batch, precision: precision,
        constraints: c, assumptions: assumptions)
      return !(found?.fitting.isEmpty ?? true)
    }
    var relaxed = constraints
    if constraints.recompute != nil && constraints.recompute != .full {
      relaxed.recompute = .full
      if fits(relaxed, gpus, globalBatch) { return "use --recompute full (store only each layer's input)" }
    }
    if constraints.zero != nil && constraints.zero != .weights {
      relaxed.zero = .weights
      if fits(relaxed, gpus, globalBatch) { return "use --zero 3 (shard weights, gradients and optimizer states)" }
    }
    var open = Constraints()
    open.maximumZeROWithPipeline = constraints.maximumZeROWithPipeline
    let node = accelerator.gpusPerNode
    var n = max(node, (gpus / node + 1) * node)
    while n <= 64 * max(gpus, node) {
      let batch = max(globalBatch, n)
      if fits(open, n, batch) {
        return "use at least \(n) GPUs\(batch > globalBatch ? " with a global batch of at least \(batch)" : "")"
          + (constraints == open || constraints.zero == nil && constraints.recompute == nil ? "" : " and let the search choose ZeRO and recomputation")
      }
      n += n < 8 * node ? node : n / 4 / node * node
    }
    return "even \(64 * max(gpus, node)) GPUs are not enough; choose an accelerator with more memory or a shorter --seq"
  }

  /// All estimates of the search and those that fit.
  static func estimates(
    architecture a: TransformerArchitecture, gpus: Int, accelerator: Accelerator, globalBatch: Int,
    precision: TrainingPrecision, constraints c: Constraints, assumptions: LayoutAssumptions
  ) throws(LayoutError) -> (all: [LayoutEstimate], fitting: [LayoutEstimate]) {
    guard let intra = accelerator.intraNodeBandwidth, let inter = accelerator.interNodeBandwidth else {
      throw .missingLinkBandwidth(accelerator: accelerator.id)
    }
    let budget = accelerator.memoryGB * 1e9 * assumptions.usableMemoryFraction
    var all: [LayoutEstimate] = []
    let tensors = c.tensor.map { [$0] } ?? LayoutError.divisors(a.heads).filter { accelerator.gpusPerNode % $0 == 0 }
    for t in tensors where gpus % t == 0 && a.heads % t == 0 {
      let pipelines = c.pipeline.map { [$0] } ?? LayoutError.divisors(a.layers)
      for p in pipelines where (gpus / t) % p == 0 && a.layers % p == 0 {
        let d = gpus / t / p
        for b in c.microBatch.map({ [$0] }) ?? assumptions.microBatches where globalBatch % (d * b) == 0 {
          for zero in c.zero.map({ [$0] }) ?? ZeROStage.allCases where p == 1 || zero <= c.maximumZeROWithPipeline {
            if d == 1 && zero != .none && c.zero == nil { continue }  // nothing to shard over
            for recompute in c.recompute.map({ [$0] }) ?? Recomputation.allCases {
              for sequenceParallel in t > 1 && !c.distributeSavedActivations ? [true, false] : [false] {
                let layout = ParallelLayout(
                  tensor: t, pipeline: p, data: d, microBatch: b, zero: zero, recompute: recompute,
                  sequenceParallel: sequenceParallel, distributeSavedActivations: c.distributeSavedActivations,
                  virtualStages: c.virtualStages, overlapGradientReduce: c.overlapGradientReduce,
                  overlapPipelineTransfers: c.overlapPipelineTransfers)
                if (try? layout.validate(for: a)) == nil { continue }
                all.append(
                  LayoutEstimate(
                    architecture: a, layout: layout, globalBatch: globalBatch, precision: precision,
                    accelerator: accelerator, intraNodeBandwidth: intra, interNodeBandwidth: inter,
                    assumptions: assumptions))
              }
            }
          }
        }
      }
    }
    let fitting = all.filter { $0.memory.totalBytes <= budget }.sorted {
      ($0.stepSeconds, $0.memory.totalBytes, $0.layout.pipeline, $0.layout.tensor, $0.layout.microBatch)
        < ($1.stepSeconds, $1.memory.totalBytes, $1.layout.pipeline, $1.layout.tensor, $1.layout.microBatch)
    }
    return (all, fitting)
  }
}
