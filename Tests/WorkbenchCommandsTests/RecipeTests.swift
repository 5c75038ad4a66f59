import ArgumentParser
import Foundation
import NeuralNet
import Testing

@testable import WorkbenchCommands

/// Recipes (`train --config FILE`, `finetune --config FILE`): every option as a YAML key, the
/// command line over the file, the kept `recipe.yaml` that repeats a run byte for byte, bad recipes
/// refused before any work with one sentence (the line, the key, the nearest valid key) and nothing
/// already written lost, and the recipes that ship in `recipes/`.
@Suite("Recipes")
struct RecipeTests {
  typealias Fixture = TrainCommandTests.Fixture
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func outcome(_ arguments: [String]) -> (code: Int32, message: String) { TrainCommandTests.outcome(arguments) }

  /// Writes `text` as the recipe `name` in the fixture's folder and returns its path.
  static func recipe(_ f: Fixture, _ name: String, _ text: String) throws -> String {
    try Data(text.utf8).write(to: f.folder.appendingPathComponent(name))
    return f.path(name)
  }

  static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  /// The lines of a recipe for the tiny model of `TrainCommandTests.tiny`.
  static let tinyLines = "layers: 1\nd-model: 16\nheads: 2\ncontext: 16\nbatch: 2\nsample-every: 0\n"

  @Test("the kept recipe.yaml repeats a train run byte for byte: checkpoints and history.csv")
  func keptRecipeRepeatsTrain() throws {
    let f = try Fixture()
    let first = Self.outcome(
      ["train", "--text", f.path("good.txt"), "--output", f.path("first"), "--steps", "6", "--eval-every", "3", "--seed", "9",
       "--tokenizer", "bpe:30", "--accumulate", "2", "--lr", "0.004"] + TrainCommandTests.tiny)
    #expect(first.code == 0, "\(first.message)")
    let kept = try String(contentsOfFile: f.path("first/recipe.yaml"), encoding: .utf8)
    #expect(kept.contains("\ntext:\n- \(f.path("good.txt"))\n") && kept.contains("\nlr: 0.004\n") && kept.contains("\ntokenizer: bpe:30\n"), "\(kept)")
    let again = Self.outcome(["train", "--config", f.path("first/recipe.yaml"), "--output", f.path("again")])
    #expect(again.code == 0, "\(again.message)")
    for file in ["checkpoint.safetensors", "best.safetensors", "history.csv"] {
      #expect(try Self.bytes(f.path("first/\(file)")) == Self.bytes(f.path("again/\(file)")), "\(file) differs")
    }
    // The repeat keeps the same recipe, but for its own output folder.
    let keptAgain = try String(contentsOfFile: f.path("again/recipe.yaml"), encoding: .utf8)
    #expect(keptAgain == kept.replacingOccurrences(of: "output: \(f.path("first"))", with: "output: \(f.path("again"))"))
  }

  @Test("the kept recipe.yaml repeats a LoRA finetune run byte for byte")
  func keptRecipeRepeatsFinetune() throws {
    let f = try Fixture()
    let first = Self.outcome(
      ["finetune", "--checkpoint", f.path("base.safetensors"), "--text", f.path("good.txt"), "--output", f.path("first"), "--steps", "4",
       "--eval-every", "2", "--lora-rank", "2", "--lora-alpha", "3", "--batch", "2", "--sample-every", "0"])
    #expect(first.code == 0, "\(first.message)")
    let again = Self.outcome(["finetune", "--config", f.path("first/recipe.yaml"), "--output", f.path("again")])
    #expect(again.code == 0, "\(again.message)")
    for file in ["adapter.safetensors", "best.safetensors", "history.csv"] {
      #expect(try Self.bytes(f.path("first/\(file)")) == Self.bytes(f.path("again/\(file)")), "\(file) differs")
    }
    let kept = try String(contentsOfFile: f.path("again/recipe.yaml"), encoding: .utf8)
    #expect(kept.contains("\ncheckpoint: \(f.path("base.safetensors"))\n") && kept.contains("\nlora-alpha: 3.0\n") && kept.contains("\nmerge: false\n"))
  }

