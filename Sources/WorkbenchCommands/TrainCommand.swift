import ArgumentParser
import Autograd
import Foundation
import Lessons
import Training
import NeuralNet

/// `workbench train`: pre-train a GPT from random weights on the user's text files.
struct Train: RecipeCommand {
  static let configuration = CommandConfiguration(
    abstract: "Pre-train a GPT from scratch on your own text files.",
    discussion: """
      The text is split into a training part and, at its end, a validation part (--validation-fraction). \
      AdamW (betas 0.9/0.95, weight decay 0.1 on matrices) with linear warm-up and cosine decay to a tenth \
      of --lr, gradient norm clipped at 1, random windows of --context tokens drawn by one generator seeded \
      with --seed. Writes DIR/checkpoint.safetensors (config and tokenizer inside), loss.png, history.csv, \
      metrics.json and training-state.safetensors, and best.safetensors: the model at its lowest validation loss \
      (measured every --eval-every steps; --early-stop P ends the run after P evaluations without a lower one). \
      --accumulate K sums the gradients of K micro-batches of --batch/K sequences before each update. Ctrl-C stops after the current step, saves, and exits \
      with 130; --resume DIR continues, ending with the same weights as an uninterrupted run. \
      With --tokenizer char every distinct character of the text is one token; with bpe:N, byte-level BPE \
      (as GPT-2's) learns N merges from the text, so the vocabulary has at most 256 + N tokens. \
      --config FILE reads the options from a recipe, a YAML file of 'option: value' lines named as the long options \
      (text, steps, lr, tokenizer, ...); options given on the command line override it, and relative paths in it \
      are relative to the working directory. DIR/recipe.yaml keeps every option of the run (paths absolute): \
      --config DIR/recipe.yaml --output NEW repeats the run.
      """)

  @OptionGroup var common: TrainingCommandOptions
  @Option(help: "Model size preset: tiny, small or medium (default small).") var size: String?
  @Option(help: "Transformer blocks (overrides the preset).") var layers: Int?
  @Option(name: .customLong("d-model"), help: "Width of the residual stream (overrides the preset).") var dModel: Int?
  @Option(help: "Attention heads; must divide --d-model (overrides the preset).") var heads: Int?
  @Option(help: "Context length in tokens (overrides the preset).") var context: Int?
  @Option(help: "Tokenizer: char (one token per character) or bpe:N (byte-level BPE with N merges learned from the text).")
  var tokenizer: String?

  static let recipeCommandName = "workbench train"

  static var recipeKeys: [RecipeKey<Train>] {
    TrainingCommandOptions.recipeKeys.map { $0.within(\Train.common) } + [
      .text("size", \.size), .integer("layers", \.layers), .integer("d-model", \.dModel), .integer("heads", \.heads),
      .integer("context", \.context), .text("tokenizer", \.tokenizer),
    ]
  }

  func validate() throws {
    var others: [String] = []
    if size != nil { others.append("--size") }
    if layers != nil { others.append("--layers") }
    if dModel != nil { others.append("--d-model") }
    if heads != nil { others.append("--heads") }
    if context != nil { others.append("--context") }
    if tokenizer != nil { others.append("--tokenizer") }
    try common.check(others: others)
    if common.config != nil && common.resume == nil { return }  // checked with the recipe merged in
    if let size, ModelSizePreset(rawValue: size) == nil {
      throw ValidationError("--size must be one of \(ModelSizePreset.allCases.map(\.rawValue).joined(separator: ", ")), got '\(size)'.")
    }
    for (name, value) in [("--layers", layers), ("--d-model", dModel), ("--heads", heads), ("--context", context)] {
      if let value, !(1...65536).contains(value) { throw ValidationError("\(name) must be between 1 and 65536, got \(value).") }
    }
    let shape = self.shape
    guard shape.width % shape.heads == 0 else {
      throw ValidationError("--d-model \(shape.width) must be divisible by --heads \(shape.heads).")
    }
    if let tokenizer, tokenizer != "char" {
      guard tokenizer.hasPrefix("bpe:"), let merges = Int(tokenizer.dropFirst(4)) else {
        throw ValidationError("--tokenizer must be char or bpe:N (N merges, e.g. bpe:1000), got '\(tokenizer)'.")
      }
      guard (1...100_000).contains(merges) else {
        throw ValidationError("--tokenizer bpe:N needs N between 1 and 100000 merges, got \(merges).")
      }
    }
  }

  /// The merges of `--tokenizer bpe:N`, nil for one token per character.
  var bpeMerges: Int? {
    guard let tokenizer, tokenizer.hasPrefix("bpe:") else { return nil }
    return Int(tokenizer.dropFirst(4))
  }

  /// The model shape: the preset, with the explicit options replacing its fields.
  var shape: (layers: Int, heads: Int, width: Int, context: Int) {
    let preset = ModelSizePreset(rawValue: size ?? "small")?.shape ?? ModelSizePreset.small.shape
    return (layers ?? preset.layers, heads ?? preset.heads, dModel ?? preset.width, context ?? preset.context)
  }

  func run() throws {
    let (command, recipe) = try withRecipe()
    try command.start(recipe: recipe)
  }

  /// Trains with these options (a recipe already merged in; `recipe` is its path, or nil).
  private func start(recipe: String?) throws {
    try TrainingSession.start("train", common: common, recipe: recipe) { group in
      let shape = self.shape
      let absolute = TrainingCommandOptions.absolute
      return TrainingRequest(
        model: .new(layers: shape.layers, heads: shape.heads, width: shape.width, context: shape.context, bpeMerges: bpeMerges),
        texts: common.text.map(absolute), validationFraction: common.validationFraction ?? 0.1, validationText: common.validationText.map(absolute),
        options: try common.trainingOptions(defaultSteps: 500, defaultRate: 2e-3, lora: nil, group: group),
        folder: URL(fileURLWithPath: absolute(common.output!)), command: TrainingCommandOptions.commandLine())
    }
  }
}
