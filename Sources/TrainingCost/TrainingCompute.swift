/// Floating-point operations needed to train a transformer, counted per token.
///
/// Each weight does one multiply-add (2 FLOPs) per token in the forward pass, and twice that
/// in the backward pass (gradient with respect to the input and to the weight): 2N + 4N = 6N
/// FLOPs per token, so C = 6·N·D for D training tokens (Kaplan et al. 2020, §2.1).
public enum TrainingCompute {
  /// FLOPs per parameter per token of the forward pass (one multiply-add).
  public static let forwardFLOPsPerParameter = 2.0
  /// FLOPs per parameter per token of the backward pass (input and weight gradients).
  public static let backwardFLOPsPerParameter = 4.0
  /// FLOPs per parameter per token of a training step: forward + backward = 6.
  public static let trainingFLOPsPerParameter = forwardFLOPsPerParameter + backwardFLOPsPerParameter

  /// C = 6·N·D: FLOPs to train `parameters` weights (for a mixture of experts, the *active*
  /// parameters per token) on `tokens` tokens, ignoring attention over the context.
  public static func trainingFLOPs(parameters: Double, tokens: Double) -> Double {
    trainingFLOPsPerParameter * parameters * tokens
  }

  /// Attention FLOPs per training token that do not involve weights: QKᵀ and the
  /// attention-weighted sum of V each cost 2·n_ctx·d_model per layer in the forward pass,
  /// tripled for training: 12·n_layer·n_ctx·d_model (Chowdhery et al. 2022, PaLM, App. B;
  /// Kaplan et al. 2020, Table 1, count only the QKᵀ term, 2·n_layer·n_ctx·d_attn forward).
  public static func attentionFLOPsPerToken(_ shape: ModelShape) -> Double {
    12 * Double(shape.layers) * Double(shape.contextLength) * Double(shape.modelWidth)
  }

  /// 12·n_layer·n_ctx·d_model·D: the attention term for `tokens` training tokens.
  public static func attentionFLOPs(shape: ModelShape, tokens: Double) -> Double {
    attentionFLOPsPerToken(shape) * tokens
  }

  /// FLOPs to generate or read one token at inference: the forward pass only, 2·N.
  public static func inferenceFLOPsPerToken(parameters: Double) -> Double {
    forwardFLOPsPerParameter * parameters
  }
}
