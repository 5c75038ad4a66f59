import Autograd
import Foundation
import WorkbenchFiles

/// A Hugging Face GPT-2 directory, as `transformers`' `save_pretrained` writes it, read into and
/// written from the workbench's ``GPT``.
///
/// Files: `config.json` (see ``HuggingFaceGPT2Config``), `model.safetensors` and the tokenizer
/// (`tokenizer.json`, else `vocab.json` + `merges.txt`; see ``TokenizerJSON`` and ``GPT2TokenizerFiles``).
///
/// Weights, read: F32, F16 or BF16 (widened exactly to `Float`); names with or without the
/// `transformer.` prefix; the attention buffers `h.N.attn.bias` and `h.N.attn.masked_bias` of older
/// saves ignored; `lm_head.weight` accepted when absent or equal to `wte.weight` (the engine ties
/// them). GPT-2's four projections per block (`attn.c_attn`, `attn.c_proj`, `mlp.c_fc`,
/// `mlp.c_proj`) are `Conv1D` layers stored `[in, out]`; they are transposed to the engine's
/// `[out, in]`. Every tensor's shape is checked against `config.json` before anything is built.
///
/// Written: the same layout `save_pretrained` uses (F32, `transformer.` prefix, Conv1D `[in, out]`,
/// no `lm_head.weight`, metadata `{"format": "pt"}`), so that `GPT2LMHeadModel.from_pretrained`
/// and `AutoTokenizer.from_pretrained` load it.
public enum HuggingFaceGPT2Directory {
  /// The names of the four Conv1D weights of a block, after `h.N.`.
  static let conv1DWeights: Set<String> = ["attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"]

  /// True when `name` (engine naming, e.g. `h.0.mlp.c_fc.weight`) is stored `[in, out]` by Hugging Face.
  static func isConv1DWeight(_ name: String) -> Bool {
    let parts = name.split(separator: ".", maxSplits: 2)
    return parts.count == 3 && parts[0] == "h" && conv1DWeights.contains(String(parts[2]))
  }

  /// True when `name` is one of the attention buffers older saves include (`h.N.attn.bias`, `h.N.attn.masked_bias`).
  static func isAttentionBuffer(_ name: String) -> Bool {
    let parts = name.split(separator: ".")
    return parts.count == 4 && parts[0] == "h" && parts[2] == "attn" && (parts[3] == "bias" || parts[3] == "masked_bias")
  }

  /// `[rows, columns]` row-major values transposed to `[columns, rows]` (the engine's transpose kernel).
  static func transposed(_ values: [Float], rows: Int, columns: Int) -> [Float] {
    GradientMode.withoutRecording { try! Tensor<Float>(shape: [rows, columns], scalars: values).transposed().scalars }
  }

  // MARK: Reading

