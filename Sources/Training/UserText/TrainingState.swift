import Autograd
import Foundation
import NeuralNet
import WorkbenchFiles

/// The file that lets an interrupted run continue bit for bit: every parameter of the model
/// (LoRA adapters included) as `model.<name>`, AdamW's moments as `adam_m.<name>` and `adam_v.<name>`
/// (trainable parameters only), all float32, and in `__metadata__` the step counter, the batch
/// generator's state, the config, the tokenizer, the setup and the history (JSON).
/// Written atomically (temporary file, then rename), so a run killed while saving keeps the previous state.
public struct TrainingState {
  /// The state's file name inside the output folder.
  public static let fileName = "training-state.safetensors"
  /// The value of `__metadata__["format"]` that marks a workbench training state.
  static let formatTag = "workbench-training-state-1"

  /// JSON part of the state.
  struct Header: Codable {
    var step, optimizerSteps: Int
    var generatorState: UInt64
    var config: GPTConfig
    var tokenizer: String
    var setup: TrainingSetup
    var history: TrainingHistory
  }

  /// Writes the state of `run` into `folder`.
  static func save(_ run: TrainingRun, to folder: URL) throws {
    var tensors: [String: SafetensorsArray] = [:]
    for p in run.model.namedParameters {
      tensors["model." + p.name] = SafetensorsArray(shape: p.tensor.shape, scalars: p.tensor.scalars)
    }
    let moments = run.optimizer.state
    for (index, p) in run.trainableNames.enumerated() {
      tensors["adam_m." + p] = SafetensorsArray(shape: [moments.firstMoment[index].count], scalars: moments.firstMoment[index])
      tensors["adam_v." + p] = SafetensorsArray(shape: [moments.secondMoment[index].count], scalars: moments.secondMoment[index])
    }
    let header = Header(
      step: run.step, optimizerSteps: moments.stepCount, generatorState: run.generator.state, config: run.model.config,
      tokenizer: run.tokenizer.serialized, setup: run.setup, history: run.history)
    let json = String(decoding: try JSONEncoder.trainingState.encode(header), as: UTF8.self)
    try SafetensorsFile(tensors: tensors, metadata: ["format": formatTag, "training_state": json])
      .write(to: folder.appendingPathComponent(fileName))
  }

  /// Reads the state in `folder` and rebuilds the run: model (with adapters), optimizer, generator,
  /// history, and the data, re-read from the text files (which must be unchanged).
  static func load(from folder: URL) throws -> TrainingRun {
    let url = folder.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { throw TrainingError.noSavedState(folder: folder.path) }
    StaleTemporaries.remove(in: folder)
    let file: SafetensorsFile
    do { file = try SafetensorsFile.read(from: url) } catch {
      throw TrainingError.badSavedState(path: url.path, reason: "\(error)")
    }
    let (header, tokenizer, model) = try restore(file, path: url.path)
    let data = try TrainingData(setup: header.setup, tokenizer: tokenizer, context: header.config.blockSize, reread: true)
    let run = try TrainingRun(
      model: model, tokenizer: tokenizer, data: data, setup: header.setup, folder: folder, history: header.history,
      step: header.step, generator: SplitMix64(seed: header.generatorState))
    var first: [[Float]] = [], second: [[Float]] = []
    for name in run.trainableNames {
      guard let m = file.tensors["adam_m." + name], let v = file.tensors["adam_v." + name] else {
        throw TrainingError.badSavedState(path: url.path, reason: "the optimizer moments of \(name) are missing")
      }
      first.append(m.scalars(as: Float.self))
      second.append(v.scalars(as: Float.self))
    }
    try run.optimizer.restore(AdamWState(stepCount: header.optimizerSteps, firstMoment: first, secondMoment: second))
    return run
  }

  /// The header, tokenizer and model (parameters filled in, adapters attached) of the decoded state
  /// `file`; `path` names it in errors: everything in a state but the optimizer and the text files.
  static func restore(_ file: SafetensorsFile, path: String) throws -> (header: Header, tokenizer: any Tokenizer, model: GPT<Float>) {
    guard file.metadata["format"] == formatTag, let json = file.metadata["training_state"] else {
      throw TrainingError.badSavedState(path: path, reason: "it is not a workbench training state")
    }
    let header: Header
    do { header = try JSONDecoder().decode(Header.self, from: Data(json.utf8)) } catch {
      throw TrainingError.badSavedState(path: path, reason: "its training_state is unreadable (\(error))")
    }
    let tokenizer = try StoredTokenizer.decode(header.tokenizer)
    // Limits and tensors first, so that a header asking for more than the file holds allocates nothing.
    try header.config.validate()
    for tensor in header.config.parameterBreakdown.tensors {
      guard file.tensors["model." + tensor.name]?.shape == tensor.shape else {
        throw TrainingError.badSavedState(path: path, reason: "the tensor model.\(tensor.name) is missing or has another shape")
      }
    }
    var unused = SplitMix64(seed: 0)
    let model = try GPT<Float>(config: header.config, using: &unused)
    if let lora = header.setup.options.lora { try model.attachLoRA(rank: lora.rank, alpha: lora.alpha, using: &unused) }
    for p in model.namedParameters {
      guard let stored = file.tensors["model." + p.name], stored.shape == p.tensor.shape else {
        throw TrainingError.badSavedState(path: path, reason: "the tensor model.\(p.name) is missing or has another shape")
      }
      try p.tensor.assign(stored.scalars(as: Float.self))
    }
    return (header, tokenizer, model)
  }
}

extension JSONEncoder {
  /// Sorted keys: the same state gives the same bytes.
  static var trainingState: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
