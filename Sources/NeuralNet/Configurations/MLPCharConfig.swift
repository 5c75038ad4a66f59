/// The sizes of Bengio-style (2003) character MLP language model: embed each of `blockSize` previous
/// tokens in `embeddingWidth` dimensions, concatenate, one `tanh` hidden layer of `hiddenWidth`
/// units, and a linear layer to vocabulary logits that predicts the next token.
///
/// Shapes: tokens `[batch, blockSize]` → embeddings `[batch, blockSize·embeddingWidth]`
/// → hidden `[batch, hiddenWidth]` → logits `[batch, vocabSize]`.
public struct MLPCharConfig: Equatable, Hashable, Codable, Sendable {
  /// Number of distinct tokens.
  public var vocabSize: Int
  /// Number of previous tokens the model sees.
  public var blockSize: Int
  /// Width of each token embedding.
  public var embeddingWidth: Int
  /// Number of hidden units.
  public var hiddenWidth: Int

  private enum CodingKeys: String, CodingKey {
    case vocabSize = "vocab_size"
    case blockSize = "block_size"
    case embeddingWidth = "n_embd"
    case hiddenWidth = "hidden"
  }

  /// A configuration with the given sizes.
  public init(vocabSize: Int, blockSize: Int, embeddingWidth: Int, hiddenWidth: Int) {
    self.vocabSize = vocabSize
    self.blockSize = blockSize
    self.embeddingWidth = embeddingWidth
    self.hiddenWidth = hiddenWidth
  }

  /// Throws `ModelConfigurationError.notPositive` if a size is below 1.
  public func validate() throws {
    for (field, value) in [
      ("vocab_size", vocabSize), ("block_size", blockSize), ("n_embd", embeddingWidth), ("hidden", hiddenWidth),
    ] where value < 1 {
      throw ModelConfigurationError.notPositive(field: field, value: value)
    }
  }

  /// Every parameter tensor, named as in the PyTorch reference (`wte`, `fc`, `out`); linear weights
  /// are `[outputs, inputs]`.
  public var parameterBreakdown: ParameterBreakdown {
    let inputWidth = blockSize * embeddingWidth
    return ParameterBreakdown(tensors: [
      ParameterTensor(name: "wte.weight", shape: [vocabSize, embeddingWidth], role: .embedding),
      ParameterTensor(name: "fc.weight", shape: [hiddenWidth, inputWidth], role: .feedForward),
      ParameterTensor(name: "fc.bias", shape: [hiddenWidth], role: .feedForward),
      ParameterTensor(name: "out.weight", shape: [vocabSize, hiddenWidth], role: .outputHead),
      ParameterTensor(name: "out.bias", shape: [vocabSize], role: .outputHead),
    ])
  }

  /// Total number of trainable scalars.
  public var parameterCount: Int { parameterBreakdown.total }
}