  @Test("an option on the command line overrides the recipe's line; the rest comes from the recipe")
  func commandLineWins() throws {
    let f = try Fixture()
    let recipe = try Self.recipe(f, "r.yaml", """
      # a comment
      text: \(f.path("good.txt"))
      steps: 5
      lr: 0.01
      seed: 3
      output: \(f.path("from-recipe"))

      """ + Self.tinyLines)
    let result = Self.outcome(["train", "--config", recipe, "--steps", "2", "--seed", "4", "--output", f.path("run")])
    #expect(result.code == 0, "\(result.message)")
    #expect(!FileManager.default.fileExists(atPath: f.path("from-recipe")))
    let kept = try String(contentsOfFile: f.path("run/recipe.yaml"), encoding: .utf8)
    for line in ["steps: 2", "seed: 4", "lr: 0.01", "batch: 2", "d-model: 16", "output: \(f.path("run"))"] {
      #expect(kept.contains("\n\(line)\n"), "\(line) in \(kept)")
    }
    // history.csv: the training series has the two steps of the command line, not the recipe's five.
    let rows = try String(contentsOfFile: f.path("run/history.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.filter { $0.hasPrefix("training,") }.count == 2)
  }

  @Test("relative paths in a recipe are relative to the working directory; the kept recipe names them absolutely")
  func relativePaths() throws {
    let f = try Fixture()
    _ = try Self.recipe(f, "relative.yaml", """
      text: good.txt
      output: relative-run
      steps: 2

      """ + Self.tinyLines)
    let run = try TrainBinaryTests.run(["train", "--config", "relative.yaml"], in: f.folder)
    #expect(run.status == 0, "\(run.stdout)")
    let kept = try String(contentsOfFile: f.path("relative-run/recipe.yaml"), encoding: .utf8)
    #expect(kept.contains("\ntext:\n- \(f.path("good.txt"))\n") && kept.contains("\noutput: \(f.path("relative-run"))\n"), "\(kept)")
  }

  @Test("bad recipes: one sentence naming the line and key, the conventional code, nothing written", arguments: [
    ("train", "steps: 3\nlr: 0.01\nstpes: 4\n", 64, "Line 3 of the recipe RECIPE: 'stpes' is not an option of 'workbench train'; did you mean 'steps'?"),
    ("train", "learning-rate: 0.01\n", 64, "Line 1 of the recipe RECIPE: 'learning-rate' is not an option of 'workbench train'; did you mean 'lr'?"),
    ("train", "steps: 2\nbatch_size: 4\n", 64, "Line 2 of the recipe RECIPE: 'batch_size' is not an option of 'workbench train'; did you mean 'batch'?"),
    ("train", "\n# the budget\nsteps: many\n", 64, "Line 3 of the recipe RECIPE: 'steps' takes a whole number, got 'many'."),
    ("train", "lr: [0.1, 0.2]\n", 64, "Line 1 of the recipe RECIPE: 'lr' takes a number, got a list."),
    ("train", "seed: -1\n", 64, "Line 1 of the recipe RECIPE: 'seed' takes a whole number from 0 to 18446744073709551615, got '-1'."),
    ("train", "tokenizer:\n  kind: bpe\n", 64, "Line 1 of the recipe RECIPE: 'tokenizer' takes one value (a list is not allowed), got a mapping."),
    ("train", "text: [{a: 1}]\n", 64, "Line 1 of the recipe RECIPE: 'text' takes a file or a list of files, got a list."),
    ("train", "lora-rank: 4\n", 64, "Line 1 of the recipe RECIPE: 'lora-rank' is not an option of 'workbench train'; the keys are the long options of 'workbench train --help'."),
    ("train", "steps: 3\nsteps: 4\n", 64, "Line 2 of the recipe RECIPE gives 'steps' a second time; keep one 'steps:' line."),
    ("train", "config: other.yaml\n", 64, "Line 1 of the recipe RECIPE: 'config' cannot be set in a recipe; give it on the command line ('workbench train --config …')."),
    ("train", "steps: 0\n", 64, "--steps must be at least 1, got 0."),
    ("train", "steps: 3\ntext: [a.txt, b.txt\n", 65, "Line 2 of the recipe RECIPE is not valid YAML"),
    ("train", "- steps\n- 3\n", 65, "The recipe RECIPE is not a list of 'option: value' lines, such as 'steps: 500'."),
    ("finetune", "checkpoint: CHECKPOINT\nmerge: maybe\n", 64, "Line 2 of the recipe RECIPE: 'merge' takes true or false, got 'maybe'."),
    ("finetune", "checkpoint: CHECKPOINT\nlora-rank: two\n", 64, "Line 2 of the recipe RECIPE: 'lora-rank' takes a whole number, got 'two'."),
  ] as [(String, String, Int32, String)])
  func badRecipe(command: String, text: String, code: Int32, sentence: String) throws {
    let f = try Fixture()
    let output = f.folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    try Data("written before\n".utf8).write(to: output.appendingPathComponent("notes.txt"))
    let recipe = try Self.recipe(f, "bad.yaml", text.replacingOccurrences(of: "CHECKPOINT", with: f.path("base.safetensors")))
    let result = Self.outcome(
      [command, "--config", recipe, "--text", f.path("good.txt"), "--output", output.path] + (command == "train" ? TrainCommandTests.tiny : []))
    let expected = sentence.replacingOccurrences(of: "RECIPE", with: recipe)
    #expect(result.code == code, "\(result.message)")
    #expect(result.message.contains(expected), "\(result.message)")
    #expect(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8) == "written before\n")
    for file in ["checkpoint.safetensors", "adapter.safetensors", "recipe.yaml", "training-state.safetensors"] {
      #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file) was written")
    }
  }

  @Test("a missing recipe is exit 66; --config with --resume is a usage error; a run cannot keep its recipe over its own recipe")
  func otherRefusals() throws {
    let f = try Fixture()
    let missing = Self.outcome(["train", "--config", f.path("nowhere.yaml"), "--output", f.path("out")])
    #expect(missing.code == 66 && missing.message == "The recipe \(f.path("nowhere.yaml")) does not exist; give the path of a YAML file of options (see recipes/).", "\(missing.message)")
    #expect(!FileManager.default.fileExists(atPath: f.path("out")))

    let resume = Self.outcome(["train", "--resume", f.path("out"), "--config", f.path("nowhere.yaml")])
    #expect(resume.code == 64 && resume.message.contains("--resume continues a run with its saved options; drop --config."), "\(resume.message)")

    try FileManager.default.createDirectory(at: f.folder.appendingPathComponent("own"), withIntermediateDirectories: true)
    let own = try Self.recipe(f, "own/recipe.yaml", "text: \(f.path("good.txt"))\noutput: \(f.path("own"))\nsteps: 2\n")
    let before = try Self.bytes(own)
    let itself = Self.outcome(["train", "--config", own] + TrainCommandTests.tiny)
    #expect(itself.code == 73 && itself.message.contains("which is the recipe it was started from; choose another --output"), "\(itself.message)")
    #expect(try Self.bytes(own) == before)
    #expect(!FileManager.default.fileExists(atPath: f.path("own/checkpoint.safetensors")))
  }

  /// The long options `command` declares (from the argument parser's own description of it).
  static func longOptions(_ command: any ParsableCommand.Type) throws -> Set<String> {
    struct Dump: Decodable {
      struct Command: Decodable { let arguments: [Argument]? }
      struct Argument: Decodable {
        struct Name: Decodable { let kind: String; let name: String }
        let kind: String
        let names: [Name]?
      }
      let command: Command
    }
    let dump = try JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8))
    return Set((dump.command.arguments ?? []).filter { $0.kind != "positional" }.flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map(\.name))
  }

