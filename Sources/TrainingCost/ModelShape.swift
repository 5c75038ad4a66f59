import Foundation

/// The dimensions of a decoder-only transformer that FLOP and activation estimates need:
/// `layers` blocks of width `modelWidth` (d_model) reading `contextLength` tokens at a time.
public struct ModelShape: Sendable, Equatable {
  /// Number of transformer blocks (n_layer).
  public var layers: Int
  /// Width of the residual stream (d_model).
  public var modelWidth: Int
  /// Tokens per training sequence (n_ctx).
  public var contextLength: Int

  public init(layers: Int, modelWidth: Int, contextLength: Int) {
    precondition(layers > 0 && modelWidth > 0 && contextLength > 0, "a model shape has positive dimensions")
    self.layers = layers
    self.modelWidth = modelWidth
    self.contextLength = contextLength
  }

  /// d_model / n_layer assumed when only the parameter count is known: GPT-3 175B has
  /// 12288 / 96 = 128 (Brown et al. 2020, Table 2.1); Llama-2-70B has 8192 / 80 ≈ 102.
  public static let assumedAspectRatio = 128.0

  /// A plausible shape for a model with `parameters` non-embedding weights, from
  /// N ≈ 12·n_layer·d_model² (Kaplan et al. 2020, Table 1, with d_ff = 4·d_model) and
  /// d_model = 128·n_layer; d_model is rounded to a multiple of 64.
  public static func estimated(parameters: Double, contextLength: Int) -> ModelShape {
    precondition(parameters > 0, "parameters must be positive")
    let width = cbrt(parameters * assumedAspectRatio / 12)
    let roundedWidth = max(64, Int((width / 64).rounded()) * 64)
    let layers = max(1, Int((parameters / (12 * Double(roundedWidth) * Double(roundedWidth))).rounded()))
    return ModelShape(layers: layers, modelWidth: roundedWidth, contextLength: contextLength)
  }
}
