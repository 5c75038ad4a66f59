import Foundation
import Lessons
import Training
import WorkbenchFiles
import Yams

/// The recipe a new `train` or `finetune` run keeps in its folder as `recipe.yaml`: every option
/// the run uses, defaults filled in and paths absolute, so that
/// `workbench train --config DIR/recipe.yaml --output NEW` repeats the run from any folder (the same
/// checkpoint bytes and `history.csv` on the same machine and kernel family).
enum KeptRecipe {
  /// The file's name in the run folder.
  static let fileName = "recipe.yaml"

  /// The recipe of `request`, a run of `workbench <command>`, as YAML with a comment header.
  static func text(of request: TrainingRequest, command: String) throws -> String {
    var pairs: [(Node, Node)] = []
    func add(_ key: String, _ value: String) { pairs.append((Node(key), Node(value))) }
    func add(_ key: String, path: String) { pairs.append((Node(key), .scalar(path.represented()))) }
    let options = request.options
    pairs.append((Node("text"), Node(request.texts.map { Node.scalar($0.represented()) })))
    if let validation = request.validationText {
      add("validation-text", path: validation)
    } else {
      add("validation-fraction", "\(request.validationFraction)")
    }
    add("output", path: request.folder.path)
    switch request.model {
    case let .new(layers, heads, width, context, bpeMerges):
      add("layers", "\(layers)")
      add("d-model", "\(width)")
      add("heads", "\(heads)")
      add("context", "\(context)")
      add("tokenizer", bpeMerges.map { "bpe:\($0)" } ?? "char")
    case let .checkpoint(path):
      add("checkpoint", path: path)
      if let adapter = request.adapter { add("adapter", path: adapter) }
      if let lora = options.lora {
        add("lora-rank", "\(lora.rank)")
        add("lora-alpha", "\(lora.alpha)")
        add("merge", "\(lora.merge)")
      }
      if let reference = request.referenceText { add("reference-text", path: reference) }
      add("skip-unknown", "\(request.skipUnknown)")
    }
    if let steps = options.steps { add("steps", "\(steps)") }
    if let minutes = options.minutes { add("minutes", "\(minutes)") }
    add("lr", "\(options.learningRate)")
    add("batch", "\(options.batchSize)")
    if let accumulate = options.accumulate { add("accumulate", "\(accumulate)") }
    add("seed", "\(options.seed)")
    add("eval-every", "\(options.evaluationInterval)")
    if let patience = options.earlyStop { add("early-stop", "\(patience)") }
    add("sample-every", "\(options.sampleInterval)")
    add("log", (options.log ?? .csv).rawValue)
    add("replicas", "\(options.copies)")
    let header = """
      # The options of this run of `workbench \(command)`, every default filled in and every path absolute.
      # `workbench \(command) --config <this file> --output NEW-FOLDER` repeats it: with the same seed, on the
      # same machine and kernel family, the checkpoints and history.csv come out byte for byte the same.

      """
    return header + (try Yams.serialize(node: Node(pairs), width: -1))
  }

  /// Refuses, before any work, a run whose kept recipe would replace `recipe`, the file it was started from.
  /// - Throws: `RecipeError.wouldReplaceItself`.
  static func checkKeeping(in folder: URL, startedFrom recipe: String?) throws {
    guard let recipe else { return }
    let kept = folder.appendingPathComponent(fileName)
    if kept.standardizedFileURL.resolvingSymlinksInPath() == URL(fileURLWithPath: recipe).standardizedFileURL.resolvingSymlinksInPath() {
      throw RecipeError.wouldReplaceItself(path: kept.path)
    }
  }

  /// Writes the recipe of `request` into its output folder (which must exist), atomically.
  /// - Throws: `TrainingError.cannotCreateOutput` when the file cannot be written.
  static func write(_ request: TrainingRequest, command: String) throws {
    let url = request.folder.appendingPathComponent(fileName)
    do {
      try AtomicFile.write(Data(try text(of: request, command: command).utf8), to: url)
    } catch let error as FileWriteError {
      throw TrainingError.cannotCreateOutput(path: error.path, reason: error.reason)
    }
  }
}
