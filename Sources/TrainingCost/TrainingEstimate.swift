/// Compute, memory, time, money and energy to pre-train a model of a given size on a given
/// number of tokens: what `workbench cost train` reports.
public struct TrainingEstimate: Sendable, Equatable {
  /// All parameters N (every expert of a mixture of experts).
  public let totalParameters: Double
  /// Parameters used per token; equal to ``totalParameters`` for a dense model.
  public let activeParameters: Double
  /// Training tokens D.
  public let tokens: Double
  /// The architecture used for the attention term and activations.
  public let shape: ModelShape
  /// Whether `shape` was given or estimated from N.
  public let shapeIsEstimated: Bool
  /// 6·N_active·D.
  public let denseFLOPs: Double
  /// 12·n_layer·n_ctx·d_model·D, or 0 when the attention term is left out.
  public let attentionFLOPs: Double
  /// Memory to train (all parameters hold state, even inactive experts).
  public let memory: TrainingMemory
  /// Fewest accelerators that hold ``memory``.
  public let minimumGPUs: Int
  /// Time and money.
  public let run: RunCost
  /// Sequences per micro-batch whose activations are held at once.
  public let microBatchSequences: Int
  /// Days the deadline figure was asked for, if any.
  public let deadlineDays: Double?

  /// Estimates training `totalParameters` (with `activeParameters` per token, default all) on
  /// `tokens`, on `gpus` accelerators (default: the fewest that fit in memory).
  public init(
    totalParameters: Double, activeParameters: Double? = nil, tokens: Double, shape: ModelShape? = nil,
    contextLength: Int = 2048, includeAttention: Bool = false,
    bytesPerParameter: Double = TrainingMemory.adamMixedPrecisionBytesPerParameter, microBatchSequences: Int = 1,
    hardware: HardwareSetting, gpus: Int? = nil, deadlineDays: Double? = nil
  ) {
    precondition(totalParameters > 0 && tokens > 0, "parameters and tokens are positive")
    self.totalParameters = totalParameters
    self.activeParameters = activeParameters ?? totalParameters
    precondition(self.activeParameters > 0 && self.activeParameters <= totalParameters, "0 < active ≤ total")
    self.tokens = tokens
    self.shapeIsEstimated = shape == nil
    let shape = shape ?? ModelShape.estimated(parameters: self.activeParameters, contextLength: contextLength)
    self.shape = shape
    denseFLOPs = TrainingCompute.trainingFLOPs(parameters: self.activeParameters, tokens: tokens)
    attentionFLOPs = includeAttention ? TrainingCompute.attentionFLOPs(shape: shape, tokens: tokens) : 0
    memory = TrainingMemory.fullTraining(
      parameters: totalParameters, bytesPerParameter: bytesPerParameter, shape: shape,
      microBatchSequences: microBatchSequences)
    minimumGPUs = memory.minimumAccelerators(memoryGB: hardware.accelerator.memoryGB)
    run = RunCost(flops: denseFLOPs + attentionFLOPs, hardware: hardware, gpus: gpus ?? minimumGPUs)
    self.deadlineDays = deadlineDays
    self.microBatchSequences = microBatchSequences
  }

  /// Total training FLOPs: 6·N·D plus the attention term if included.
  public var flops: Double { denseFLOPs + attentionFLOPs }

  /// Every figure with the formula it came from.
  public var figures: [Figure] {
    let sci = HumanNumber.scientific, abbr = HumanNumber.compact
    let moe = activeParameters < totalParameters
    var list = [
      Figure("parameters", "parameters N", totalParameters, .parameters, "given"),
    ]
    if moe {
      list.append(Figure("active_parameters", "active parameters per token", activeParameters, .parameters,
                         "given (mixture of experts: compute uses active, memory uses all)"))
    }
    list.append(Figure("tokens", "training tokens D", tokens, .tokens, "given"))
    list.append(Figure("tokens_per_parameter", "tokens per parameter", tokens / activeParameters, .tokensPerParameter,
                       "D / N\(moe ? "_active" : "") (Chinchilla-optimal ≈ 20)"))
    let denseBasis = "6·N\(moe ? "_active" : "")·D = 6 × \(abbr(activeParameters)) × \(abbr(tokens)) (forward 2N + backward 4N per token)"
    if attentionFLOPs > 0 {
      list.append(Figure("dense_flops", "compute 6·N·D", denseFLOPs, .flop, denseBasis))
      list.append(Figure("attention_flops", "attention term", attentionFLOPs, .flop,
                         "12·n_layer·n_ctx·d_model·D = 12 × \(shape.layers) × \(shape.contextLength) × \(shape.modelWidth) × \(abbr(tokens))"
                           + (shapeIsEstimated ? " (shape estimated from N with d_model = 128·n_layer)" : "")))
    }
    list.append(Figure("training_flops", "training compute C", flops, .flop,
                       attentionFLOPs > 0 ? "6·N·D + attention = \(sci(denseFLOPs)) + \(sci(attentionFLOPs))"
                         : "\(denseBasis); attention over the context left out (add it with --attention)"))
    let gb = { (bytes: Double) in bytes / 1e9 }
    list += [
      Figure("memory_states_gb", "memory: weights+grads+Adam", gb(memory.trainedStateBytes), .gigabytes,
             "\(abbr(memory.trainedStateBytes / totalParameters)) B/param × \(abbr(totalParameters)) (BF16 weights+grads, FP32 master+Adam m,v)"),
      Figure("memory_activations_gb", "memory: activations", gb(memory.activationBytes), .gigabytes,
             "34·s·b·h·L = 34 × \(shape.contextLength) × \(microBatchSequences) × \(shape.modelWidth) × \(shape.layers) bytes (Korthikanti et al. 2022, selective recomputation)"
               + (shapeIsEstimated ? "; shape estimated from N" : "")),
      Figure("memory_total_gb", "memory: total", memory.totalGB, .gigabytes, "states + activations"),
      Figure("gpus_to_fit", "GPUs to fit in memory", Double(minimumGPUs), .gpus,
             "⌈total / \(abbr(run.hardware.accelerator.memoryGB)) GB⌉, perfectly sharded (ZeRO-3/FSDP); real runs need more"),
    ]
    list += run.figures
    if let days = deadlineDays {
      list.append(Figure("gpus_for_deadline", "GPUs to finish in \(HumanNumber.compact(days)) days", Double(run.gpusForDeadline(days: days)), .gpus,
                         "⌈GPU-hours / (24 × \(HumanNumber.compact(days)))⌉ = ⌈\(abbr(run.gpuHours)) / \(abbr(24 * days))⌉"))
    }
    return list
  }
}
