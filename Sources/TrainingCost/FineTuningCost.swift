/// How a pre-trained base model is adapted to a domain.
public enum FineTuningMethod: String, Sendable, Equatable, CaseIterable {
  /// Update every weight with Adam: 16 bytes per parameter, 6·N FLOPs per token.
  case full
  /// Low-rank adapters (Hu et al. 2021) on a frozen BF16 base.
  case lora
  /// Low-rank adapters on a frozen 4-bit (NF4) base (Dettmers et al. 2023).
  case qlora
}

/// The assumptions behind fine-tuning memory and compute; every one can be changed.
public struct FineTuningAssumptions: Sendable, Equatable {
  /// Trainable adapter parameters as a fraction of the base (LoRA/QLoRA): typically 0.1–1%;
  /// rank 16 on every linear layer of a 7B model is about 0.6%.
  public var adapterFraction: Double = 0.005
  /// Bytes per parameter of full training (mixed-precision Adam).
  public var fullBytesPerParameter: Double = TrainingMemory.adamMixedPrecisionBytesPerParameter
  /// Bytes per parameter of the frozen base in LoRA (BF16 weights, no gradients or optimiser state).
  public var loraBaseBytesPerParameter: Double = 2
  /// Bytes per parameter of the frozen base in QLoRA (4-bit weights; quantisation constants ignored).
  public var qloraBaseBytesPerParameter: Double = 0.5
  /// Bytes per trainable adapter parameter (weights, gradients and Adam state, as in full training).
  public var adapterBytesPerParameter: Double = TrainingMemory.adamMixedPrecisionBytesPerParameter

  public init() {}

  /// FLOPs per base parameter per token of a frozen-base method: the forward pass (2) and the
  /// backward pass through activations (2); gradients for frozen weights (the other 2) are skipped.
  public static let frozenBaseFLOPsPerParameter = 4.0
}

/// Memory, compute, time and money to fine-tune a base model on domain tokens.
public struct FineTuningEstimate: Sendable, Equatable {
  /// The method.
  public let method: FineTuningMethod
  /// Parameters of the base model N.
  public let baseParameters: Double
  /// Parameters that receive gradients: N for full fine-tuning, f·N adapters otherwise.
  public let trainableParameters: Double
  /// Tokens of domain data seen in training D (all epochs).
  public let tokens: Double
  /// Training FLOPs: 6·N·D (full) or 4·N·D + 6·N_adapter·D (LoRA/QLoRA).
  public let flops: Double
  /// Memory to hold the run.
  public let memory: TrainingMemory
  /// Fewest accelerators whose memory holds ``memory``.
  public let minimumGPUs: Int
  /// Time and money on the chosen hardware.
  public let run: RunCost
  /// The assumptions used.
  public let assumptions: FineTuningAssumptions

  /// Estimates `method` for a base of `parameters` trained on `tokens`, with activations of
  /// `microBatchSequences` sequences of `shape`, on `gpus` accelerators (default: the fewest that fit).
  public init(
    method: FineTuningMethod, parameters: Double, tokens: Double, shape: ModelShape,
    microBatchSequences: Int = 1, hardware: HardwareSetting, gpus: Int? = nil,
    assumptions: FineTuningAssumptions = FineTuningAssumptions()
  ) {
    self.method = method
    self.baseParameters = parameters
    self.tokens = tokens
    self.assumptions = assumptions
    let activations = TrainingMemory.activationBytes(shape: shape, microBatchSequences: microBatchSequences)
    switch method {
    case .full:
      trainableParameters = parameters
      flops = TrainingCompute.trainingFLOPs(parameters: parameters, tokens: tokens)
      memory = TrainingMemory(
        frozenWeightBytes: 0, trainedStateBytes: parameters * assumptions.fullBytesPerParameter,
        activationBytes: activations)
    case .lora, .qlora:
      let adapters = parameters * assumptions.adapterFraction
      trainableParameters = adapters
      flops = FineTuningAssumptions.frozenBaseFLOPsPerParameter * parameters * tokens
        + TrainingCompute.trainingFLOPs(parameters: adapters, tokens: tokens)
      let baseBytes = method == .lora ? assumptions.loraBaseBytesPerParameter : assumptions.qloraBaseBytesPerParameter
      memory = TrainingMemory(
        frozenWeightBytes: parameters * baseBytes,
        trainedStateBytes: adapters * assumptions.adapterBytesPerParameter, activationBytes: activations)
    }
    minimumGPUs = memory.minimumAccelerators(memoryGB: hardware.accelerator.memoryGB)
    run = RunCost(flops: flops, hardware: hardware, gpus: gpus ?? minimumGPUs)
  }

