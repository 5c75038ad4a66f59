import Foundation
import WorkbenchFiles

/// The user's text files for `train` and `finetune`: read, checked to be plain UTF-8 text, and
/// joined in the order given (a newline is put between files that do not end with one).
public struct TrainingText: Sendable {
  /// One file read, with a fingerprint so that `--resume` can check it did not change.
  public struct Source: Codable, Equatable, Sendable {
    /// The path as the user gave it.
    public var path: String
    /// Size in bytes.
    public var byteCount: Int
    /// 64-bit FNV-1a hash of the bytes, in hexadecimal.
    public var fingerprint: String
  }

  /// The joined text.
  public let text: String
  /// The files, in order.
  public let sources: [Source]

  /// Reads `paths` (at least one), each through ``TextFile``.
  /// - Throws: ``TextFileError`` for the first file that is missing or not plain UTF-8 text.
  public static func read(_ paths: [String]) throws -> TrainingText {
    var text = ""
    var sources: [Source] = []
    for path in paths {
      let file = try TextFile.read(path)
      if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
      text += file.text
      sources.append(Source(path: path, byteCount: file.data.count, fingerprint: fingerprint(file.data)))
    }
    return TrainingText(text: text, sources: sources)
  }

  /// Checks that every file of `sources` still has the bytes it had, and returns the text read again.
  /// - Throws: `TrainingError.textChanged` naming the first file that differs.
  public static func reread(_ sources: [Source]) throws -> TrainingText {
    let again = try read(sources.map(\.path))
    for (old, new) in zip(sources, again.sources) where old != new { throw TrainingError.textChanged(path: old.path) }
    return again
  }

  /// 64-bit FNV-1a of `data` as 16 hexadecimal digits.
  static func fingerprint(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// A token stream split into a training part (the first 1 − f of the tokens) and a validation part
/// (the last f), the split `train` and `finetune` use.
public struct TokenSplit: Sendable, Equatable {
  /// Token ids trained on.
  public let training: [Int]
  /// Token ids held out, scored for the validation loss.
  public let validation: [Int]

  /// Splits `tokens` at ⌊(1 − `validationFraction`)·N⌋; both parts must hold one window of `context`
  /// tokens plus its next token.
  /// - Throws: `TrainingError.textTooShort` naming the part that is too short.
  public init(tokens: [Int], validationFraction: Double, context: Int) throws {
    let cut = Int((Double(tokens.count) * (1 - validationFraction)).rounded(.down))
    training = Array(tokens[..<cut])
    validation = Array(tokens[cut...])
    let needed = context + 1
    if tokens.count < needed + needed {
      throw TrainingError.textTooShort(part: "text", tokenCount: tokens.count, needed: 2 * needed, context: context)
    }
    if training.count < needed + 1 {
      throw TrainingError.textTooShort(part: "training part of the text", tokenCount: training.count, needed: needed + 1, context: context)
    }
    if validation.count < needed {
      throw TrainingError.textTooShort(part: "validation part of the text", tokenCount: validation.count, needed: needed, context: context)
    }
  }

  /// `training` trained on and `validation` (a separate text, named `validationName` in errors) held out;
  /// the training part must hold one window of `context` tokens plus two, the validation part one window plus one.
  /// - Throws: `TrainingError.textTooShort` naming the part that is too short.
  public init(training: [Int], validation: [Int], validationName: String, context: Int) throws {
    self.training = training
    self.validation = validation
    let needed = context + 1
    if training.count < needed + 1 {
      throw TrainingError.textTooShort(part: "text", tokenCount: training.count, needed: needed + 1, context: context)
    }
    if validation.count < needed {
      throw TrainingError.textTooShort(part: validationName, tokenCount: validation.count, needed: needed, context: context)
    }
  }

  /// Cross-entropy in nats per token of the validation tokens (all but the first, the positions a
  /// model predicts) under the training part's token frequencies with add-one smoothing over
  /// `vocabularySize` tokens: the loss of a model that ignores context, the baseline training must beat.
  public func unigramBaseline(vocabularySize: Int) -> Double {
    var counts = [Int](repeating: 0, count: vocabularySize)
    for token in training { counts[token] += 1 }
    let total = Double(training.count + vocabularySize)
    var sum = 0.0
    for token in validation.dropFirst() { sum -= Foundation.log(Double(counts[token] + 1) / total) }
    return sum / Double(validation.count - 1)
  }
}
