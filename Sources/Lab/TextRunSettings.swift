import Foundation
import WorkbenchFiles

/// What a learner asked the lab to train on an uploaded text: the text, the model size preset, the
/// number of steps, the tokenizer and the seed. The lab checks only the JSON (kinds of values, and
/// words that cannot be taken for options); the values themselves are checked by `workbench train`,
/// whose refusal the learner sees (``RunBoard/start(_:)`` waits for it).
public struct TextRunSettings: Sendable, Equatable {
  /// The uploaded text's number, file name and path.
  public let text: Int
  public let name: String
  public let file: String
  /// `--size`: tiny, small or medium.
  public let size: String
  /// `--steps`.
  public let steps: Int
  /// `--tokenizer`: char or bpe:N.
  public let tokenizer: String
  /// `--seed`.
  public let seed: UInt64

  /// The request fields and their defaults (`workbench train`'s own, but the size: tiny trains in seconds).
  public static let fields = ["text", "size", "steps", "tokenizer", "seed"]

  /// Reads `{"text": 1, "size": "tiny", "steps": 200, "tokenizer": "char", "seed": 1}` (all but
  /// `text` optional); `texts` finds the uploaded text.
  /// - Throws: ``LabError/badRequest(_:)`` naming the first field that is missing, unknown or of the wrong kind.
  public static func parse(_ body: JSONValue, texts: (Int) async -> TextShelf.Text?) async throws(LabError) -> TextRunSettings {
    try RequestFields.check(body, fields: fields)
    guard let textValue = body["text"] else { throw .badRequest("Name the uploaded text in the field 'text' (its number).") }
    guard let number = textValue.nonNegativeInteger else {
      throw .badRequest("'text' must be the number of an uploaded text, got \(textValue.literalDescription).")
    }
    guard let text = await texts(number) else { throw .badRequest("There is no uploaded text \(number); upload one first.") }
    func word(_ field: String, default value: String) throws(LabError) -> String {
      guard let given = body[field] else { return value }
      guard let word = given.stringValue else { throw .badRequest("'\(field)' must be a string, got \(given.literalDescription).") }
      let allowed = word.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: ":")
      }
      guard allowed, !word.isEmpty, word.count <= 20 else {
        throw .badRequest("'\(field)' must be a word of lower-case letters, digits and ':' such as \(value), got \(given.literalDescription).")
      }
      return word
    }
    func whole(_ field: String, default value: Int) throws(LabError) -> Int {
      guard let given = body[field] else { return value }
      guard let number = given.nonNegativeInteger else {
        throw .badRequest("'\(field)' must be a whole number, got \(given.literalDescription).")
      }
      return number
    }
    return TextRunSettings(
      text: number, name: text.name, file: text.file.path, size: try word("size", default: "tiny"), steps: try whole("steps", default: 200),
      tokenizer: try word("tokenizer", default: "char"), seed: UInt64(try whole("seed", default: 1)))
  }

  /// Settings read back from a run's `settings.json` (nil when it is not a text run's).
  public static func saved(_ value: JSONValue) -> TextRunSettings? {
    guard value["kind"]?.stringValue == "text", let text = value["text"]?.nonNegativeInteger, let name = value["name"]?.stringValue,
      let file = value["file"]?.stringValue, let size = value["size"]?.stringValue, let steps = value["steps"]?.nonNegativeInteger,
      let tokenizer = value["tokenizer"]?.stringValue, let seed = value["seed"]?.nonNegativeInteger
    else { return nil }
    return TextRunSettings(text: text, name: name, file: file, size: size, steps: steps, tokenizer: tokenizer, seed: UInt64(seed))
  }

  /// Steps between held-out evaluations (and saves): a tenth of the run, between 1 and 50.
  public var evaluationInterval: Int { min(50, max(1, steps / 10)) }
  /// Steps between samples: a fifth of the run, between 1 and 200.
  public var sampleInterval: Int { min(200, max(1, steps / 5)) }

  /// The arguments of the child `workbench train` that trains into `output`.
  public func trainArguments(output: String) -> [String] {
    [
      "train", "--text", file, "--output", output, "--size=\(size)", "--steps=\(steps)", "--tokenizer=\(tokenizer)", "--seed=\(seed)",
      "--eval-every=\(evaluationInterval)", "--sample-every=\(sampleInterval)", "--events",
    ]
  }

  /// The settings as JSON (`settings.json` of a lab run).
  public var json: JSONValue {
    .object([
      ("kind", .string("text")), ("text", .number("\(text)")), ("name", .string(name)), ("file", .string(file)), ("size", .string(size)),
      ("steps", .number("\(steps)")), ("tokenizer", .string(tokenizer)), ("seed", .number("\(seed)")),
    ])
  }
}