  /// Whether `url` is a folder (the loader then reads it as a Hugging Face directory).
  public static func isDirectory(_ url: URL) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
  }

  /// The GPT and tokenizer of the Hugging Face GPT-2 directory `folder`.
  /// - Throws: `HuggingFaceCheckpointError` (missing files, unsupported config, shapes that disagree
  ///   with it, an untied head), `CheckpointError` (missing or unexpected tensors), `SafetensorsError`
  ///   (a truncated or corrupt `model.safetensors`), `TokenizerError` (unreadable or unsupported tokenizer).
  public static func load(from folder: URL) throws -> Checkpoint.LoadedGPT {
    let configURL = folder.appendingPathComponent("config.json")
    let weightsURL = folder.appendingPathComponent("model.safetensors")
    if !FileManager.default.fileExists(atPath: configURL.path) {
      let checkpoints = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".safetensors") && $0 != "model.safetensors" }.sorted()
      if !checkpoints.isEmpty { throw HuggingFaceCheckpointError.notADirectoryCheckpoint(folder: folder.path, checkpoints: checkpoints) }
    }
    for (url, name) in [(configURL, "config.json"), (weightsURL, "model.safetensors")]
    where !FileManager.default.fileExists(atPath: url.path) {
      throw HuggingFaceCheckpointError.missingFile(folder: folder.path, what: name)
    }
    let config = try HuggingFaceGPT2Config.read(try contents(of: configURL), path: configURL.path)
    let tokenizer = try readTokenizer(in: folder)
    guard tokenizer.vocabularySize <= config.vocabSize else {
      throw HuggingFaceCheckpointError.tokenizerLargerThanModel(
        folder: folder.path, tokenCount: tokenizer.vocabularySize, vocabSize: config.vocabSize)
    }
    // Every name and shape is checked first; then each parameter is copied (or transposed) straight
    // from the mapped file into the model.
    let file = try MappedSafetensorsFile(contentsOf: weightsURL)
    let sources = try engineSources(of: file, config: config, path: weightsURL.path)
    let model = try GPT<Float>(zeroedFor: config)
    for p in model.namedParameters {
      guard let source = sources[p.name] else { throw CheckpointError.missingTensor(path: weightsURL.path, name: p.name) }
      p.tensor.withMutableScalars { values in
        values.withUnsafeMutableBufferPointer { file.read(source.name, into: $0, transposed: source.isConv1D) }
      }
    }
    let configText = String(decoding: try JSONEncoder.sorted.encode(config), as: UTF8.self)
    return Checkpoint.LoadedGPT(model: model, tokenizer: tokenizer, metadata: ["config": configText, "source": "huggingface"])
  }

  /// Where each engine parameter of a Hugging Face GPT-2 `model.safetensors` is stored: the
  /// stored tensor's name, and whether it is a `Conv1D` weight stored `[in, out]` (the engine's is
  /// `[out, in]`), after checking every name and shape against `config`.
  static func engineSources(
    of file: MappedSafetensorsFile, config: GPTConfig, path: String
  ) throws -> [String: (name: String, isConv1D: Bool)] {
    let tensors = file.tensors
    var stored: [String: String] = [:]
    var head: String? = nil
    for name in JSONWriter.sortedKeys(tensors.keys) {
      let bare = name.hasPrefix("transformer.") ? String(name.dropFirst("transformer.".count)) : name
      if bare == "lm_head.weight" {
        head = name
        continue
      }
      if isAttentionBuffer(bare) { continue }
      guard stored.updateValue(name, forKey: bare) == nil else { throw CheckpointError.unexpectedTensor(path: path, name: name) }
    }
    let expected = config.parameterBreakdown.tensors
    let expectedNames = Set(expected.map(\.name))
    if let extra = stored.keys.sorted().first(where: { !expectedNames.contains($0) }) {
      throw CheckpointError.unexpectedTensor(path: path, name: extra)
    }
    let summary = HuggingFaceGPT2Config.summary(of: config)
    var result: [String: (name: String, isConv1D: Bool)] = [:]
    for tensor in expected {
      guard let name = stored[tensor.name] else { throw CheckpointError.missingTensor(path: path, name: tensor.name) }
      let conv1D = isConv1DWeight(tensor.name)
      let storedShape = conv1D ? Array(tensor.shape.reversed()) : tensor.shape
      guard tensors[name]!.shape == storedShape else {
        throw HuggingFaceCheckpointError.shapeDisagreesWithConfig(
          path: path, name: tensor.name, expected: storedShape, found: tensors[name]!.shape, config: summary)
      }
      result[tensor.name] = (name, conv1D)
    }
    if let head {
      let embedding = result["wte.weight"]!.name
      guard tensors[head]!.shape == tensors[embedding]!.shape else {
        throw HuggingFaceCheckpointError.shapeDisagreesWithConfig(
          path: path, name: "lm_head.weight", expected: tensors[embedding]!.shape, found: tensors[head]!.shape, config: summary)
      }
      guard file.array(head).scalars(as: Float.self) == file.array(embedding).scalars(as: Float.self) else {
        throw HuggingFaceCheckpointError.untiedOutputHead(path: path)
      }
    }
    return result
  }

  /// The tokenizer of `folder`: `tokenizer.json` when present, else `vocab.json` + `merges.txt`.
  static func readTokenizer(in folder: URL) throws -> any Tokenizer {
    let json = folder.appendingPathComponent("tokenizer.json")
    if FileManager.default.fileExists(atPath: json.path) {
      return try TokenizerJSON.tokenizer(from: try contents(of: json), source: json.path)
    }
    let vocab = folder.appendingPathComponent("vocab.json")
    let merges = folder.appendingPathComponent("merges.txt")
    guard FileManager.default.fileExists(atPath: vocab.path), FileManager.default.fileExists(atPath: merges.path) else {
      throw HuggingFaceCheckpointError.missingFile(folder: folder.path, what: "tokenizer.json (or vocab.json and merges.txt)")
    }
    return try GPT2TokenizerFiles.tokenizer(
      vocabJSON: try contents(of: vocab), mergesText: String(decoding: try contents(of: merges), as: UTF8.self),
      source: "the tokenizer files in \(folder.path)")
  }

  /// Largest `config.json`, `tokenizer.json`, `vocab.json` or `merges.txt` read, in bytes (GPT-2's
  /// `tokenizer.json` is 1.4 MB; a 2²⁰-token vocabulary's is under 64 MB).
  public static let maximumTextFileByteCount = 256 << 20

  private static func contents(of url: URL) throws -> [UInt8] {
    if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumTextFileByteCount {
      throw HuggingFaceCheckpointError.fileTooLarge(path: url.path, byteCount: size, limit: maximumTextFileByteCount)
    }
    do {
      return Array(try Data(contentsOf: url))
    } catch {
      throw HuggingFaceCheckpointError.missingFile(folder: url.deletingLastPathComponent().path, what: "readable \(url.lastPathComponent)")
    }
  }

  // MARK: Writing

  /// The parameters of `model` named and laid out as `save_pretrained` stores them
  /// (`transformer.` prefix, Conv1D weights `[in, out]`).
  public static func huggingFaceTensors(of model: GPT<Float>) -> [String: SafetensorsArray] {
    var tensors: [String: SafetensorsArray] = [:]
    for p in model.namedParameters where !p.name.hasSuffix("lora_A") && !p.name.hasSuffix("lora_B") {
      let shape = p.tensor.shape
      let array =
        isConv1DWeight(p.name)
        ? SafetensorsArray(shape: [shape[1], shape[0]], scalars: transposed(p.tensor.scalars, rows: shape[0], columns: shape[1]))
        : SafetensorsArray(shape: shape, scalars: p.tensor.scalars)
      tensors["transformer." + p.name] = array
    }
    return tensors
  }

  /// Writes `model` and `tokenizer` as a Hugging Face GPT-2 directory at `folder` (created with its
  /// parents when missing): `config.json`, `model.safetensors`, `tokenizer.json`,
  /// `tokenizer_config.json` and, for byte-level BPE, `vocab.json` and `merges.txt`. Each file is
  /// written to a temporary sibling and renamed, so a file already there is replaced whole or kept;
  /// other files in the folder are left alone. LoRA adapters must be merged first.
  /// - Throws: `HuggingFaceCheckpointError.cannotWrite` (the path is a file, no permission, disk full).
  public static func write(_ model: GPT<Float>, tokenizer: any Tokenizer, to folder: URL) throws {
    try makeFolder(folder)
    var files: [(String, String)] = []
    var endOfText: Int? = nil
    switch tokenizer {
    case let bpe as ByteLevelBPETokenizer:
      endOfText = bpe.addedTokens.first { $0.content == "<|endoftext|>" }?.id
      files += [
        ("tokenizer.json", TokenizerJSON.text(of: bpe)), ("vocab.json", GPT2TokenizerFiles.vocabJSON(of: bpe)),
        ("merges.txt", GPT2TokenizerFiles.mergesText(of: bpe)),
      ]
    default:
      files.append(("tokenizer.json", try TokenizerJSON.text(of: tokenizer)))
    }
    var tokenizerConfig = ["  \"model_max_length\": \(model.config.blockSize)", "  \"tokenizer_class\": \"PreTrainedTokenizerFast\""]
    if endOfText != nil {
      tokenizerConfig += ["bos_token", "eos_token", "unk_token"].map { "  \"\($0)\": \"<|endoftext|>\"" }
    }
    files.append(("tokenizer_config.json", "{\n" + tokenizerConfig.sorted().joined(separator: ",\n") + "\n}\n"))
    files.append(("config.json", HuggingFaceGPT2Config.text(of: model.config, endOfTextID: endOfText)))
    for (name, text) in files { try writeFile(Array(text.utf8), to: folder.appendingPathComponent(name)) }
    let weights = SafetensorsFile(tensors: huggingFaceTensors(of: model), metadata: ["format": "pt"])
    do {
      try weights.write(to: folder.appendingPathComponent("model.safetensors"))
    } catch let SafetensorsError.cannotWrite(path, reason) {
      throw HuggingFaceCheckpointError.cannotWrite(path: path, reason: reason)
    }
  }

  /// Makes sure `folder` is a folder, creating it with its parents when missing.
  /// - Throws: `HuggingFaceCheckpointError.cannotWrite` when it is a file or cannot be created.
  static func makeFolder(_ folder: URL) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
      throw HuggingFaceCheckpointError.cannotWrite(path: folder.path, reason: "it is a file, not a folder")
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw HuggingFaceCheckpointError.cannotWrite(path: folder.path, reason: "the folder cannot be created (\((error as NSError).localizedDescription))")
    }
  }

  static func writeFile(_ bytes: [UInt8], to url: URL) throws {
    do {
      try AtomicFile.write(bytes, to: url)
    } catch {
      throw HuggingFaceCheckpointError.cannotWrite(path: url.path, reason: error.reason)
    }
  }
}
