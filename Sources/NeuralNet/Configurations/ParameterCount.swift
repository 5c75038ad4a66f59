/// What part of a network a parameter tensor belongs to, for grouping counts in tables and charts.
public enum ParameterRole: String, CaseIterable, Codable, Sendable {
  /// Token and position embedding tables.
  case embedding
  /// Attention projections (query, key, value and output).
  case attention
  /// Feed-forward (MLP) projections.
  case feedForward = "feed-forward"
  /// LayerNorm / RMSNorm gains and biases.
  case normalization
  /// An untied output projection from the hidden state to vocabulary logits.
  case outputHead = "output-head"
}

/// One parameter tensor of a model: its checkpoint name, its shape and how many scalars it holds.
public struct ParameterTensor: Equatable, Codable, Sendable {
  /// The name used in checkpoints, PyTorch style (e.g. `"h.0.attn.c_attn.weight"`).
  public var name: String
  /// The tensor's shape; linear weights are `[outputs, inputs]` as in `torch.nn.Linear`.
  public var shape: [Int]
  /// What part of the network the tensor belongs to.
  public var role: ParameterRole

  /// A parameter tensor named `name` of `shape`.
  public init(name: String, shape: [Int], role: ParameterRole) {
    self.name = name
    self.shape = shape
    self.role = role
  }

  /// Number of scalars: the product of `shape`.
  public var count: Int { shape.reduce(1, *) }
}

/// Every parameter tensor of a model in checkpoint order, with totals.
///
/// Tied weights (a language-model head that reuses the token embedding) appear once, as in PyTorch's
/// `sum(p.numel() for p in model.parameters())`.
public struct ParameterBreakdown: Equatable, Sendable {
  /// The parameter tensors, in the order the model creates them.
  public var tensors: [ParameterTensor]

  /// A breakdown listing `tensors`.
  public init(tensors: [ParameterTensor]) { self.tensors = tensors }

  /// Total number of trainable scalars.
  public var total: Int { tensors.reduce(0) { $0 + $1.count } }

  /// Number of scalars in tensors of `role`.
  public func count(of role: ParameterRole) -> Int {
    tensors.filter { $0.role == role }.reduce(0) { $0 + $1.count }
  }

  /// Total minus the embedding tables: the `N` of Kaplan et al. (2020) scaling laws.
  public var nonEmbeddingTotal: Int { total - count(of: .embedding) }
}
