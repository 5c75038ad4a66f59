/// Memory per GPU of one training configuration: model states as ZeRO partitions them
/// (Rajbhandari et al. 2020) and activations as Korthikanti et al. 2022 count them, on the
/// pipeline stage that holds the most (the first: it also holds the input embedding and keeps
/// p micro-batches in flight under the 1F1B schedule).
public struct DistributedMemory: Sendable, Equatable {
  /// The model.
  public let architecture: TransformerArchitecture
  /// The split over GPUs.
  public let layout: ParallelLayout
  /// Number formats.
  public let precision: TrainingPrecision
  /// Micro-batches per step on each pipeline (m = global batch / (d·b)); nil means at least p.
  public let microBatchesPerStep: Int?

  public init(
    architecture: TransformerArchitecture, layout: ParallelLayout, precision: TrainingPrecision = .bf16,
    microBatchesPerStep: Int? = nil
  ) {
    self.architecture = architecture
    self.layout = layout
    self.precision = precision
    self.microBatchesPerStep = microBatchesPerStep
  }

  /// Parameters held by one GPU of the largest stage before ZeRO: (L/p·Ψ_layer + embeddings)/t, where
  /// the embeddings are all of them when p = 1 and the input table V·h on the first stage otherwise.
  public var parametersPerGPU: Double {
    let a = architecture, p = Double(layout.pipeline), t = Double(layout.tensor)
    let embeddings = layout.pipeline == 1 ? a.embeddingParameters : Double(a.vocabulary) * Double(a.hiddenSize)
    return (a.parametersPerLayer * Double(a.layers) / p + embeddings) / t
  }

  /// Bytes of weights per GPU: 2Ψ' in 16-bit, divided by d at ZeRO stage 3.
  public var weightsBytes: Double { sharded(precision.weightBytes * parametersPerGPU, from: .weights) }
  /// Bytes of gradients per GPU: 2Ψ', divided by d from stage 2.
  public var gradientsBytes: Double { sharded(precision.gradientBytes * parametersPerGPU, from: .gradients) }
  /// Bytes of optimiser states per GPU: KΨ' with K = 12 (FP32 master, m, v), divided by d from stage 1.
  public var optimizerBytes: Double { sharded(precision.optimizerBytes * parametersPerGPU, from: .optimizer) }

  private func sharded(_ bytes: Double, from stage: ZeROStage) -> Double {
    layout.zero >= stage ? bytes / Double(layout.data) : bytes
  }

  /// Micro-batches whose activations the first stage holds at once: min(p, m) under 1F1B.
  public var microBatchesInFlight: Int { min(layout.pipeline, microBatchesPerStep ?? layout.pipeline) }

  /// Activation bytes of one layer for one micro-batch, Korthikanti et al. 2022, Table 2; with full
  /// recomputation the stored layer input, split over t when ``ParallelLayout/shardsSavedInputs``.
  public var activationBytesPerLayer: Double {
    let a = architecture
    return precision.activationScale * Self.activationBytesPerLayer(
      sequence: a.sequenceLength, microBatch: layout.microBatch, hidden: a.hiddenSize, heads: a.heads,
      tensor: layout.tensor, sequenceParallel: layout.splitsSequence, recompute: layout.recompute,
      shardedInputs: layout.shardsSavedInputs)
  }

  /// With full recomputation, the bytes of one layer's complete activations for one micro-batch while the
  /// backward pass recomputes it (Table 2 without recomputation, same t and sequence parallelism); 0 otherwise.
  public var recomputedLayerBytes: Double {
    guard layout.recompute == .full else { return 0 }
    let a = architecture
    return precision.activationScale * Self.activationBytesPerLayer(
      sequence: a.sequenceLength, microBatch: layout.microBatch, hidden: a.hiddenSize, heads: a.heads,
      tensor: layout.tensor, sequenceParallel: layout.splitsSequence, recompute: .none)
  }

  /// Bytes of activations per GPU: stored per-layer bytes × L/p layers × micro-batches in flight, plus,
  /// with full recomputation, one layer's working set (counted once: one layer is recomputed at a time).
  public var activationsBytes: Double {
    let layersHere = Double(architecture.layers / layout.pipeline)
    return activationBytesPerLayer * layersHere * Double(microBatchesInFlight) + recomputedLayerBytes
  }

  /// Everything per GPU.
  public var totalBytes: Double { weightsBytes + gradientsBytes + optimizerBytes + activationsBytes }

