import ArgumentParser
import Foundation
import NeuralNet

/// `workbench export`: a checkpoint as a Hugging Face GPT-2 directory.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a checkpoint as a Hugging Face GPT-2 directory that transformers loads.",
    discussion: """
      Writes config.json, model.safetensors (F32, Conv1D layout, tied lm_head), tokenizer.json and \
      tokenizer_config.json (plus vocab.json and merges.txt for byte-level BPE), so that \
      GPT2LMHeadModel.from_pretrained(DIR) and AutoTokenizer.from_pretrained(DIR) load it and give the same \
      logits. A character tokenizer is exported as a tokenizers BPE model whose vocabulary is the characters, \
      with no merges and no pre-tokenizer, which encodes every text character by character as workbench does. \
      The folder is created if needed; each file is written to a temporary file and renamed, and other files \
      in the folder are kept.
      """)

  @Option(help: "A workbench checkpoint (.safetensors) or a Hugging Face GPT-2 directory.") var checkpoint: String
  @Option(help: "The folder to write, e.g. output/my-model-hf.") var to: String

  func run() throws {
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    let folder = URL(fileURLWithPath: to)
    try HuggingFaceGPT2Directory.write(loaded.model, tokenizer: loaded.tokenizer, to: folder)
    let config = loaded.model.config
    print(
      "wrote \(folder.path): n_layer \(config.layerCount), n_head \(config.headCount), n_embd \(config.embeddingWidth), "
        + "n_positions \(config.blockSize), vocab_size \(config.vocabSize), \(loaded.tokenizer.kindName) tokenizer")
  }
}
