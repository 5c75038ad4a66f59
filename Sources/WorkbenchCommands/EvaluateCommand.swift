import ArgumentParser
import Autograd
import Foundation
import Lessons
import NeuralNet
import Training
import WorkbenchFiles

/// `workbench evaluate`: mean cross-entropy of a checkpoint on a text file.
struct Evaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Mean next-token cross-entropy (nats) of a GPT checkpoint on a UTF-8 text file.",
    discussion: """
      The checkpoint is a workbench safetensors file or a Hugging Face GPT-2 directory. The text is encoded \
      with the checkpoint's tokenizer (for a character tokenizer every character must be in its vocabulary) \
      and cut into W = floor((N - 1) / T) windows of T = block size tokens with stride T. Window w reads \
      tokens [wT, wT + T) and predicts tokens [wT + 1, wT + T + 1); every position is scored, each window \
      starts with an empty context, and the last N - 1 - W*T tokens are not scored. The result is the mean \
      of -ln p(next token) over the W*T predictions, as PyTorch's F.cross_entropy over those windows. \
      --weights bf16 or int8 multiply by weights rounded to that precision (activations stay float32), \
      to measure what the rounding costs.
      """)

  @Option(help: "A workbench checkpoint (e.g. output/pretrain-finetune/pretrained.safetensors) or a Hugging Face GPT-2 directory.")
  var checkpoint: String
  @Option(help: "LoRA adapters to put on the checkpoint (the adapter.safetensors of finetune --lora-rank without --merge).")
  var adapter: String?
  @Option(help: "A UTF-8 text file, e.g. output/pretrain-finetune/general-validation.txt.") var text: String
  @Option(help: "Precision of the weights the products read: f32, bf16 or int8 (blocks of 32 with a scale).")
  var weights: WeightPrecision = .f32
  @Flag(help: "Print the result as one JSON object.") var json = false

  func run() throws {
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    if let adapter { try LoRAAdapterFile.read(from: URL(fileURLWithPath: adapter)).apply(to: loaded.model, path: adapter) }
    loaded.model.setWeightPrecision(weights)
    let contents = try TextFile.read(text).text
    let tokens = try TextEncoding.ids(of: contents, tokenizer: loaded.tokenizer, source: "the text file \(text)")
    let result = try HeldOutEvaluation.evaluate(loaded.model, tokens: tokens)
    let bitsPerByte = try HeldOutEvaluation.bitsPerByte(result, tokens: tokens, tokenizer: loaded.tokenizer)
    if json {
      let report = EvaluationReport(
        checkpoint: checkpoint, text: text, mean_cross_entropy_nats: result.meanCrossEntropy, bits_per_token: result.bitsPerToken,
        perplexity: result.perplexity, bits_per_byte: bitsPerByte, predicted_tokens: result.predictedTokens, windows: result.windowCount,
        block_size: result.blockSize)
      print(String(decoding: try JSONEncoder.sortedKeys.encode(report), as: UTF8.self))
    } else {
      print(String(format: "mean cross-entropy: %.6f nats per token (%.4f bits, perplexity %.3f)", result.meanCrossEntropy, result.bitsPerToken, result.perplexity))
      print(String(format: "%.4f bits per byte of text (comparable across tokenizers)", bitsPerByte))
      print("scored \(result.predictedTokens) tokens in \(result.windowCount) windows of \(result.blockSize) (stride \(result.blockSize))")
    }
  }
}

/// The JSON printed by `workbench evaluate --json`.
struct EvaluationReport: Codable {
  let checkpoint: String
  let text: String
  let mean_cross_entropy_nats, bits_per_token, perplexity: Double
  /// The loss in bits per UTF-8 byte of the scored tokens (see `HeldOutEvaluation.bitsPerByte`).
  let bits_per_byte: Double
  let predicted_tokens: Int
  let windows: Int
  let block_size: Int
}