  /// Korthikanti et al. 2022, Table 2, bytes of activations per transformer layer with 16-bit
  /// activations, s = `sequence`, b = `microBatch`, h = `hidden`, a = `heads`, t = `tensor`:
  /// - no parallelism: s·b·h·(34 + 5·a·s/h)
  /// - tensor parallel: s·b·h·(10 + 24/t + 5·a·s/(h·t))
  /// - tensor + sequence parallel: s·b·h·(34/t + 5·a·s/(h·t))
  /// - selective recomputation drops the 5·a·s/(h·t) term: s·b·h·(10 + 24/t), or s·b·h·34/t with sequence parallelism
  /// - full recomputation keeps only the layer input: 2·s·b·h, or 2·s·b·h/t when `shardedInputs` (sequence
  ///   parallelism keeps it in its sequence shard; without it, Megatron's `--distribute-saved-activations`).
  public static func activationBytesPerLayer(
    sequence: Int, microBatch: Int, hidden: Int, heads: Int, tensor: Int, sequenceParallel: Bool,
    recompute: Recomputation, shardedInputs: Bool = false
  ) -> Double {
    let s = Double(sequence), b = Double(microBatch), h = Double(hidden), a = Double(heads), t = Double(tensor)
    let sbh = s * b * h
    let attention = recompute == .none ? 5 * a * s / (h * t) : 0
    switch recompute {
    case .full: return shardedInputs ? 2 * sbh / t : 2 * sbh
    case .none, .selective:
      return sbh * ((sequenceParallel && tensor > 1 ? 34 / t : 10 + 24 / t) + attention)
    }
  }

  /// The per-GPU figures with their formulas, keyed `weights_bytes`, `gradients_bytes`,
  /// `optimizer_bytes`, `activations_bytes`, `total_bytes`.
  public var figures: [Figure] {
    let a = architecture, l = layout
    let psi = HumanNumber.compact(parametersPerGPU)
    let d = l.data
    func zeroNote(_ stage: ZeROStage) -> String {
      l.zero >= stage ? " / d = \(d) (ZeRO stage \(l.zero.rawValue) partitions it)" : " (replicated on every data-parallel rank)"
    }
    let sbh = "s·b·h = \(a.sequenceLength)·\(l.microBatch)·\(a.hiddenSize)"
    let form: String
    switch (l.recompute, l.splitsSequence) {
    case (.full, true): form = "2·\(sbh)/t, t = \(l.tensor) (full recomputation keeps each layer's input in its sequence-parallel shard)"
    case (.full, false) where l.shardsSavedInputs:
      form = "2·\(sbh)/t, t = \(l.tensor) (full recomputation keeps each layer's input, split by --distribute-saved-activations)"
    case (.full, false): form = "2·\(sbh) (full recomputation keeps each layer's input whole on every tensor-parallel rank)"
    case (.selective, true): form = "\(sbh)·34/t, t = \(l.tensor) (selective recomputation, sequence parallel)"
    case (.selective, false): form = "\(sbh)·(10 + 24/t), t = \(l.tensor) (selective recomputation)"
    case (.none, true): form = "\(sbh)·(34/t + 5·a·s/(h·t)), a = \(a.heads), t = \(l.tensor) (sequence parallel)"
    case (.none, false): form = "\(sbh)·(10 + 24/t + 5·a·s/(h·t)), a = \(a.heads), t = \(l.tensor)"
    }
    let korthikanti = "Korthikanti et al. 2022, Table 2"
    let zeroSource = "Rajbhandari et al. 2020 (ZeRO), §5"
    let bytes = { (value: Double) in HumanNumber.compact(value) }
    return [
      Figure("parameters_per_gpu", "parameters per GPU Ψ'", parametersPerGPU, .parameters,
             "(L/p·Ψ_layer + embeddings)/t with L = \(a.layers), p = \(l.pipeline), t = \(l.tensor), Ψ = \(HumanNumber.compact(a.parameters)); the first pipeline stage also holds the input embedding"),
      Figure("weights_bytes", "weights", weightsBytes, .bytes,
             "\(bytes(precision.weightBytes))·Ψ' = \(bytes(precision.weightBytes)) × \(psi)\(zeroNote(.weights)); \(zeroSource)"),
      Figure("gradients_bytes", "gradients", gradientsBytes, .bytes,
             "\(bytes(precision.gradientBytes))·Ψ'\(zeroNote(.gradients)); \(zeroSource)"),
      Figure("optimizer_bytes", "optimizer states", optimizerBytes, .bytes,
             "K·Ψ' with K = \(bytes(precision.optimizerBytes)) (\(precision == .fp32 ? "Adam m, v" : "FP32 master weights, Adam m, v"))\(zeroNote(.optimizer)); \(zeroSource)"),
      Figure("activations_bytes", "activations", activationsBytes, .bytes,
             "per layer \(form) = \(bytes(activationBytesPerLayer)) B, × L/p = \(a.layers / l.pipeline) layers × \(microBatchesInFlight) micro-batches in flight (1F1B: min(p, m))"
               + (l.recompute == .full ? " + \(bytes(recomputedLayerBytes)) B, one layer's full activations while it is recomputed (once)" : "")
               + (precision == .fp32 ? ", × 2 for FP32" : "") + "; \(korthikanti), §4.2.3"),
      Figure("total_bytes", "total per GPU", totalBytes, .bytes, "weights + gradients + optimizer states + activations"),
    ]
  }
}
