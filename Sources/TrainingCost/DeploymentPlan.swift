/// A side-by-side comparison, for a business, of the ways to get a model that knows a domain:
/// pre-train from scratch, full fine-tune, LoRA, QLoRA, or no training at all (a hosted model,
/// optionally with retrieval over the domain documents).
public enum DeploymentOption: String, Sendable, Equatable, CaseIterable {
  case pretrain = "pre-train from scratch"
  case fullFineTune = "full fine-tune"
  case lora = "LoRA"
  case qlora = "QLoRA"
  case noTraining = "no training (hosted model + retrieval)"
}

/// The assumptions of the comparison beyond fine-tuning's own.
public struct PlanAssumptions: Sendable, Equatable {
  /// Pre-training tokens; `nil` means ``realisticPretrainTokens(parameters:)``.
  public var pretrainTokens: Double? = nil

  /// The pre-training budget a real project of 2023–2024 would use: 2T tokens, as Llama 2 7B–70B were
  /// trained (Touvron et al. 2023, Table 1; Llama 3 used 15T, Dubey et al. 2024), and never fewer than
  /// Chinchilla's compute-optimal 20 tokens per parameter (Hoffmann et al. 2022).
  public static func realisticPretrainTokens(parameters: Double) -> Double {
    max(llama2PretrainTokens, AllocationLaw.chinchillaTokensPerParameter * parameters)
  }
  /// Llama 2's pre-training tokens for every size (Touvron et al. 2023, Table 1).
  public static let llama2PretrainTokens = 2e12
  /// Price of a hosted model per million tokens (input and output blended). Illustrative: check your provider.
  public var hostedPricePerMillionTokens: Double = 1.0
  /// Price of embedding the domain documents for retrieval, per million tokens. Illustrative.
  public var embeddingPricePerMillionTokens: Double = 0.10
  /// Fraction of peak FLOP/s reached when serving a self-hosted model with large batches
  /// (single-stream decoding is memory-bound and reaches far less).
  public var servingUtilization: Double = 0.2

  public init() {}
}

/// One option of the comparison.
public struct PlanRow: Sendable, Equatable {
  /// Which option.
  public let option: DeploymentOption
  /// Parameters that are trained (0 for no training).
  public let trainableParameters: Double
  /// Tokens trained on, or embedded for retrieval.
  public let tokens: Double
  /// Training FLOPs (0 for no training).
  public let flops: Double
  /// Memory to train, in GB (0 for no training).
  public let memoryGB: Double
  /// Accelerators used (0 for no training).
  public let gpus: Int
  /// Accelerator-hours of training.
  public let gpuHours: Double
  /// Calendar days of training.
  public let wallClockDays: Double
  /// Up-front cost: training, or embedding the documents.
  public let upFrontDollars: Double
  /// Running cost per million tokens served.
  public let dollarsPerMillionTokens: Double
  /// The formulas and assumptions behind the row.
  public let basis: String
}

/// Builds the comparison.
public enum DeploymentPlan {
  /// Rows for every ``DeploymentOption`` for a base of `parameters` and `domainTokens` of domain data.
  /// `gpus` nil means each training option uses the fewest accelerators that hold it.
  public static func compare(
    parameters: Double, domainTokens: Double, shape: ModelShape, microBatchSequences: Int = 1,
    hardware: HardwareSetting, gpus: Int? = nil,
    fineTuning: FineTuningAssumptions = FineTuningAssumptions(), assumptions: PlanAssumptions = PlanAssumptions()
  ) -> [PlanRow] {
    let accelerator = hardware.accelerator
    let servingHours = TrainingCompute.inferenceFLOPsPerToken(parameters: parameters) * 1e6
      / (accelerator.peakFLOPS * assumptions.servingUtilization) / 3600
    let servingCost = servingHours * hardware.pricePerHour
    let servingBasis = "serving: 2·N FLOPs/token × 1M / (peak × \(HumanNumber.compact(assumptions.servingUtilization * 100))% serving utilisation) × $\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))/GPU-h"

    let pretrainTokens = assumptions.pretrainTokens ?? PlanAssumptions.realisticPretrainTokens(parameters: parameters)
    let memory = TrainingMemory.fullTraining(
      parameters: parameters, bytesPerParameter: fineTuning.fullBytesPerParameter, shape: shape,
      microBatchSequences: microBatchSequences)
    let pretrainGPUs = gpus ?? memory.minimumAccelerators(memoryGB: accelerator.memoryGB)
    let pretrain = RunCost(
      flops: TrainingCompute.trainingFLOPs(parameters: parameters, tokens: pretrainTokens), hardware: hardware,
      gpus: pretrainGPUs)
    var rows = [
      PlanRow(
        option: .pretrain, trainableParameters: parameters, tokens: pretrainTokens, flops: pretrain.flops,
        memoryGB: memory.totalGB, gpus: pretrainGPUs, gpuHours: pretrain.gpuHours,
        wallClockDays: pretrain.wallClockDays, upFrontDollars: pretrain.dollars, dollarsPerMillionTokens: servingCost,
        basis: "6·N·D with D = \(assumptions.pretrainTokens == nil ? "max(2T, 20·N) (Llama 2's 2T-token budget, at least Chinchilla's 20·N)" : "given") = \(HumanNumber.compact(pretrainTokens)) tokens; final run's compute only (no restarts, experiments, data or people: see the bill); "
          + "memory \(HumanNumber.compact(fineTuning.fullBytesPerParameter)) B/param + activations; domain data is a tiny part of the corpus; \(servingBasis)")
    ]
    let methods: [(DeploymentOption, FineTuningMethod)] = [(.fullFineTune, .full), (.lora, .lora), (.qlora, .qlora)]
    for (option, method) in methods {
      let estimate = FineTuningEstimate(
        method: method, parameters: parameters, tokens: domainTokens, shape: shape,
        microBatchSequences: microBatchSequences, hardware: hardware, gpus: gpus, assumptions: fineTuning)
      rows.append(
        PlanRow(
          option: option, trainableParameters: estimate.trainableParameters, tokens: domainTokens,
          flops: estimate.flops, memoryGB: estimate.memory.totalGB, gpus: estimate.run.gpus,
          gpuHours: estimate.run.gpuHours, wallClockDays: estimate.run.wallClockDays,
          upFrontDollars: estimate.run.dollars, dollarsPerMillionTokens: servingCost,
          basis: "\(estimate.flopsBasis); memory \(estimate.memoryBasis); \(servingBasis)"))
    }
    rows.append(
      PlanRow(
        option: .noTraining, trainableParameters: 0, tokens: domainTokens, flops: 0, memoryGB: 0, gpus: 0,
        gpuHours: 0, wallClockDays: 0,
        upFrontDollars: domainTokens / 1e6 * assumptions.embeddingPricePerMillionTokens,
        dollarsPerMillionTokens: assumptions.hostedPricePerMillionTokens,
        basis: "up-front: embed the domain tokens once for retrieval at $\(HumanNumber.fixed(assumptions.embeddingPricePerMillionTokens, decimals: 2))/1M tokens; "
          + "serving: a hosted model at an assumed $\(HumanNumber.fixed(assumptions.hostedPricePerMillionTokens, decimals: 2))/1M tokens (check your provider); "
          + "no weights change, so the model knows the domain only through retrieved passages"))
    return rows
  }
}
