import ArgumentParser
import Autograd
import Foundation
import Lessons
import Training
import NeuralNet

/// `workbench finetune`: continue training a checkpoint on the user's text, in full or with LoRA.
struct Finetune: RecipeCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fine-tune a GPT checkpoint on your own text files (full or LoRA).",
    discussion: """
      The same loop as train, starting from --checkpoint. Reports the held-out loss on your text before and \
      after, and with --reference-text the loss on that text before and after (forgetting). With --lora-rank R \
      only low-rank adapters on every block's linear layers are trained; --merge folds them into the weights \
      and writes DIR/checkpoint.safetensors, otherwise DIR/adapter.safetensors holds the adapters alone. \
      Characters of the text outside a character checkpoint's vocabulary are refused (exit 65, each listed) \
      unless --skip-unknown drops them. --config FILE reads the options from a recipe (a YAML file of \
      'option: value' lines named as the long options; see train --help); DIR/recipe.yaml keeps every option of the run.
      """)

  @OptionGroup var common: TrainingCommandOptions
  @Option(help: "The checkpoint to start from (a workbench safetensors file).") var checkpoint: String?
  @Option(help: "LoRA adapters to put on the checkpoint first (folded into its weights before fine-tuning).") var adapter: String?
  @Option(name: .customLong("lora-rank"), help: "Train LoRA adapters of this rank instead of every weight.") var loraRank: Int?
  @Option(name: .customLong("lora-alpha"), help: "LoRA scale alpha (the update is alpha/r * BA; default 2r).") var loraAlpha: Double?
  @Flag(help: "Fold the LoRA adapters into the weights when saving (a plain checkpoint).") var merge = false
  @Option(name: .customLong("reference-text"), help: "A text whose loss before and after measures forgetting.") var referenceText: String?
  @Flag(name: .customLong("skip-unknown"), help: "Drop characters the checkpoint's vocabulary lacks instead of refusing the text.")
  var skipUnknown = false

  static let recipeCommandName = "workbench finetune"

  static var recipeKeys: [RecipeKey<Finetune>] {
    TrainingCommandOptions.recipeKeys.map { $0.within(\Finetune.common) } + [
      .text("checkpoint", \.checkpoint), .text("adapter", \.adapter), .integer("lora-rank", \.loraRank),
      .number("lora-alpha", \.loraAlpha), .flag("merge", \.merge), .text("reference-text", \.referenceText),
      .flag("skip-unknown", \.skipUnknown),
    ]
  }

  func validate() throws {
    var others: [String] = []
    if checkpoint != nil { others.append("--checkpoint") }
    if adapter != nil { others.append("--adapter") }
    if loraRank != nil { others.append("--lora-rank") }
    if loraAlpha != nil { others.append("--lora-alpha") }
    if merge { others.append("--merge") }
    if referenceText != nil { others.append("--reference-text") }
    if skipUnknown { others.append("--skip-unknown") }
    try common.check(others: others)
    if common.config != nil && common.resume == nil { return }  // checked with the recipe merged in
    guard common.resume != nil || checkpoint != nil else { throw ValidationError("Give the checkpoint to start from with --checkpoint FILE.") }
    if let loraRank, loraRank < 1 { throw ValidationError("--lora-rank must be at least 1, got \(loraRank); leave it out for full fine-tuning.") }
    if let loraAlpha, !(loraAlpha.isFinite && loraAlpha > 0) { throw ValidationError("--lora-alpha must be a positive number, got \(loraAlpha).") }
    if loraRank == nil && (merge || loraAlpha != nil) { throw ValidationError("--merge and --lora-alpha need --lora-rank R.") }
  }

  func run() throws {
    let (command, recipe) = try withRecipe()
    try command.start(recipe: recipe)
  }

  /// Fine-tunes with these options (a recipe already merged in; `recipe` is its path, or nil).
  private func start(recipe: String?) throws {
    try TrainingSession.start("finetune", common: common, recipe: recipe) { group in
      let lora = loraRank.map { TrainingOptions.LoRAOptions(rank: $0, alpha: loraAlpha ?? Double(2 * $0), merge: merge) }
      let absolute = TrainingCommandOptions.absolute
      return TrainingRequest(
        model: .checkpoint(path: absolute(checkpoint!)), adapter: adapter.map(absolute), texts: common.text.map(absolute),
        referenceText: referenceText.map(absolute), validationFraction: common.validationFraction ?? 0.1,
        validationText: common.validationText.map(absolute), skipUnknown: skipUnknown,
        options: try common.trainingOptions(defaultSteps: 200, defaultRate: lora == nil ? 3e-4 : 1e-3, lora: lora, group: group),
        folder: URL(fileURLWithPath: absolute(common.output!)), command: TrainingCommandOptions.commandLine())
    }
  }
}
