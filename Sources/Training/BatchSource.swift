/// Where a training loop's batches come from.
public protocol BatchSource<Batch> {
  associatedtype Batch
  /// The batch of the step with 0-based index `step`.
  mutating func next(step: Int) throws -> Batch
  /// Tokens in `batch` (0 when the model does not read tokens), for tokens per second.
  func tokenCount(of batch: Batch) -> Int
}

extension BatchSource {
  public func tokenCount(of batch: Batch) -> Int { 0 }
}

/// The same batch at every step (full-batch training, and the benchmark's fixed batch).
public struct RepeatedBatch<Batch>: BatchSource {
  public let batch: Batch
  /// Tokens in the batch.
  public let tokens: Int

  public init(_ batch: Batch, tokens: Int = 0) {
    self.batch = batch
    self.tokens = tokens
  }

  public func next(step: Int) -> Batch { batch }
  public func tokenCount(of batch: Batch) -> Int { tokens }
}
