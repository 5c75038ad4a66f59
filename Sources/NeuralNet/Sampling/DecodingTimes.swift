/// Where the time of one ``TokenSampler/sample(after:count:using:stop:observe:times:)`` call went:
/// the prompt's forward pass (prefill) and the one-position passes that follow (decoding), in
/// seconds of wall-clock time. Drawing the ids is counted with the pass that follows it.
public struct DecodingTimes: Sendable, Equatable {
  /// Context positions run in whole-window passes: the prompt, plus every window rebuilt after the
  /// text outgrew the block size (summed over the batch's rows).
  public var promptTokens = 0
  /// Seconds spent in those passes.
  public var promptSeconds = 0.0
  /// One-position passes run with the KV cache (each yields the next token of every row).
  public var steps = 0
  /// Seconds spent in those passes, sampling included.
  public var stepSeconds = 0.0

  public init() {}

  /// Prompt positions per second (0 before any).
  public var promptTokensPerSecond: Double { promptSeconds > 0 ? Double(promptTokens) / promptSeconds : 0 }
  /// Cached one-position passes per second (0 before any).
  public var stepsPerSecond: Double { stepSeconds > 0 ? Double(steps) / stepSeconds : 0 }
}
