/// A model configuration that cannot describe a working model, naming the field and the fix.
public enum ModelConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A size that must be at least 1 is zero or negative.
  case notPositive(field: String, value: Int)
  /// The embedding width does not split evenly across the attention heads.
  case widthNotDivisibleByHeads(width: Int, heads: Int)
  /// A size, or the parameter count, is larger than the workbench accepts (`GPTConfig.limits`).
  case exceedsLimit(field: String, value: Int, limit: Int)
  /// The key/value head count does not divide the query head count (grouped-query attention).
  case headsNotDivisibleByKeyValueHeads(heads: Int, keyValueHeads: Int)

  public var description: String {
    switch self {
    case let .notPositive(field, value):
      return "The model setting \(field) is \(value) but must be at least 1."
    case let .widthNotDivisibleByHeads(width, heads):
      return
        "The embedding width n_embd = \(width) must be divisible by the head count n_head = \(heads); choose a width that is a multiple of the head count."
    case let .exceedsLimit(field, value, limit):
      return "The model setting \(field) is \(value) but the workbench accepts at most \(limit); use a smaller model."
    case let .headsNotDivisibleByKeyValueHeads(heads, keyValueHeads):
      return
        "The attention head count \(heads) must be divisible by the key/value head count \(keyValueHeads)."
    }
  }
}
