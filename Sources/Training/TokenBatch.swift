/// A language model's batch: `rows` sequences of `length` input token ids and, for each, the
/// token that follows (the targets), row after row (`[rows·length]` each).
public struct TokenBatch: Sendable, Equatable {
  public var inputs: [Int]
  public var targets: [Int]
  public let rows: Int
  public let length: Int

  public init(inputs: [Int], targets: [Int], rows: Int, length: Int) {
    precondition(inputs.count == rows * length && targets.count == inputs.count, "a batch holds rows × length tokens")
    self.inputs = inputs
    self.targets = targets
    self.rows = rows
    self.length = length
  }

  /// The rows `range` of the batch (a data-parallel shard).
  public func rows(_ range: Range<Int>) -> TokenBatch {
    let positions = (range.lowerBound * length)..<(range.upperBound * length)
    return TokenBatch(inputs: Array(inputs[positions]), targets: Array(targets[positions]), rows: range.count, length: length)
  }
}
