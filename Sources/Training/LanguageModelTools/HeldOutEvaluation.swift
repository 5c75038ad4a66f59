import Autograd
import Foundation
import NeuralNet

/// The mean next-token cross-entropy of a language model on held-out text, measured the same way
/// by the lessons and by `workbench evaluate` so that the two agree.
///
/// How the windows are formed (block size T, token ids t₀ … t_{N−1}): the text is cut into
/// W = ⌊(N − 1) / T⌋ non-overlapping windows with stride T; window w feeds the inputs
/// t[wT ..< wT + T] and predicts the targets t[wT + 1 ..< wT + T + 1]. Each window starts with an
/// empty context (no state carries over), every one of its T positions is scored, and the trailing
/// N − 1 − W·T tokens that do not fill a window are not scored. The result is the mean of
/// −ln p(target) over all W·T predictions, in nats per token. In PyTorch:
///
///     n = (len(ids) - 1) // T
///     x = ids[: n * T].view(n, T); y = ids[1 : n * T + 1].view(n, T)
///     loss = F.cross_entropy(model(x).view(-1, V), y.view(-1))
public enum HeldOutEvaluation {
  /// Windows scored per forward pass (changes only the speed, not the result beyond float rounding).
  public static let windowsPerBatch = 16

  /// One evaluation's outcome.
  public struct Result: Sendable, Equatable, Codable {
    /// Mean cross-entropy in nats per predicted token.
    public var meanCrossEntropy: Double
    /// Number of predicted (scored) tokens, W·T.
    public var predictedTokens: Int
    /// Number of windows W.
    public var windowCount: Int
    /// Tokens per window T (the model's block size).
    public var blockSize: Int

    /// The same loss in bits per token (characters for a character-level model).
    public var bitsPerToken: Double { meanCrossEntropy / Foundation.log(2) }
    /// e^loss: the number of equally likely choices the model is as unsure as.
    public var perplexity: Double { Foundation.exp(meanCrossEntropy) }
  }

  /// Evaluates `model` on `tokens`, scoring at most `maxWindows` windows from the start
  /// (all of them when nil).
  /// - Throws: `LanguageModelToolError.textTooShort` when not even one window fits.
  public static func evaluate(_ model: GPT<Float>, tokens: [Int], maxWindows: Int? = nil) throws -> Result {
    let length = model.config.blockSize
    let available = tokens.count >= 1 ? (tokens.count - 1) / length : 0
    guard available >= 1 else {
      throw LanguageModelToolError.textTooShort(tokenCount: tokens.count, needed: length + 1, blockSize: length)
    }
    let windowCount = min(available, maxWindows ?? available)
    let vocabulary = model.config.vocabSize
    var total = 0.0
    try GradientMode.withoutRecording {
      var first = 0
      while first < windowCount {
        let batch = min(windowsPerBatch, windowCount - first)
        let start = first * length
        let inputs = Array(tokens[start..<(start + batch * length)])
        let targets = Array(tokens[(start + 1)..<(start + batch * length + 1)])
        let logits = try model(inputs, batch: batch, length: length)
        total += logits.scalars.withUnsafeBufferPointer { values in
          var sum = 0.0
          for (row, target) in targets.enumerated() {
            sum += negativeLogProbability(values, row: row, width: vocabulary, target: target)
          }
          return sum
        }
        first += batch
      }
    }
    let predicted = windowCount * length
    return Result(meanCrossEntropy: total / Double(predicted), predictedTokens: predicted, windowCount: windowCount, blockSize: length)
  }

  /// Bits per byte of `result`, measured on `tokens` with `tokenizer`: the loss of its W·T
  /// predicted tokens (targets t₁ … t_{W·T}) over the UTF-8 bytes they stand for,
  /// nats per token × tokens ÷ (bytes × ln 2). Unlike nats per token it does not depend on the
  /// tokenizer, so a character model and a BPE model on the same text compare.
  public static func bitsPerByte(_ result: Result, tokens: [Int], tokenizer: any Tokenizer) throws -> Double {
    let bytes = try tokenizer.byteCount(of: Array(tokens[1..<(result.predictedTokens + 1)]))
    return result.meanCrossEntropy * Double(result.predictedTokens) / (Double(bytes) * Foundation.log(2))
  }

  /// Evaluates `model` on `text` encoded by `tokenizer`.
  /// - Throws: `LanguageModelToolError.unknownCharacters` (naming `source`, e.g. "the text file a.txt")
  ///   listing every character outside the vocabulary; `.textTooShort` when no window fits.
  public static func evaluate(
    _ model: GPT<Float>, tokenizer: any Tokenizer, text: String, source: String = "the text"
  ) throws -> Result {
    try evaluate(model, tokens: TextEncoding.ids(of: text, tokenizer: tokenizer, source: source))
  }

  /// −ln softmax(row)[target] in Double, stable (log-sum-exp about the row maximum).
  static func negativeLogProbability(_ logits: UnsafeBufferPointer<Float>, row: Int, width: Int, target: Int) -> Double {
    let base = row * width
    var peak = -Double.infinity
    for j in base..<(base + width) { peak = max(peak, Double(logits[j])) }
    var total = 0.0
    for j in base..<(base + width) { total += Foundation.exp(Double(logits[j]) - peak) }
    return peak + Foundation.log(total) - Double(logits[base + target])
  }
}
