import Foundation
import PythonOracle
import Lab
import Testing

/// Generation with probabilities through the lab's routes, on a GPT-2 directory made by Hugging Face
/// `transformers` (given as `serve --model` would): every token's shown probabilities are those
/// `transformers` computes for the same context (softmax of the logits over the temperature, top-k
/// kept and renormalised; `next_token_probabilities.py`), to 1e-5. Bad input: unknown or path-like
/// models, wrong types, values `workbench generate` refuses (its own sentence), another site, and a
/// second generation while one runs (409).
@Suite("LabGenerateRoutes", .serialized)
struct LabGenerateRouteTests {
  /// `transformers`' distribution for each written token (see `next_token_probabilities.py`).
  static func transformers(prompt: String, temperature: Double, topK: Int?, written: [Int]) throws -> [[Double]] {
    let request = FileManager.default.temporaryDirectory.appendingPathComponent("probabilities-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: request) }
    let body: [String: Any] = ["prompt": prompt, "temperature": temperature, "top_k": topK.map { $0 as Any } ?? NSNull(), "written": written]
    try JSONSerialization.data(withJSONObject: body).write(to: request)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("next_token_probabilities.py").path
    let data = try PythonOracle.run([script, LabFixture.tinyGPT2.path, request.path])
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(json["steps"] as? [[Double]])
  }

  @Test(arguments: [(1.0, nil), (0.7, 5)] as [(Double, Int?)])
  func everyTokensProbabilitiesAreThoseTransformersComputes(temperature: Double, topK: Int?) async throws {
    let lab = try LabFixture()
    let models = try #require(try await lab.send("GET", "/api/checkpoints").json as? [[String: Any]])
    #expect(models.first?["id"] as? String == "model:1")
    #expect(models.first?["label"] as? String == "gpt2-tiny (Hugging Face GPT-2 directory given to workbench serve --model)")
    let prompt = "The model reads"
    let body: [String: Any] = [
      "checkpoint": "model:1", "prompt": prompt, "temperature": temperature, "top_k": topK.map { $0 as Any } ?? NSNull(), "tokens": 5, "seed": 4,
    ]
    let answer = try await lab.send("POST", "/api/generate", body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
    #expect(answer.status == 200, "\(answer.text)")
    let json = try #require(answer.json as? [String: Any])
    let steps = try #require(json["steps"] as? [[String: Any]])
    #expect(steps.count == 5)
    #expect(steps.map { $0["index"] as? Int } == [1, 2, 3, 4, 5])
    let written = steps.compactMap { $0["id"] as? Int }
    let expected = try Self.transformers(prompt: prompt, temperature: temperature, topK: topK, written: written)
    for (step, distribution) in zip(steps, expected) {
      let top = try #require(step["top"] as? [[String: Any]])
      #expect(top.count == min(topK ?? 10, 10))
      // The ten (or k) largest of transformers' distribution, in order, with their probabilities.
      let order = distribution.indices.sorted { (distribution[$0], $1) > (distribution[$1], $0) }.prefix(top.count)
      #expect(top.map { $0["id"] as? Int } == order.map { $0 })
      for entry in top {
        let id = try #require(entry["id"] as? Int), probability = try #require(entry["probability"] as? Double)
        #expect(abs(probability - distribution[id]) < 1e-5, "id \(id): \(probability) against \(distribution[id])")
      }
      let id = try #require(step["id"] as? Int)
      #expect(distribution[id] > 0, "the drawn token is one the distribution allows")
      #expect(abs((step["probability"] as? Double ?? -1) - distribution[id]) < 1e-5)
    }
    #expect(json["prompt"] as? String == prompt)
  }

  @Test func badGenerationRequestsAreRefused() async throws {
    let lab = try LabFixture()
    let refusals: [(body: String, sentence: String)] = [
      ("[]", "The request body must be a JSON object, got an array."),
      (#"{"prompt": "a"}"#, "Choose the model in the field 'checkpoint'."),
      (#"{"checkpoint": 1, "prompt": "a"}"#, "'checkpoint' must be a string, got 1."),
      (#"{"checkpoint": "model:9", "prompt": "a"}"#, "There is no model 'model:9'; choose one listed by /api/checkpoints."),
      (#"{"checkpoint": "../../../etc/passwd", "prompt": "a"}"#, "There is no model '../../../etc/passwd'"),
      (#"{"checkpoint": "model:1"}"#, "Give the text to continue in the field 'prompt'."),
      (#"{"checkpoint": "model:1", "prompt": 5}"#, "'prompt' must be a string, got 5."),
      (#"{"checkpoint": "model:1", "prompt": "a", "temperature": "hot"}"#, #"'temperature' must be a number, got "hot"."#),
      (#"{"checkpoint": "model:1", "prompt": "a", "tokens": 0}"#, "'tokens' must be between 1 and 200 in the lab, got 0."),
      (#"{"checkpoint": "model:1", "prompt": "a", "tokens": 2.5}"#, "'tokens' must be a whole number, got 2.5."),
      (#"{"checkpoint": "model:1", "prompt": "a", "top_k": "all"}"#, #"'top_k' must be a whole number or null (all tokens), got "all"."#),
      (#"{"checkpoint": "model:1", "prompt": "a", "colour": 1}"#, "Unknown field 'colour'"),
      // `workbench generate`'s own checks.
      (#"{"checkpoint": "model:1", "prompt": "a", "top_k": 0}"#, "--top-k must be 1 or more, got 0."),
      (#"{"checkpoint": "model:1", "prompt": "a", "temperature": -1}"#, "--temperature must be 0 or a positive finite number, got -1.0."),
      (#"{"checkpoint": "model:1", "prompt": ""}"#, "Write a prompt: the model needs at least one character to continue."),
    ]
    for (body, sentence) in refusals {
      let answer = try await lab.send("POST", "/api/generate", body: body)
      #expect(answer.status == 400, "\(body): \(answer.text)")
      #expect(answer.error?.contains(sentence) == true, "\(body): \(answer.error ?? answer.text)")
    }
    let foreign = try await lab.send("POST", "/api/generate", body: #"{"checkpoint": "model:1", "prompt": "a"}"#, headers: ["Origin": "http://evil.example"])
    #expect(foreign.status == 403)
    #expect(try await lab.send("GET", "/api/generate").status == 405)
    // A prompt that looks like an option is still a prompt.
    let dashes = try await lab.send("POST", "/api/generate", body: #"{"checkpoint": "model:1", "prompt": "--help", "tokens": 2}"#)
    #expect(dashes.status == 200, "\(dashes.text)")
    #expect((dashes.json as? [String: Any])?["prompt"] as? String == "--help")
  }

  @Test func aSecondGenerationWhileOneRunsGets409() async throws {
    let lab = try LabFixture()
    let body = #"{"checkpoint": "model:1", "prompt": "The", "tokens": 200}"#
    async let first = lab.send("POST", "/api/generate", body: body)
    async let second = lab.send("POST", "/api/generate", body: body)
    let answers = try await [first, second]
    #expect(answers.map(\.status).sorted() == [200, 409])
    #expect(answers.first { $0.status == 409 }?.error == "A generation is in progress; wait for it to end before asking for another.")
  }
}
