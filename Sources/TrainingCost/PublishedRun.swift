/// A training run whose size, data and hardware were published, used as a preset and to check
/// the cost model against reality.
public struct PublishedRun: Sendable, Equatable {
  /// Preset id for the command line: `gpt-3`, `llama-2-70b`.
  public let id: String
  /// Model name.
  public let name: String
  /// All parameters (for a mixture of experts, every expert).
  public let totalParameters: Double
  /// Parameters used per token (equal to ``totalParameters`` for a dense model).
  public let activeParameters: Double
  /// Pre-training tokens.
  public let tokens: Double
  /// Catalogue id of the accelerator the estimates use.
  public let acceleratorID: String
  /// The hardware as published.
  public let hardware: String
  /// Published architecture (for the attention term and activations).
  public let shape: ModelShape
  /// Published training compute in FLOPs, if any.
  public let publishedFLOPs: Double?
  /// Published accelerator-hours, if any.
  public let publishedGPUHours: Double?
  /// Published model FLOPs utilisation, if any.
  public let publishedMFU: Double?
  /// Where the MFU figure comes from, or that it was not published.
  public let mfuSource: String
  /// The paper or model card the figures come from.
  public let source: String
  /// What the published figures include or leave out.
  public let note: String

  /// C = 6·N_active·D: this model's estimated training compute.
  public var estimatedFLOPs: Double {
    TrainingCompute.trainingFLOPs(parameters: activeParameters, tokens: tokens)
  }

  /// Whether some parameters are idle for each token (mixture of experts).
  public var isMixtureOfExperts: Bool { activeParameters < totalParameters }

  /// The MFU the published GPU-hours imply: 6·N·D / (hours × 3600 × `peakFLOPS`); `nil` without hours.
  public func impliedMFU(peakFLOPS: Double) -> Double? {
    guard let hours = publishedGPUHours else { return nil }
    return estimatedFLOPs / (hours * 3600 * peakFLOPS)
  }

  /// The built-in presets.
  public static let all: [PublishedRun] = [
    // Brown et al. 2020, "Language Models are Few-Shot Learners": Table 2.1 (96 layers, d_model 12288,
    // n_ctx 2048), §2.2 (300B tokens), Table D.1 (3.14e23 FLOPs). Trained on V100s (Microsoft cluster).
    // MFU 21.3%: Chowdhery et al. 2022, "PaLM", Table 22.
    PublishedRun(
      id: "gpt-3", name: "GPT-3 175B", totalParameters: 175e9, activeParameters: 175e9, tokens: 300e9,
      acceleratorID: "v100", hardware: "NVIDIA V100", shape: ModelShape(layers: 96, modelWidth: 12288, contextLength: 2048),
      publishedFLOPs: 3.14e23, publishedGPUHours: nil, publishedMFU: 0.213,
      mfuSource: "21.3% (Chowdhery et al. 2022, PaLM, Table 22)",
      source: "Brown et al. 2020, Language Models are Few-Shot Learners, Table D.1",
      note: "GPU-hours were not published; the published 3.14e23 (3.64e3 PF-days) is 6·N·D with the exact N ≈ 174.6B"),
    // Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models": Table 4 (80 layers,
    // d_model 8192), 1.4T tokens, trained on TPUv3/TPUv4 with the same 5.76e23 FLOPs as Gopher (Table 3).
    PublishedRun(
      id: "chinchilla", name: "Chinchilla 70B", totalParameters: 70e9, activeParameters: 70e9, tokens: 1.4e12,
      acceleratorID: "tpu-v4", hardware: "Google TPU v3/v4", shape: ModelShape(layers: 80, modelWidth: 8192, contextLength: 2048),
      publishedFLOPs: 5.76e23, publishedGPUHours: nil, publishedMFU: nil,
      mfuSource: "not published",
      source: "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, Table 3",
      note: "5.76e23 is Gopher's budget, which Chinchilla was sized to match; chip-hours were not published"),
    // Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models": 2T tokens, 4k context,
    // Table 2 (1,720,320 A100-80GB GPU-hours for 70B, 400 W). Architecture as Llama 1 65B: 80 layers, 8192.
    PublishedRun(
      id: "llama-2-70b", name: "Llama 2 70B", totalParameters: 70e9, activeParameters: 70e9, tokens: 2e12,
      acceleratorID: "a100-80gb", hardware: "NVIDIA A100 80GB", shape: ModelShape(layers: 80, modelWidth: 8192, contextLength: 4096),
      publishedFLOPs: nil, publishedGPUHours: 1_720_320, publishedMFU: nil,
      mfuSource: "not published",
      source: "Touvron et al. 2023, Llama 2, Table 2",
      note: "pre-training hours only; FLOPs were not published"),
    // Dubey et al. 2024, "The Llama 3 Herd of Models": 405B, 126 layers, d_model 16384, 8k context in the
    // main stage, 15.6T tokens, 3.8e25 FLOPs (§3.2.1), BF16 MFU 38–43% (Table 4). GPU-hours: Llama 3.1
    // model card, 30.84M H100-80GB hours for 405B (39.3M cumulative for 8B, 70B and 405B).
    PublishedRun(
      id: "llama-3.1-405b", name: "Llama 3.1 405B", totalParameters: 405e9, activeParameters: 405e9, tokens: 15.6e12,
      acceleratorID: "h100-sxm", hardware: "NVIDIA H100 80GB (SXM)", shape: ModelShape(layers: 126, modelWidth: 16384, contextLength: 8192),
      publishedFLOPs: 3.8e25, publishedGPUHours: 30.84e6, publishedMFU: 0.40,
      mfuSource: "38–43% BF16 (Dubey et al. 2024, Table 4); 40% used",
      source: "Dubey et al. 2024, The Llama 3 Herd of Models; Llama 3.1 model card",
      note: "published hours cover the whole 405B effort (long-context and annealing stages, restarts after failures)"),
    // DeepSeek-AI 2024, "DeepSeek-V3 Technical Report": 671B total / 37B activated parameters, 61 layers,
    // d_model 7168, 4k pre-training context, 14.8T tokens, Table 1: 2,788K H800 GPU-hours in total
    // (2,664K pre-training + 119K context extension + 5K post-training), $5.576M at $2/GPU-hour.
    PublishedRun(
      id: "deepseek-v3", name: "DeepSeek-V3 (671B MoE, 37B active)", totalParameters: 671e9, activeParameters: 37e9,
      tokens: 14.8e12, acceleratorID: "h800", hardware: "NVIDIA H800",
      shape: ModelShape(layers: 61, modelWidth: 7168, contextLength: 4096),
      publishedFLOPs: nil, publishedGPUHours: 2.788e6, publishedMFU: nil,
      mfuSource: "not published",
      source: "DeepSeek-AI 2024, DeepSeek-V3 Technical Report, Table 1",
      note: "mixture of experts: compute counts the 37B active parameters; hours include context extension and post-training; trained in FP8, whose peak is twice the BF16 peak used here"),
  ]

  /// The preset with id `id` (case-insensitive), if any.
  public static func named(_ id: String) -> PublishedRun? {
    all.first { $0.id.lowercased() == id.lowercased() }
  }
}