  /// The formula behind ``flops``, numbers substituted.
  public var flopsBasis: String {
    let n = HumanNumber.compact(baseParameters), d = HumanNumber.compact(tokens)
    switch method {
    case .full:
      return "6·N·D = 6 × \(n) × \(d) (every weight gets a gradient)"
    case .lora, .qlora:
      return "4·N·D + 6·N_adapter·D = 4 × \(n) × \(d) + 6 × \(HumanNumber.compact(trainableParameters)) × \(d) "
        + "(frozen base: forward 2N + input-gradient 2N, its weight gradients skipped)"
    }
  }

  /// The formula behind the memory figures, for a one-line summary.
  public var memoryBasis: String {
    "\(frozenMemoryBasis) + \(trainedMemoryBasis) + activations"
  }

  /// The formula behind the frozen-weights memory.
  public var frozenMemoryBasis: String {
    let c = HumanNumber.compact
    switch method {
    case .full: return "no frozen weights"
    case .lora: return "\(c(assumptions.loraBaseBytesPerParameter)) B/param × \(c(baseParameters)) (frozen BF16 base, no gradients or optimiser state)"
    case .qlora: return "\(c(assumptions.qloraBaseBytesPerParameter)) B/param × \(c(baseParameters)) (frozen 4-bit base, no gradients or optimiser state)"
    }
  }

  /// The formula behind the trained-state memory.
  public var trainedMemoryBasis: String {
    let c = HumanNumber.compact
    switch method {
    case .full:
      return "\(c(assumptions.fullBytesPerParameter)) B/param × \(c(baseParameters)) (BF16 weights+grads, FP32 master+Adam m,v)"
    case .lora, .qlora:
      return "\(c(assumptions.adapterBytesPerParameter)) B/param × \(c(trainableParameters)) adapter parameters (weights, grads, Adam)"
    }
  }

  /// The figures of this estimate, each with its formula.
  public var figures: [Figure] {
    let gb = { (bytes: Double) in bytes / 1e9 }
    var list = [
      Figure("base_parameters", "base parameters N", baseParameters, .parameters, "given"),
      Figure("trainable_parameters", "trainable parameters", trainableParameters, .parameters,
             method == .full ? "all N" : "N × adapter fraction \(HumanNumber.compact(assumptions.adapterFraction * 100))%"),
      Figure("tokens", "training tokens D", tokens, .tokens, "given (domain tokens × epochs)"),
      Figure("training_flops", "training compute", flops, .flop, flopsBasis),
      Figure("memory_frozen_gb", "memory: frozen base weights", gb(memory.frozenWeightBytes), .gigabytes, frozenMemoryBasis),
      Figure("memory_trained_gb", "memory: trained weights+grads+Adam", gb(memory.trainedStateBytes), .gigabytes, trainedMemoryBasis),
      Figure("memory_activations_gb", "memory: activations", gb(memory.activationBytes), .gigabytes,
             "34·s·b·h·L bytes (Korthikanti et al. 2022, selective recomputation)"),
      Figure("memory_total_gb", "memory: total", memory.totalGB, .gigabytes, "sum of the above"),
      Figure("gpus_to_fit", "GPUs to fit in memory", Double(minimumGPUs), .gpus,
             "⌈total / \(HumanNumber.compact(run.hardware.accelerator.memoryGB)) GB⌉, perfectly sharded"),
    ]
    list += run.figures
    return list
  }
}
