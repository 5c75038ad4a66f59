import NeuralNet

/// Reads the bytes as a Hugging Face GPT-2 `config.json`; an accepted config must be valid.
enum FuzzHuggingFaceConfig {
  static func run(_ bytes: [UInt8]) {
    guard let config = try? HuggingFaceGPT2Config.read(bytes, path: "config.json") else { return }
    precondition((try? config.validate()) != nil, "config.json accepted a config that does not validate")
  }
}
