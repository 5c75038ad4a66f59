import Foundation
import WorkbenchFiles

/// A request to generate with probabilities (`POST /api/generate`): which model, the prompt, the
/// temperature, top-k, how many tokens and the seed. It runs as a child
/// `workbench generate … --probabilities N`: the one sampler in a process of its own, so that a large
/// model's memory and a long generation never weigh on the lab, which stays idle between requests,
/// and the command's own checks refuse bad values with its own sentences.
public struct GenerationRequest: Sendable, Equatable {
  /// The model's id (``CheckpointShelf/Choice/id``).
  public let checkpoint: String
  public let prompt: String
  public let temperature: Double
  /// nil: every token may be drawn.
  public let topK: Int?
  public let tokens: Int
  public let seed: UInt64

  /// The request fields.
  public static let fields = ["checkpoint", "prompt", "temperature", "top_k", "tokens", "seed"]
  /// Most tokens one request writes.
  public static let tokenLimit = 200
  /// Longest prompt, in characters.
  public static let promptLimit = 2000
  /// How many of the most likely tokens each step shows.
  public static let shown = 10
  /// Longest a generation may take, in seconds, before its process is ended.
  public static let timeLimit = 300.0

  /// Reads `{"checkpoint": "model:1", "prompt": "Once", "temperature": 0.8, "top_k": 20, "tokens": 40, "seed": 1}`
  /// (`top_k` null or absent for all tokens; `temperature` 0.8, `tokens` 40 and `seed` 1 by default).
  /// - Throws: ``LabError/badRequest(_:)`` naming the first field that is missing, unknown, of the
  ///   wrong kind or beyond the lab's limits.
  public static func parse(_ body: JSONValue) throws(LabError) -> GenerationRequest {
    try RequestFields.check(body, fields: fields)
    guard let checkpointValue = body["checkpoint"] else { throw .badRequest("Choose the model in the field 'checkpoint'.") }
    guard let checkpoint = checkpointValue.stringValue else {
      throw .badRequest("'checkpoint' must be a string, got \(checkpointValue.literalDescription).")
    }
    guard let promptValue = body["prompt"] else { throw .badRequest("Give the text to continue in the field 'prompt'.") }
    guard let prompt = promptValue.stringValue else { throw .badRequest("'prompt' must be a string, got \(promptValue.literalDescription).") }
    // (An empty value would reach `generate` as a missing one.)
    guard !prompt.isEmpty else { throw .badRequest("Write a prompt: the model needs at least one character to continue.") }
    guard prompt.count <= promptLimit else {
      throw .badRequest("The prompt has \(prompt.count) characters; the lab takes at most \(promptLimit).")
    }
    var temperature = 0.8
    if let value = body["temperature"] {
      guard let number = value.doubleValue else { throw .badRequest("'temperature' must be a number, got \(value.literalDescription).") }
      temperature = number
    }
    var topK: Int?
    if let value = body["top_k"], value != .null {
      guard let number = value.nonNegativeInteger else {
        throw .badRequest("'top_k' must be a whole number or null (all tokens), got \(value.literalDescription).")
      }
      topK = number
    }
    var tokens = 40
    if let value = body["tokens"] {
      guard let number = value.nonNegativeInteger else { throw .badRequest("'tokens' must be a whole number, got \(value.literalDescription).") }
      guard (1...tokenLimit).contains(number) else {
        throw .badRequest("'tokens' must be between 1 and \(tokenLimit) in the lab, got \(number).")
      }
      tokens = number
    }
    var seed: UInt64 = 1
    if let value = body["seed"] {
      guard let number = value.nonNegativeInteger else {
        throw .badRequest("'seed' must be a non-negative whole number, got \(value.literalDescription).")
      }
      seed = UInt64(number)
    }
    return GenerationRequest(checkpoint: checkpoint, prompt: prompt, temperature: temperature, topK: topK, tokens: tokens, seed: seed)
  }

  /// The arguments of the child `workbench generate` reading the model at `path` (each value joined
  /// to its option with `=`, so that a prompt starting with `-` stays a prompt).
  public func arguments(path: URL) -> [String] {
    ["generate", "--checkpoint=\(path.path)", "--prompt=\(prompt)", "--tokens=\(tokens)", "--temperature=\(temperature)"]
      + (topK.map { ["--top-k=\($0)"] } ?? []) + ["--seed=\(seed)", "--probabilities=\(Self.shown)"]
  }

  /// The answer built from the child's lines: `{"checkpoint": …, "prompt": …, "continuation": …,
  /// "steps": [{"index": 1, "id": …, "token": …, "probability": …, "top": [{"id", "token", "probability"}, …]}, …]}`.
  /// - Throws: ``LabError/internalFailure(_:)`` when the lines are not `generate --probabilities`'s.
  public func answer(lines: [String]) throws(LabError) -> JSONValue {
    var steps: [JSONValue] = []
    var text: JSONValue?
    for line in lines where !line.isEmpty {
      guard let value = try? JSONParser.parse(Array(line.utf8)) else {
        throw .internalFailure("`workbench generate --probabilities` printed a line that is not JSON: \(line.prefix(80))")
      }
      switch value["event"]?.stringValue {
      case "token":
        guard case .object(let members) = value else { continue }
        steps.append(.object(members.filter { $0.key != "event" }))
      case "text": text = value
      default: continue
      }
    }
    guard let text, let continuation = text["continuation"] else {
      throw .internalFailure("`workbench generate --probabilities` ended without its text line.")
    }
    return .object([
      ("checkpoint", .string(checkpoint)), ("prompt", .string(prompt)), ("continuation", continuation), ("steps", .array(steps)),
    ])
  }
}

/// At most one generation at a time (each is a process using the machine's cores).
actor GenerationGate {
  private var busy = false

  /// Runs `work` unless a generation is in progress (``LabError/generating``).
  func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
    guard !busy else { throw LabError.generating }
    busy = true
    defer { busy = false }
    return try await work()
  }
}
