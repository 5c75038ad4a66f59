import ArgumentParser
import Autograd
import Foundation
import Lessons
import NeuralNet

/// `workbench finetune`: continue training a checkpoint on the user's text, in full or with LoRA.
struct Finetune: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fine-tune a GPT checkpoint on your own text files (full or LoRA).",
    discussion: """
      The same loop as train, starting from --checkpoint. Reports the held-out loss on your text before and \
      after, and with --reference-text the loss on that text before and after (forgetting). With --lora-rank R \
      only low-rank adapters on every block's linear layers are trained; --merge folds them into the weights \
      and writes DIR/checkpoint.safetensors, otherwise DIR/adapter.safetensors holds the adapters alone. \
      Characters of the text outside a character checkpoint's vocabulary are refused (exit 65, each listed) \
      unless --skip-unknown drops them.
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
    guard common.resume != nil || checkpoint != nil else { throw ValidationError("Give the checkpoint to start from with --checkpoint FILE.") }
    if let loraRank, loraRank < 1 { throw ValidationError("--lora-rank must be at least 1, got \(loraRank); leave it out for full fine-tuning.") }
    if let loraAlpha, !(loraAlpha.isFinite && loraAlpha > 0) { throw ValidationError("--lora-alpha must be a positive number, got \(loraAlpha).") }
    if loraRank == nil && (merge || loraAlpha != nil) { throw ValidationError("--merge and --lora-alpha need --lora-rank R.") }
  }

  func run() throws {
    let group = try TrainingSession.joinLauncherGroup()
    if let resume = common.resume {
      try TrainingSession.execute(try TrainingRun.resume(from: URL(fileURLWithPath: resume)), command: "finetune", group: group, events: common.events)
      return
    }
    let lora = loraRank.map { TrainingOptions.LoRAOptions(rank: $0, alpha: loraAlpha ?? Double(2 * $0), merge: merge) }
    let request = TrainingRequest(
      model: .checkpoint(path: checkpoint!), adapter: adapter, texts: common.text, referenceText: referenceText,
      validationFraction: common.validationFraction ?? 0.1, validationText: common.validationText, skipUnknown: skipUnknown,
      options: try common.trainingOptions(defaultSteps: 200, defaultRate: lora == nil ? 3e-4 : 1e-3, lora: lora, group: group),
      folder: URL(fileURLWithPath: common.output!), command: TrainingCommandOptions.commandLine())
    let run = try TrainingRun.start(request)
    try TrainingSession.execute(run, command: "finetune", group: group, events: common.events)
  }
}
