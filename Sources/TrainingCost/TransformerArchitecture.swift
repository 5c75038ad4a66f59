import Foundation

/// The dimensions of a GPT-style decoder that per-GPU memory and step-time estimates need:
/// `layers` blocks of width `hiddenSize` (h) with `heads` attention heads (a), a vocabulary of
/// `vocabulary` (V) tokens and sequences of `sequenceLength` (s) tokens, and its parameter count.
public struct TransformerArchitecture: Sendable, Equatable {
  /// A short id for the command line (`gpt-3`), or `custom`.
  public var id: String
  /// Transformer blocks L.
  public var layers: Int
  /// Width of the residual stream h (d_model).
  public var hiddenSize: Int
  /// Attention heads a.
  public var heads: Int
  /// Vocabulary size V (padded as the training framework pads it).
  public var vocabulary: Int
  /// Tokens per training sequence s.
  public var sequenceLength: Int
  /// All parameters Ψ.
  public var parameters: Double
  /// Whether the output layer shares the input embedding's weights (GPT-2/3 do, Llama does not).
  public var tiedEmbeddings: Bool
  /// Where the dimensions come from.
  public var source: String

  /// An architecture with the given dimensions; `parameters` nil means
  /// Ψ = 12·L·h²·(1 + 13/(12h) + (V + s)/(12·L·h)) (Narayanan et al. 2021, eq. 2).
  public init(
    id: String = "custom", layers: Int, hiddenSize: Int, heads: Int, vocabulary: Int, sequenceLength: Int,
    parameters: Double? = nil, tiedEmbeddings: Bool = true, source: String = "given"
  ) {
    precondition(layers > 0 && hiddenSize > 0 && heads > 0 && vocabulary > 0 && sequenceLength > 0, "positive dimensions")
    self.id = id
    self.layers = layers
    self.hiddenSize = hiddenSize
    self.heads = heads
    self.vocabulary = vocabulary
    self.sequenceLength = sequenceLength
    self.parameters = parameters ?? Self.gptParameters(layers: layers, hiddenSize: hiddenSize, vocabulary: vocabulary, sequenceLength: sequenceLength)
    self.tiedEmbeddings = tiedEmbeddings
    self.source = source
  }

  /// Ψ = 12·L·h² + 13·L·h + (V + s)·h: a GPT with d_ff = 4h, biases, two layer norms per block,
  /// learned positions and a tied output layer (Narayanan et al. 2021, §3.3.1 eq. 2).
  public static func gptParameters(layers: Int, hiddenSize: Int, vocabulary: Int, sequenceLength: Int) -> Double {
    let (l, h) = (Double(layers), Double(hiddenSize))
    return 12 * l * h * h + 13 * l * h + Double(vocabulary + sequenceLength) * h
  }

  /// Parameters in the embedding tables: V·h, twice if the output layer is not tied.
  public var embeddingParameters: Double {
    Double(vocabulary) * Double(hiddenSize) * (tiedEmbeddings ? 1 : 2)
  }

  /// Parameters of one transformer block: (Ψ − embeddings) / L.
  public var parametersPerLayer: Double { max(0, parameters - embeddingParameters) / Double(layers) }

  /// The vocabulary assumed when only a parameter count is given: GPT-2's 50,257 padded to 51,200
  /// as Megatron-LM pads it (Narayanan et al. 2021, §5.1).
  public static let assumedVocabulary = 51_200
  /// Width per attention head assumed when only a parameter count is given (GPT-3 175B: 12288 / 96).
  public static let assumedHeadWidth = 128

  /// A plausible GPT for `parameters` weights: h = 128·L (GPT-3 175B's aspect ratio, Brown et al.
  /// 2020, Table 2.1) rounded to a multiple of 128, L from Ψ ≈ 12·L·h², heads of width 128, and the
  /// parameter count kept exactly as given (model states are counted from it).
  public static func estimated(parameters: Double, sequenceLength: Int) -> TransformerArchitecture {
    precondition(parameters > 0, "parameters must be positive")
    let width = cbrt(parameters * ModelShape.assumedAspectRatio / 12)
    let hidden = max(assumedHeadWidth, Int((width / Double(assumedHeadWidth)).rounded()) * assumedHeadWidth)
    let layers = max(1, Int((parameters / (12 * Double(hidden) * Double(hidden))).rounded()))
    return TransformerArchitecture(
      id: "custom", layers: layers, hiddenSize: hidden, heads: hidden / assumedHeadWidth, vocabulary: assumedVocabulary,
      sequenceLength: sequenceLength, parameters: parameters,
      source: "shape estimated from N (h = 128·L, heads of 128, V = 51,200)")
  }

  /// The architectures `--preset` names.
  public static let presets: [TransformerArchitecture] = [
    // Brown et al. 2020, Table 2.1: 96 layers, d_model 12288, 96 heads, n_ctx 2048; vocabulary 51,200
    // and Ψ from eq. 2 (174.6B) as Narayanan et al. 2021 train it.
    TransformerArchitecture(
      id: "gpt-3", layers: 96, hiddenSize: 12288, heads: 96, vocabulary: 51_200, sequenceLength: 2048,
      source: "Brown et al. 2020, Table 2.1; V = 51,200 as in Narayanan et al. 2021"),
    // Touvron et al. 2023 (Llama 2), Table 1 and the released config: 32 layers, 4096, 32 heads,
    // vocabulary 32,000, 4k context, 6.74B parameters, untied output layer.
    TransformerArchitecture(
      id: "llama-2-7b", layers: 32, hiddenSize: 4096, heads: 32, vocabulary: 32_000, sequenceLength: 4096,
      parameters: 6.74e9, tiedEmbeddings: false, source: "Touvron et al. 2023 (Llama 2); meta-llama/Llama-2-7b config.json"),
    // Llama 2 70B: 80 layers, 8192, 64 heads (8 key-value heads), 32,000, 4k context, 68.98B parameters.
    TransformerArchitecture(
      id: "llama-2-70b", layers: 80, hiddenSize: 8192, heads: 64, vocabulary: 32_000, sequenceLength: 4096,
      parameters: 68.98e9, tiedEmbeddings: false, source: "Touvron et al. 2023 (Llama 2); meta-llama/Llama-2-70b config.json"),
    // Dubey et al. 2024 (Llama 3), Table 3: 126 layers, 16384, 128 heads, vocabulary 128,256, 8k context, 405B.
    TransformerArchitecture(
      id: "llama-3.1-405b", layers: 126, hiddenSize: 16384, heads: 128, vocabulary: 128_256, sequenceLength: 8192,
      parameters: 405e9, tiedEmbeddings: false, source: "Dubey et al. 2024, The Llama 3 Herd of Models, Table 3"),
  ]

  /// The preset called `id` (case-insensitive), or nil.
  public static func preset(named id: String) -> TransformerArchitecture? {
    presets.first { $0.id == id.lowercased() }
  }
}
