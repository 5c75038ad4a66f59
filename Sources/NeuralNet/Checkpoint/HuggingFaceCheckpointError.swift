/// Why a Hugging Face GPT-2 directory cannot be read or written. Each `description` is one sentence
/// naming the file, what is wrong and what the workbench supports.
public enum HuggingFaceCheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A file the directory needs is absent (`what` names it, e.g. "config.json").
  case missingFile(folder: String, what: String)
  /// A folder without `config.json` that holds workbench checkpoints (`checkpoints` names them):
  /// probably a training output folder passed instead of its checkpoint file.
  case notADirectoryCheckpoint(folder: String, checkpoints: [String])
  /// `config.json` is not a JSON object, or a field has the wrong type.
  case badConfig(path: String, reason: String)
  /// A text file of the directory is larger than `HuggingFaceGPT2Directory.maximumTextFileByteCount`.
  case fileTooLarge(path: String, byteCount: Int, limit: Int)
  /// `config.json` describes another architecture.
  case unsupportedModelType(path: String, modelType: String)
  /// A `config.json` setting the engine does not implement; `supported` says what it does.
  case unsupportedSetting(path: String, key: String, value: String, supported: String)
  /// A tensor whose shape disagrees with `config.json`.
  case shapeDisagreesWithConfig(path: String, name: String, expected: [Int], found: [Int], config: String)
  /// The tokenizer has more tokens than the model has rows in its embedding.
  case tokenizerLargerThanModel(folder: String, tokenCount: Int, vocabSize: Int)
  /// `lm_head.weight` is present and differs from the token embedding (an untied head).
  case untiedOutputHead(path: String)
  /// The output folder (or a file in it) cannot be created.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case let .missingFile(folder, what):
      return "The Hugging Face directory \(folder) has no \(what); a GPT-2 directory needs config.json, model.safetensors and tokenizer files (tokenizer.json, or vocab.json and merges.txt)."
    case let .notADirectoryCheckpoint(folder, checkpoints):
      return "\(folder) is a folder without config.json, so not a Hugging Face directory; to use a workbench checkpoint, pass the file itself, e.g. \(folder)/\(checkpoints[0])."
    case let .fileTooLarge(path, byteCount, limit):
      return "\(path) is \(byteCount) bytes, more than the limit of \(limit) bytes for a configuration or tokenizer file; it is not a GPT-2 file the workbench can read."
    case let .badConfig(path, reason):
      return "\(path) cannot be read as a GPT-2 config: \(reason)."
    case let .unsupportedModelType(path, modelType):
      return "\(path): model_type \(modelType) is not supported; supported: gpt2."
    case let .unsupportedSetting(path, key, value, supported):
      return "\(path): \(key) \(value) is not supported by the workbench's GPT; supported: \(supported)."
    case let .shapeDisagreesWithConfig(path, name, expected, found, config):
      return "\(path): tensor '\(name)' has shape \(found), but config.json (\(config)) needs \(expected)."
    case let .tokenizerLargerThanModel(folder, tokenCount, vocabSize):
      return "The Hugging Face directory \(folder) has a tokenizer of \(tokenCount) tokens but config.json has vocab_size \(vocabSize); use the tokenizer the model was trained with."
    case let .untiedOutputHead(path):
      return "\(path): lm_head.weight differs from the token embedding wte.weight, but the workbench's GPT ties them; use a checkpoint with tied embeddings."
    case let .cannotWrite(path, reason):
      return "Cannot write the Hugging Face directory \(path): \(reason)."
    }
  }
}
