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
  /// The block's design: GPT (LayerNorm, learned positions, GeLU, biases) or Llama (RMSNorm, RoPE, SwiGLU, no biases).
  public var style: ArchitectureStyle
  /// Key-value heads (grouped-query attention when fewer than `heads`).
  public var keyValueHeads: Int
  /// Width of the feed-forward layer d_ff (4h for a GPT).
  public var feedForwardSize: Int
  /// Base θ of the rotary position embedding (Llama style only).
  public var rotaryBase: Int

  /// An architecture with the given dimensions; `parameters` nil means
  /// Ψ = 12·L·h²·(1 + 13/(12h) + (V + s)/(12·L·h)) (Narayanan et al. 2021, eq. 2).
  public init(
    id: String = "custom", layers: Int, hiddenSize: Int, heads: Int, vocabulary: Int, sequenceLength: Int,
    parameters: Double? = nil, tiedEmbeddings: Bool = true, source: String = "given", style: ArchitectureStyle = .gpt,
    keyValueHeads: Int? = nil, feedForwardSize: Int? = nil, rotaryBase: Int = 10_000
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
    self.style = style
    self.keyValueHeads = keyValueHeads ?? heads
    self.feedForwardSize = feedForwardSize ?? 4 * hiddenSize
    self.rotaryBase = rotaryBase
  }

  /// Parameters of the model these dimensions build, counted the way Megatron-LM builds it (vocabulary as given):
  /// - GPT: per layer 4h² + 4h (QKV and output projections with biases) + 2·h·d_ff + d_ff + h (MLP with biases)
  ///   + 4h (two LayerNorms), plus (V + s)·h embeddings (learned positions, tied output) and 2h for the final LayerNorm;
  ///   with d_ff = 4h this is eq. 2's 12·L·h² + 13·L·h + (V + s)·h, plus 2h;
  /// - Llama: per layer h·(h + 2·g·h/a) + h² (Q, K, V with g key-value heads, output; no biases) + 3·h·d_ff
  ///   (SwiGLU) + 2h (RMSNorms), plus V·h twice (untied) or once, and h for the final RMSNorm.
  public var shapeParameters: Double {
    let (l, h, v) = (Double(layers), Double(hiddenSize), Double(vocabulary))
    let ff = Double(feedForwardSize)
    switch style {
    case .gpt:
      let perLayer = 4 * h * h + 4 * h + 2 * h * ff + ff + h + 4 * h
      return l * perLayer + (v + Double(sequenceLength)) * h + 2 * h
    case .llama:
      let keyValueWidth = 2 * h * Double(keyValueHeads) / Double(heads)
      let perLayer = h * (h + keyValueWidth) + h * h + 3 * h * ff + 2 * h
      return l * perLayer + v * h * (tiedEmbeddings ? 1 : 2) + h
    }
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

  /// A plausible GPT for `parameters` weights whose shape, embeddings included, has that many parameters:
  /// among widths h that are multiples of 128 (heads of 128) and depths L with Ψ(L, h) = 12·L·h² + 13·L·h +
  /// (V + s)·h nearest Ψ, the one whose aspect ratio h/L is nearest 128 (GPT-3 175B's, Brown et al. 2020,
  /// Table 2.1) among those within 1.5% of Ψ whose heads are a multiple of 8 (so that t = 2, 4, 8 divide them),
  /// else among those within 1%, else the nearest. The parameter count is kept exactly as given
  /// (model states are counted from it); the shape's own count is ``shapeParameters``.
  public static func estimated(parameters: Double, sequenceLength: Int) -> TransformerArchitecture {
    precondition(parameters > 0, "parameters must be positive")
    let v = Double(assumedVocabulary), s = Double(sequenceLength)
    var candidates: [(hidden: Int, layers: Int, error: Double)] = []
    let widest = max(assumedHeadWidth, Int(cbrt(parameters * ModelShape.assumedAspectRatio / 12) * 4))
    for hidden in stride(from: assumedHeadWidth, through: widest, by: assumedHeadWidth) {
      let h = Double(hidden)
      let layers = max(1, Int(((parameters - (v + s) * h) / (12 * h * h + 13 * h)).rounded()))
      let count = gptParameters(layers: layers, hiddenSize: hidden, vocabulary: assumedVocabulary, sequenceLength: sequenceLength)
      candidates.append((hidden, layers, abs(count / parameters - 1)))
    }
    func aspectDistance(_ c: (hidden: Int, layers: Int, error: Double)) -> Double {
      abs(log(Double(c.hidden) / Double(c.layers) / ModelShape.assumedAspectRatio))
    }
    // Heads in multiples of 8 let tensor parallelism use 2, 4 or 8 GPUs of a node.
    let close = candidates.filter { $0.error < 0.015 && ($0.hidden / assumedHeadWidth) % 8 == 0 }
    let chosen = close.min { aspectDistance($0) < aspectDistance($1) }
      ?? candidates.filter { $0.error < 0.01 }.min { aspectDistance($0) < aspectDistance($1) }
      ?? candidates.min { $0.error < $1.error }!
    return TransformerArchitecture(
      id: "custom", layers: chosen.layers, hiddenSize: chosen.hidden, heads: chosen.hidden / assumedHeadWidth,
      vocabulary: assumedVocabulary, sequenceLength: sequenceLength, parameters: parameters,
      source: "shape estimated from N with the embeddings counted (h a multiple of 128 near 128·L, heads of 128, V = 51,200)")
  }

  /// The architectures `--preset` names.
  public static let presets: [TransformerArchitecture] = [
    // Brown et al. 2020, Table 2.1: 96 layers, d_model 12288, 96 heads, n_ctx 2048; vocabulary 51,200
    // and Ψ from eq. 2 (174.6B) as Narayanan et al. 2021 train it.
    TransformerArchitecture(
      id: "gpt-3", layers: 96, hiddenSize: 12288, heads: 96, vocabulary: 51_200, sequenceLength: 2048,
      source: "Brown et al. 2020, Table 2.1; V = 51,200 as in Narayanan et al. 2021"),
    // Touvron et al. 2023 (Llama 2), Table 1 and the released config: 32 layers, 4096, 32 heads, FFN 11,008,
    // vocabulary 32,000, 4k context, 6.74B parameters, untied output layer.
    TransformerArchitecture(
      id: "llama-2-7b", layers: 32, hiddenSize: 4096, heads: 32, vocabulary: 32_000, sequenceLength: 4096,
      parameters: 6.74e9, tiedEmbeddings: false, source: "Touvron et al. 2023 (Llama 2); meta-llama/Llama-2-7b config.json",
      style: .llama, feedForwardSize: 11_008),
    // Llama 2 70B: 80 layers, 8192, 64 heads (8 key-value heads), FFN 28,672, 32,000, 4k context, 68.98B parameters.
    TransformerArchitecture(
      id: "llama-2-70b", layers: 80, hiddenSize: 8192, heads: 64, vocabulary: 32_000, sequenceLength: 4096,
      parameters: 68.98e9, tiedEmbeddings: false, source: "Touvron et al. 2023 (Llama 2); meta-llama/Llama-2-70b config.json",
      style: .llama, keyValueHeads: 8, feedForwardSize: 28_672),
    // Dubey et al. 2024 (Llama 3), Table 3: 126 layers, 16384, 128 heads (8 key-value heads), FFN 53,248,
    // vocabulary 128,256, RoPE θ = 500,000, 8k context, 405B.
    TransformerArchitecture(
      id: "llama-3.1-405b", layers: 126, hiddenSize: 16384, heads: 128, vocabulary: 128_256, sequenceLength: 8192,
      parameters: 405e9, tiedEmbeddings: false, source: "Dubey et al. 2024, The Llama 3 Herd of Models, Table 3",
      style: .llama, keyValueHeads: 8, feedForwardSize: 53_248, rotaryBase: 500_000),
  ]

  /// The preset called `id` (case-insensitive), or nil.
  public static func preset(named id: String) -> TransformerArchitecture? {
    presets.first { $0.id == id.lowercased() }
  }
}

/// How a transformer block is built, as far as its launch settings and parameter count are concerned.
public enum ArchitectureStyle: String, Sendable, Equatable {
  /// GPT-2/3: LayerNorm, learned absolute positions, GeLU MLP, biases, tied output layer.
  case gpt
  /// Llama: RMSNorm, rotary positions, SwiGLU MLP, no biases, grouped-query attention, untied output layer.
  case llama
}
