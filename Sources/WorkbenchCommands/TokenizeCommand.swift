import ArgumentParser
import Foundation
import Lessons
import NeuralNet
import Training
import WorkbenchFiles

/// `workbench tokenize`: the token ids of a text file under a checkpoint's tokenizer.
struct Tokenize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Token ids of a UTF-8 text file under a checkpoint's tokenizer.",
    discussion: """
      The checkpoint is a workbench safetensors file or a Hugging Face GPT-2 directory (config.json, \
      model.safetensors, tokenizer.json or vocab.json + merges.txt). A character tokenizer refuses characters \
      outside its vocabulary (exit 65, listing them); byte-level BPE encodes every text. With --json, prints \
      {"ids": [...], "tokens": N}.
      """)

  @Option(help: "A workbench checkpoint (.safetensors) or a Hugging Face GPT-2 directory.") var checkpoint: String
  @Option(help: "A UTF-8 text file.") var text: String
  @Flag(help: "Print {\"ids\": [...], \"tokens\": N}.") var json = false

  func run() throws {
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    let contents = try TextFile.read(text).text
    let ids = try TextEncoding.ids(of: contents, tokenizer: loaded.tokenizer, source: "the text file \(text)")
    if json {
      print(Self.json(ids))
    } else {
      print("\(ids.count) tokens (\(loaded.tokenizer.kindName) tokenizer, vocabulary of \(loaded.tokenizer.vocabularySize))")
      print(ids.map(String.init).joined(separator: " "))
    }
  }

  /// The `--json` line: `{"ids": [1, 2, 3], "tokens": 3}`.
  static func json(_ ids: [Int]) -> String {
    "{\"ids\": [" + ids.map(String.init).joined(separator: ", ") + "], \"tokens\": \(ids.count)}"
  }
}
