@testable import Training
import NeuralNet

/// Restores the bytes as a `training-state.safetensors`: header, tokenizer, model and LoRA adapters.
enum FuzzTrainingState {
  static func run(_ bytes: [UInt8]) {
    guard let file = try? SafetensorsFile.decode(bytes, path: "training-state.safetensors") else { return }
    _ = try? TrainingState.restore(file, path: "training-state.safetensors")
  }
}
