import Foundation
import WorkbenchFiles

/// LoRA adapters as Hugging Face PEFT's `save_pretrained` writes them for a GPT-2
/// (`GPT2LMHeadModel`), so that `PeftModel.from_pretrained(base, DIR)` puts them on the base model
/// exported by ``HuggingFaceGPT2Directory``.
///
/// Files: `adapter_model.safetensors`, every adapter as
/// `base_model.model.transformer.h.N.<module>.lora_A.weight` `[r, in]` and `….lora_B.weight`
/// `[out, r]` (float32; the workbench's own A and B, unchanged: PEFT's `lora_A`/`lora_B` are linear
/// layers in `[out, in]` layout whatever the base layer), and `adapter_config.json`: `peft_type`
/// LORA, `r` = the rank, `lora_alpha` = α (PEFT scales B·A by `lora_alpha / r`, as the workbench
/// scales by α/r), `target_modules` = the blocks' modules that carry adapters (`c_attn`, `c_fc`,
/// `c_proj`), `fan_in_fan_out` true (GPT-2's `Conv1D` stores its weight `[in, out]`), no dropout, no
/// bias, and `base_model_name_or_path` = the exported base folder.
public enum PEFTAdapterDirectory {
  /// The file names PEFT reads.
  public static let configFileName = "adapter_config.json", weightsFileName = "adapter_model.safetensors"

  /// PEFT's name of the workbench adapter tensor `name` (`h.0.attn.c_attn.lora_A`).
  public static func peftName(of name: String) -> String { "base_model.model.transformer.\(name).weight" }

  /// The modules that carry adapters in `adapters` (the part of each name before `.lora_A`/`.lora_B`
  /// after the block), sorted: what PEFT's `target_modules` matches module names against.
  static func targetModules(of adapters: LoRAAdapterFile) -> [String] {
    Set(adapters.adapters.keys.compactMap { name -> String? in
      let parts = name.split(separator: ".")
      return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }).sorted()
  }

  /// `adapter_config.json` for `adapters` on the base model at `baseModel`.
  public static func configJSON(of adapters: LoRAAdapterFile, baseModel: String) -> String {
    let members: [(key: String, value: JSONValue)] = [
      ("base_model_name_or_path", .string(baseModel)),
      ("bias", .string("none")),
      ("fan_in_fan_out", .bool(true)),
      ("inference_mode", .bool(true)),
      ("init_lora_weights", .bool(true)),
      ("lora_alpha", JSONValue(adapters.alpha)),
      ("lora_dropout", .number("0.0")),
      ("modules_to_save", .null),
      ("peft_type", .string("LORA")),
      ("r", .number("\(adapters.rank)")),
      ("target_modules", .array(targetModules(of: adapters).map { .string($0) })),
      ("task_type", .string("CAUSAL_LM")),
      ("use_rslora", .bool(false)),
    ]
    return JSONWriter.document(.object(members)) + "\n"
  }

  /// Writes `adapters` in PEFT's layout into `folder` (created with its parents when missing), for
  /// the base model exported to `baseModel`. Each file is written to a temporary sibling and renamed.
  /// - Throws: `HuggingFaceCheckpointError.cannotWrite` (the path is a file, no permission, disk full).
  public static func write(_ adapters: LoRAAdapterFile, baseModel: String, to folder: URL) throws {
    try HuggingFaceGPT2Directory.makeFolder(folder)
    var tensors: [String: SafetensorsArray] = [:]
    for (name, array) in adapters.adapters { tensors[peftName(of: name)] = array }
    let weights = folder.appendingPathComponent(weightsFileName)
    do {
      try SafetensorsFile(tensors: tensors, metadata: ["format": "pt"]).write(to: weights)
    } catch let SafetensorsError.cannotWrite(path, reason) {
      throw HuggingFaceCheckpointError.cannotWrite(path: path, reason: reason)
    }
    try HuggingFaceGPT2Directory.writeFile(Array(configJSON(of: adapters, baseModel: baseModel).utf8), to: folder.appendingPathComponent(configFileName))
  }
}
