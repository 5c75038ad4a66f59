/// Pre-training a model from scratch at the budget a real project uses, next to the Chinchilla-optimal
/// budget, with what the pre-training row of `cost plan` includes and leaves out.
public enum PretrainingBudget {
  /// Figures: the budget used (given, or ``PlanAssumptions/realisticPretrainTokens(parameters:)``), its
  /// final-run cost, the Chinchilla-optimal 20·N budget and its cost, on `hardware`.
  public static func figures(parameters: Double, tokens: Double, tokensGiven: Bool, hardware: HardwareSetting) -> [Figure] {
    let chinchilla = AllocationLaw.chinchillaTokensPerParameter * parameters
    let used = RunCost(flops: TrainingCompute.trainingFLOPs(parameters: parameters, tokens: tokens), hardware: hardware, gpus: 1)
    let optimal = RunCost(flops: TrainingCompute.trainingFLOPs(parameters: parameters, tokens: chinchilla), hardware: hardware, gpus: 1)
    let abbr = HumanNumber.abbreviated
    return [
      Figure("pretrain_tokens", "pre-training tokens used", tokens, .tokens,
             tokensGiven ? "given with --pretrain-tokens"
               : "max(2T, 20·N): Llama 2 trained 7B–70B on 2T tokens (Touvron et al. 2023, Table 1), Llama 3 8B–405B on 15T (Dubey et al. 2024); at least Chinchilla's 20·N"),
      Figure("pretrain_tokens_per_parameter", "tokens per parameter", tokens / parameters, .tokensPerParameter, "D / N"),
      Figure("pretrain_gpu_hours", "pre-training GPU-hours", used.gpuHours, .gpuHours,
             "6·N·D / (peak × MFU) / 3600 = 6 × \(abbr(parameters)) × \(abbr(tokens)) / (\(HumanNumber.scientific(hardware.accelerator.peakFLOPS)) × \(HumanNumber.fixed(hardware.utilization, decimals: 2))) / 3600"),
      Figure("pretrain_usd", "pre-training final run", used.dollars, .dollars, "GPU-hours × $\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))"),
      Figure("chinchilla_tokens", "Chinchilla-optimal tokens", chinchilla, .tokens,
             "20·N (Hoffmann et al. 2022): the compute-optimal budget; real models train far longer so that the model is cheaper to serve"),
      Figure("chinchilla_usd", "Chinchilla-optimal final run", optimal.dollars, .dollars,
             "6·N·20N / (peak × MFU) / 3600 × price"),
    ]
  }

  /// What the pre-training row of the plan counts.
  public static let includes =
    "The pre-training row is the final run's compute only (6·N·D GPU-hours × price); it excludes failures and restarts, experiments before the final run, data, people, evaluation and serving: see the bill below."
}
