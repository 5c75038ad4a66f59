import TrainingCost

/// What training a model of a published size would take, priced by the cost library, with the loss
/// the lesson's fitted law predicts for it.
public struct ScalingExtrapolation: Sendable, Equatable {
  /// What is priced, e.g. "GPT-3 scale (175B parameters, 300B tokens)".
  public let label: String
  /// Parameters N.
  public let parameters: Double
  /// Training tokens D.
  public let tokens: Double
  /// 12·n_layer·n_ctx·d_model·D for the published architecture (not included in the price).
  public let attentionFLOPs: Double
  /// Time and money for C = 6·N·D (the cost library's convention).
  public let cost: RunCost
  /// The lesson's fitted L(N, D) at this N and D, nats per character of *its* corpus.
  public let predictedLoss: Double

  /// Prices `run`'s parameters and tokens on `hardware` spread over `gpus` accelerators.
  public init(run: PublishedRun, hardware: HardwareSetting, gpus: Int, fit: ScalingLawFit) {
    label = "\(run.name) scale (\(HumanNumber.compact(run.activeParameters)) parameters, \(HumanNumber.compact(run.tokens)) tokens)"
    parameters = run.activeParameters
    tokens = run.tokens
    attentionFLOPs = TrainingCompute.attentionFLOPs(shape: run.shape, tokens: run.tokens)
    cost = RunCost(flops: run.estimatedFLOPs, hardware: hardware, gpus: gpus)
    predictedLoss = fit.loss(parameters: run.activeParameters, tokens: run.tokens)
  }

  /// C = 6·N·D.
  public var flops: Double { cost.flops }
}
