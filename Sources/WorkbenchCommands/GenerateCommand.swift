import ArgumentParser
import Autograd
import Foundation
import Lessons
import NeuralNet
import Training
import WorkbenchFiles

/// `workbench generate`: continue a prompt with a GPT checkpoint.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Continue a prompt with a GPT checkpoint (seeded sampling with a KV cache).",
    discussion: """
      Reads a safetensors checkpoint written by workbench (config and tokenizer in its __metadata__) or a \
      Hugging Face GPT-2 directory, feeds the prompt once and then samples one token at a time from \
      softmax(logits / temperature), keeping the attention keys and values of earlier tokens (a KV cache) \
      and the last block-size tokens as context. --top-k and --top-p keep only the most likely tokens; ids \
      beyond the tokenizer's vocabulary are never drawn; the text stops before the first --stop string it \
      writes. --weights bf16 or int8 multiply by weights rounded to that precision (activations stay \
      float32). The same checkpoint, prompt, settings and seed give the same text. A prompt with characters outside the checkpoint's vocabulary is refused (exit 65, listing \
      every such character) unless --skip-unknown drops them from the context.
      """)

  @Option(help: "A workbench checkpoint (e.g. output/pretrain-finetune/pretrained.safetensors) or a Hugging Face GPT-2 directory.")
  var checkpoint: String
  @Option(help: "LoRA adapters to put on the checkpoint (the adapter.safetensors of finetune --lora-rank without --merge).")
  var adapter: String?
  @Option(help: "The text to continue.") var prompt: String
  @Option(help: "Tokens to generate (0…100000); characters for a character tokenizer.") var tokens = 200
  @Option(help: "Sampling temperature: 0 always picks the most likely token, 1 samples the model's distribution.")
  var temperature = 0.8
  @Option(name: .customLong("top-k"), help: "Sample only among the k most likely tokens (1 or more; default: all).")
  var topK: Int?
  @Option(name: .customLong("top-p"), help: "Sample only among the fewest most likely tokens whose probability reaches p, in (0, 1] (default: all).")
  var topP: Double?
  @Option(help: "Stop before the first occurrence of this text (repeatable).") var stop: [String] = []
  @Option(help: "Precision of the weights the products read: f32, bf16 or int8 (blocks of 32 with a scale).")
  var weights: WeightPrecision = .f32
  @Option(help: "Seed of the sampling generator.") var seed: UInt64 = 1
  @Flag(name: .customLong("skip-unknown"), help: "Drop prompt characters the checkpoint does not know instead of refusing.")
  var skipUnknown = false
  @Option(
    help: ArgumentHelp(
      """
      Print, instead of the text, one JSON line per token written: the token and the N most likely tokens with the \
      probabilities it was drawn from (after --temperature, --top-k and --top-p); then a line with the whole text.
      """, valueName: "n"))
  var probabilities: Int?
  @Flag(help: "Print to standard error how long loading, the prompt and each generated token took.")
  var timings = false

  func validate() throws {
    guard (0...100_000).contains(tokens) else { throw ValidationError("--tokens must be between 0 and 100000, got \(tokens).") }
    guard temperature.isFinite, temperature >= 0 else {
      throw ValidationError("--temperature must be 0 or a positive finite number, got \(temperature).")
    }
    guard !prompt.isEmpty else { throw ValidationError("--prompt must contain at least one character.") }
    if let topK, topK < 1 { throw ValidationError("--top-k must be 1 or more, got \(topK).") }
    if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1], got \(topP).") }
    if let probabilities, !(1...1000).contains(probabilities) {
      throw ValidationError("--probabilities must be between 1 and 1000 tokens, got \(probabilities).")
    }
  }

  func run() throws {
    let clock = ContinuousClock()
    let loadStart = clock.now
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    if let adapter { try LoRAAdapterFile.read(from: URL(fileURLWithPath: adapter)).apply(to: loaded.model, path: adapter) }
    loaded.model.setWeightPrecision(weights)
    let loadTime = clock.now - loadStart
    var generator = SplitMix64(seed: seed)
    let tokenizer = loaded.tokenizer
    var written = 0
    let continuation = try TextSampler.continuation(
      of: prompt, model: loaded.model, tokenizer: tokenizer, tokenCount: tokens, temperature: temperature,
      topK: topK, topP: topP, stop: stop, skipUnknown: skipUnknown, using: &generator,
      observe: probabilities.map { shown -> ([Double], Int) throws -> Void in
        { distribution, id in
          written += 1
          try Self.writeToken(index: written, id: id, distribution: distribution, shown: shown, tokenizer: tokenizer)
        }
      },
      times: timings ? { Self.reportTimes(load: loadTime, $0, weights: weights) } : nil)
    guard probabilities != nil else {
      print(prompt + continuation)
      return
    }
    EventLines.write([("event", .string("text")), ("prompt", .string(prompt)), ("continuation", .string(continuation))])
  }

  /// The `--timings` line, on standard error: e.g. `load 0.41 s (bf16) · prompt 32 tokens in 0.09 s
  /// (356 tokens/s) · 127 cached steps in 1.93 s (65.8 tokens/s)`.
  static func reportTimes(load: Duration, _ times: DecodingTimes, weights: WeightPrecision) {
    let seconds = WallClock.seconds(load)
    let line =
      String(format: "load %.2f s (\(weights)) · prompt %d tokens in %.2f s (%.0f tokens/s) · %d cached steps in %.2f s (%.1f tokens/s)",
        seconds, times.promptTokens, times.promptSeconds, times.promptTokensPerSecond, times.steps,
        times.stepSeconds, times.stepsPerSecond)
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// The `--probabilities` line of token `index` (1-based): `{"event": "token", "index": 1, "id": 42,
  /// "token": " the", "probability": 0.41, "top": [{"id": 42, "token": " the", "probability": 0.41}, …]}`,
  /// `top` holding the `shown` most likely ids of `distribution`, most likely first.
  static func writeToken(index: Int, id: Int, distribution: [Double], shown: Int, tokenizer: any Tokenizer) throws {
    func entry(_ id: Int) throws -> JSONValue {
      .object([("id", .number("\(id)")), ("token", .string(try tokenizer.decode([id]))), ("probability", JSONValue(distribution[id]))])
    }
    EventLines.write([
      ("event", .string("token")), ("index", .number("\(index)")), ("id", .number("\(id)")),
      ("token", .string(try tokenizer.decode([id]))), ("probability", JSONValue(distribution[id])),
      ("top", .array(try TextSampler.mostLikely(distribution, count: shown).map(entry))),
    ])
  }
}
