import Autograd

/// Batches of `rows` windows of `length + 1` consecutive tokens of a token stream, each starting at
/// a position drawn uniformly by `generator` (Lemire's multiply-high mapping of one `next()`, as the
/// corpus generators draw: a fixed algorithm, so a seed always gives the same windows): inputs are a window's first `length`
/// tokens, targets its last `length`.
public struct RandomWindows: BatchSource {
  public let tokens: [Int]
  public let rows: Int
  public let length: Int
  /// The generator of the window starts; its state after a step is where the next one continues.
  public private(set) var generator: SplitMix64

  public init(tokens: [Int], rows: Int, length: Int, generator: SplitMix64) {
    precondition(tokens.count > length + 1, "the training text must be longer than one window")
    self.tokens = tokens
    self.rows = rows
    self.length = length
    self.generator = generator
  }

  public mutating func next(step: Int) -> TokenBatch {
    var inputs: [Int] = [], targets: [Int] = []
    inputs.reserveCapacity(rows * length)
    targets.reserveCapacity(rows * length)
    for _ in 0..<rows {
      let start = Int(UInt64(tokens.count - length).multipliedFullWidth(by: generator.next()).high)
      inputs += tokens[start..<(start + length)]
      targets += tokens[(start + 1)...(start + length)]
    }
    return TokenBatch(inputs: inputs, targets: targets, rows: rows, length: length)
  }

  public func tokenCount(of batch: TokenBatch) -> Int { batch.inputs.count }
}
