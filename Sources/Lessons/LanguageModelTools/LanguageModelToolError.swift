/// Why a text could not be evaluated or generated from, naming the file or value and the fix.
public enum LanguageModelToolError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The text file to evaluate does not exist.
  case textFileMissing(path: String)
  /// The text file exists but cannot be read as UTF-8 text.
  case textFileUnreadable(path: String, reason: String)
  /// The text has fewer tokens than one full window needs (`blockSize + 1`).
  case textTooShort(tokenCount: Int, needed: Int, blockSize: Int)
  /// No character of the prompt is in the model's vocabulary, so there is no context to continue.
  case promptHasNoKnownCharacters(prompt: String)
  /// The sampling temperature is negative, infinite or NaN.
  case invalidTemperature(Double)
  /// The number of tokens to generate is negative.
  case invalidTokenCount(Int)

  public var description: String {
    switch self {
    case let .textFileMissing(path):
      return "The text file \(path) does not exist; check the path."
    case let .textFileUnreadable(path, reason):
      return "The text file \(path) cannot be read as UTF-8 text: \(reason)."
    case let .textTooShort(tokenCount, needed, blockSize):
      return
        "The text has \(tokenCount) characters but evaluation needs at least \(needed) (one full window of block size \(blockSize) plus its next character); use a longer text."
    case let .promptHasNoKnownCharacters(prompt):
      return "No character of the prompt \"\(prompt)\" is in the model's vocabulary, so there is nothing to continue; use characters the model was trained on."
    case let .invalidTemperature(value):
      return "The temperature must be 0 (greedy) or a positive finite number, got \(value)."
    case let .invalidTokenCount(value):
      return "The number of tokens to generate must be 0 or more, got \(value)."
    }
  }
}
