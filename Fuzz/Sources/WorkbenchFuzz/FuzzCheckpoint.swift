import NeuralNet

/// Loads the bytes as a workbench GPT checkpoint (safetensors + `config` + `tokenizer` metadata),
/// and when it loads, encodes a few characters with its tokenizer.
enum FuzzCheckpoint {
  static func run(_ bytes: [UInt8]) {
    guard let file = try? SafetensorsFile.decode(bytes, path: "fuzz.safetensors"),
      let loaded = try? Checkpoint.loadGPT(file: file, path: "fuzz.safetensors")
    else { return }
    if let ids = try? loaded.tokenizer.encode("ab") { _ = try? loaded.tokenizer.decode(ids) }
  }
}
