/// How the weight matrices of a model's linear layers are stored for inference: activations, sums,
/// embeddings, layer norms and biases stay float32 whatever the choice, and training always
/// computes in float32.
public enum WeightPrecision: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
  /// IEEE single precision: 4 bytes per weight, the values training wrote.
  case f32
  /// bfloat16: the high 16 bits of each float32, rounded to nearest even (8 exponent bits, 8
  /// significant bits, relative error ≤ 2⁻⁸); 2 bytes per weight.
  case bf16
  /// int8 in blocks of 32 weights along a row, each block with one float32 scale d = max|w| / 127
  /// and w ≈ d · round(w / d) (llama.cpp's q8_0, which keeps d in float16); 1.125 bytes per weight.
  case int8

  /// The name `--weights` takes.
  public var description: String { rawValue }

  /// Bytes one weight takes in memory, scales included.
  public var bytesPerWeight: Double {
    switch self {
    case .f32: 4
    case .bf16: 2
    case .int8: 1 + 4.0 / Double(ReducedPrecisionMatrix.blockSize)
    }
  }
}
