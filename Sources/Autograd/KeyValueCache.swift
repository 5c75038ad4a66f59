/// The keys and values an attention layer has computed for the positions run so far, kept so that
/// each new position costs one position's work (a KV cache): keys and values are each
/// `[batch, heads, capacity, headWidth]`, of which positions `0..<length` are filled.
public struct KeyValueCache<Scalar: TensorScalar>: Sendable {
  /// Sequences decoded side by side.
  public let batch: Int
  /// Attention heads.
  public let heads: Int
  /// Width d of one head.
  public let headWidth: Int
  /// Positions the cache can hold (a model's block size).
  public let capacity: Int
  /// Positions filled so far.
  public internal(set) var length = 0
  /// Keys `[batch, heads, capacity, headWidth]`.
  var keys: [Scalar]
  /// Values `[batch, heads, capacity, headWidth]`.
  var values: [Scalar]

  /// An empty cache for `batch` sequences of up to `capacity` positions.
  public init(batch: Int, heads: Int, headWidth: Int, capacity: Int) {
    precondition(batch >= 1 && heads >= 1 && headWidth >= 1 && capacity >= 1, "a cache needs a positive shape")
    self.batch = batch
    self.heads = heads
    self.headWidth = headWidth
    self.capacity = capacity
    keys = [Scalar](repeating: 0, count: batch * heads * capacity * headWidth)
    values = keys
  }
}