  @Test("every long option of train and finetune but --config, --resume and --events is a recipe key")
  func everyOptionIsAKey() throws {
    let besides: Set<String> = ["config", "resume", "events", "help", "version"]
    #expect(Set(Train.recipeKeys.map(\.name)) == (try Self.longOptions(Train.self)).subtracting(besides))
    #expect(Set(Finetune.recipeKeys.map(\.name)) == (try Self.longOptions(Finetune.self)).subtracting(besides))
    #expect(Train.recipeKeys.count == Set(Train.recipeKeys.map(\.name)).count)
  }

  /// The recipes in `recipes/`, each with its command and the options a test run overrides (the text,
  /// the output folder, the checkpoint and the step budget, which a test cannot take from the recipe).
  static let shipped: [(file: String, command: String)] = [
    ("char-model.yaml", "train"), ("bpe-model.yaml", "train"), ("lora-gpt2.yaml", "finetune"),
  ]

  @Test("every recipe in recipes/ is read, checked, and runs two steps with its own options")
  func shippedRecipes() throws {
    let folder = Self.repository.appendingPathComponent("recipes")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files == Self.shipped.map(\.file).sorted(), "each recipe in recipes/ needs a line in RecipeTests.shipped")
    let f = try Fixture()
    // A longer text for BPE (its tokens are whole words), and the tiny checkpoint as a Hugging Face directory.
    var words = TrainBinaryTests.SplitMix64Lite(seed: 4)
    let vocabulary = ["the", "model", "reads", "a", "text", "and", "learns", "which", "letter", "comes", "next", "loss", "falls"]
    let long = (0..<10000).map { vocabulary[Int(words.next() % UInt64(vocabulary.count))] + ($0 % 12 == 11 ? ".\n" : " ") }.joined()
    try Data(long.utf8).write(to: f.folder.appendingPathComponent("long.txt"))
    #expect(Self.outcome(["export", "--checkpoint", f.path("base.safetensors"), "--to", f.path("gpt2")]).code == 0)
    for (file, command) in Self.shipped {
      let path = folder.appendingPathComponent(file).path
      let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").prefix { $0.hasPrefix("#") }
      #expect(header.count >= 3 && header.joined().contains("workbench \(command) --config recipes/\(file)"), "\(file) says what it does and how to run it")
      let output = f.path("run-\(file)")
      var overrides = ["--output", output, "--steps", "2"]
      switch file {
      case "char-model.yaml": overrides += ["--text", f.path("good.txt")]
      case "bpe-model.yaml": overrides += ["--text", f.path("long.txt"), "--size", "tiny", "--batch", "2"]  // medium trains slowly in a debug build
      default: overrides += ["--text", f.path("good.txt"), "--checkpoint", f.path("gpt2")]
      }
      // Read and checked as the command line is, with nothing overridden but the paths.
      let parsed = try Workbench.parseAsRoot([command, "--config", path])
      let recipeArguments = try #require(parsed as? any RecipeCommand)
      #expect(throws: Never.self, "\(file)") { _ = try recipeArguments.withRecipe() }
      let result = Self.outcome([command, "--config", path] + overrides)
      #expect(result.code == 0, "\(file): \(result.message)")
      // Every option the test left alone reached the run as the recipe gives it.
      let recipe = try Recipe.read(path), kept = try Recipe.read(output + "/recipe.yaml")
      let given = Dictionary(kept.entries.map { ($0.key, $0.value.scalar?.string) }, uniquingKeysWith: { a, _ in a })
      for entry in recipe.entries where !overrides.contains("--\(entry.key)") && !["output", "size"].contains(entry.key) {
        let value = entry.value.scalar?.string
        let same = value == given[entry.key] ?? nil || (value.flatMap(Double.init) != nil && value.flatMap(Double.init) == given[entry.key]?.flatMap(Double.init))
        #expect(same, "\(file): \(entry.key) is \(value ?? "-") in the recipe, \(given[entry.key].flatMap { $0 } ?? "absent") in the run")
      }
    }
  }
}
