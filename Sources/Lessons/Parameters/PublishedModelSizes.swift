import NeuralNet

/// The published model sizes the parameters lesson counts: GPT-2 small to XL and Llama 2 7B, with
/// their exact parameter counts computed from the architecture configurations.
struct PublishedModelSize: Sendable {
  let name: String
  let layers, width, vocabulary: Int
  /// Exact number of parameters, from the configuration.
  let parameters: Int
  /// Parameters in embedding tables (token, position).
  let embeddingParameters: Int
  let source: String

  /// Bytes per parameter of each storage format, and of full training with Adam in mixed precision.
  static let formats: [(name: String, bytesPerParameter: Double)] = [
    ("fp32", 4), ("bf16", 2), ("int8", 1), ("int4", 0.5),
    ("training (Adam, mixed precision)", 16),
  ]

  /// The five models, smallest first.
  static func all() -> [PublishedModelSize] {
    let gpt2 = GPTConfig.presets.map { preset in
      PublishedModelSize(
        name: preset.name, layers: preset.configuration.layerCount, width: preset.configuration.embeddingWidth,
        vocabulary: preset.configuration.vocabSize, parameters: preset.configuration.parameterCount,
        embeddingParameters: preset.configuration.parameterBreakdown.count(of: .embedding), source: preset.source)
    }
    let llama = LlamaConfig.presets.map { preset in
      PublishedModelSize(
        name: preset.name, layers: preset.configuration.layerCount, width: preset.configuration.embeddingWidth,
        vocabulary: preset.configuration.vocabSize, parameters: preset.configuration.parameterCount,
        embeddingParameters: preset.configuration.parameterBreakdown.count(of: .embedding), source: preset.source)
    }
    return gpt2 + llama
  }

  /// Gigabytes (10⁹ bytes) to hold the parameters at `bytesPerParameter`.
  func gigabytes(bytesPerParameter: Double) -> Double { Double(parameters) * bytesPerParameter / 1e9 }
}
