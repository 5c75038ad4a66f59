import ArgumentParser
import Foundation
import NeuralNet
import WorkbenchFiles

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
      in the folder are kept. With --adapter FILE (the adapter.safetensors of finetune --lora-rank) the adapters \
      are folded into the exported weights; with --peft DIR as well, the base is exported unchanged and DIR gets \
      the adapters in PEFT's layout (adapter_config.json, adapter_model.safetensors), which \
      PeftModel.from_pretrained(GPT2LMHeadModel.from_pretrained(TO), DIR) loads.
      """)

  @Option(help: "A workbench checkpoint (.safetensors) or a Hugging Face GPT-2 directory.") var checkpoint: String
  @Option(help: "The folder to write, e.g. output/my-model-hf.") var to: String
  @Option(help: "LoRA adapters of the checkpoint (the adapter.safetensors of finetune --lora-rank): folded into the weights, or with --peft kept apart.")
  var adapter: String?
  @Option(help: "A folder for the --adapter adapters in Hugging Face PEFT's layout, beside the base exported to --to.")
  var peft: String?

  func validate() throws {
    if peft != nil && adapter == nil {
      throw ValidationError("--peft writes LoRA adapters: give them with --adapter FILE (the adapter.safetensors of a finetune --lora-rank run).")
    }
  }

  func run() throws {
    let loaded = try Checkpoint.loadGPT(from: URL(fileURLWithPath: checkpoint))
    let adapters = try adapter.map { try LoRAAdapterFile.read(from: URL(fileURLWithPath: $0)) }
    if let adapters, let adapter {
      // Checks that the adapters belong to this base (config and every tensor) before anything is written.
      try adapters.apply(to: loaded.model, path: adapter)
      if peft == nil { try loaded.model.mergeLoRA() }
    }
    let folder = URL(fileURLWithPath: to)
    try HuggingFaceGPT2Directory.write(loaded.model, tokenizer: loaded.tokenizer, to: folder)
    let config = loaded.model.config
    print(
      "wrote \(folder.path): n_layer \(config.layerCount), n_head \(config.headCount), n_embd \(config.embeddingWidth), "
        + "n_positions \(config.blockSize), vocab_size \(config.vocabSize), \(loaded.tokenizer.kindName) tokenizer"
        + (adapters != nil && peft == nil ? ", LoRA adapters folded in" : ""))
    if let adapters, let peft {
      let target = URL(fileURLWithPath: peft)
      try PEFTAdapterDirectory.write(adapters, baseModel: folder.standardizedFileURL.path, to: target)
      print("wrote \(target.path): PEFT LoRA adapters, r \(adapters.rank), lora_alpha \(JSONWriter.number(adapters.alpha)), on the base in \(folder.path)")
    }
  }
}
