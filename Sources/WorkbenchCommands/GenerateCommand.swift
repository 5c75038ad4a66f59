import ArgumentParser
import Autograd
import Foundation
import Lessons
import NeuralNet
import Training

/// `workbench generate`: continue a prompt with a GPT checkpoint.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Continue a prompt with a GPT checkpoint (seeded temperature sampling).",
    discussion: """
      Reads a safetensors checkpoint written by workbench (config and tokenizer in its __metadata__) or a \
      Hugging Face GPT-2 directory, feeds the prompt and samples one token at a time from softmax(logits / temperature), with the \
      last block-size tokens as context. The same checkpoint, prompt, temperature and seed give the \
      same text. A prompt with characters outside the checkpoint's vocabulary is refused (exit 65, listing \
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
  @Option(help: "Seed of the sampling generator.") var seed: UInt64 = 1
  @Flag(name: .customLong("skip-unknown"), help: "Drop prompt characters the checkpoint does not know instead of refusing.")
  var skipUnknown = false

  func validate() throws {
    guard (0...100_000).contains(tokens) else { throw ValidationError("--tokens must be between 0 and 100000, got \(tokens).") }
    guard temperature.isFinite, temperature >= 0 else {
      throw ValidationError("--temperature must be 0 or a positive finite number, got \(temperature).")
    }
    guard !prompt.isEmpty else { throw ValidationError("--prompt must contain at least one character.") }
  }

  func run() throws {
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    if let adapter { try LoRAAdapterFile.read(from: URL(fileURLWithPath: adapter)).apply(to: loaded.model, path: adapter) }
    var generator = SplitMix64(seed: seed)
    let continuation = try TextSampler.continuation(
      of: prompt, model: loaded.model, tokenizer: loaded.tokenizer, tokenCount: tokens, temperature: temperature,
      skipUnknown: skipUnknown, using: &generator)
    print(prompt + continuation)
  }
}
