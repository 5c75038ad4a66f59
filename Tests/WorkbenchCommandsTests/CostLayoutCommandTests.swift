import ArgumentParser
import Foundation
import Testing
import TrainingCost
@testable import WorkbenchCommands

/// `workbench cost memory` and `workbench cost layout` through the real root command.
@Suite struct CostLayoutCommandTests {
  func output(_ arguments: [String]) throws -> String {
    let command = try Workbench.parseAsRoot(["cost"] + arguments)
    let reporting = try #require(command as? any CostReporting)
    return try reporting.renderedOutput()
  }

  func jsonRows(_ arguments: [String], table: String) throws -> [[String: Any]] {
    let json = try output(arguments + ["--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    return try #require(object[table] as? [[String: Any]])
  }

  /// The ZeRO paper's example (Rajbhandari et al. 2020, Figure 1: Ψ = 7.5B, N_d = 64) through the CLI's JSON rows.
  @Test(arguments: [("0", 120.0), ("1", 31.4), ("2", 16.6), ("3", 1.9)])
  func memoryJSONReproducesZeRO(stage: String, publishedGB: Double) throws {
    let rows = try jsonRows(["memory", "--params", "7.5B", "--dp", "64", "--zero", stage], table: "memory")
    func value(_ key: String) throws -> Double { try #require(rows.first { $0["key"] as? String == key }?["value"] as? Double) }
    let states = try value("weights_bytes") + value("gradients_bytes") + value("optimizer_bytes")
    #expect(abs(states / 1e9 / publishedGB - 1) < 0.02)
    #expect(try value("total_bytes") == states + value("activations_bytes"))
    #expect(rows.first { $0["key"] as? String == "weights_bytes" }?["unit"] as? String == "bytes")
  }

  /// Korthikanti et al. 2022, Table 2, GPT-3 at t = 8 with sequence parallelism and selective recomputation,
  /// p = 1: 4.25·s·b·h per layer × 96 layers = 10,267,656,192 bytes.
  @Test func memoryActivationsForGPT3() throws {
    let rows = try jsonRows(
      ["memory", "--preset", "gpt-3", "--tp", "8", "--sequence-parallel", "--recompute", "selective"], table: "memory")
    let activations = try #require(rows.first { $0["key"] as? String == "activations_bytes" }?["value"] as? Double)
    #expect(activations == 4.25 * 2048 * 12288 * 96)
  }

  /// Acceptance: GPT-3 175B on 1536 A100 80GB, batch 1536 × 2048 (Narayanan et al. 2021, the 175B
  /// comparison with ZeRO-3, Table 2 as we read it: 141 teraFLOP/s per GPU at 1536 GPUs, t = 8, p = 12).
  @Test func layoutForGPT3() throws {
    let rows = try jsonRows(
      ["layout", "--preset", "gpt-3", "--gpus", "1536", "--gpu", "a100-80gb", "--global-batch", "1536", "--seq", "2048"],
      table: "layouts")
    let best = try #require(rows.first)
    let tflops = try #require(best["tflops_per_gpu"] as? Double)
    #expect(abs(tflops / 141 - 1) < 0.30)
    #expect(best["tp"] as? Int == 8)
    #expect(try #require(best["memory_bytes"] as? Double) <= 72e9)
  }

  /// Megatron-LM argument names, checked against NVIDIA/Megatron-LM at commit d98e8a6 (2026-08-22):
  /// `megatron/training/arguments.py` adds `--seq-length`, `--max-position-embeddings` and
  /// `--use-distributed-optimizer` literally, and builds the others from dataclass fields with
  /// `_` → `-` (`megatron/training/argument_utils.py`): `ModelParallelConfig.tensor_model_parallel_size`,
  /// `.pipeline_model_parallel_size`, `.sequence_parallel`, `.bf16`, `.fp16`
  /// (`megatron/core/model_parallel_config.py`); `TransformerConfig.num_layers`, `.hidden_size`,
  /// `.num_attention_heads`, `.recompute_granularity` (Literal['full', 'selective']), `.recompute_method`
  /// (Literal['uniform', 'block']), `.recompute_num_layers` (required with full granularity)
  /// (`megatron/core/transformer/transformer_config.py`); `TrainingConfig.micro_batch_size`,
  /// `.global_batch_size` (`megatron/training/config/training_config.py`).
  static let megatronArgumentNames: Set<String> = [
    "--tensor-model-parallel-size", "--pipeline-model-parallel-size", "--sequence-parallel", "--bf16", "--fp16",
    "--num-layers", "--hidden-size", "--num-attention-heads", "--recompute-granularity", "--recompute-method",
    "--recompute-num-layers", "--micro-batch-size", "--global-batch-size", "--seq-length",
    "--max-position-embeddings", "--use-distributed-optimizer", "--tokenizer-type", "--vocab-size", "--mock-data", "--train-iters",
    "--ffn-hidden-size", "--group-query-attention", "--num-query-groups", "--swiglu", "--normalization",
    "--position-embedding-type", "--rotary-base", "--disable-bias-linear", "--untie-embeddings-and-output-weights",
    "--num-layers-per-virtual-pipeline-stage", "--no-overlap-p2p-communication", "--overlap-grad-reduce", "--distribute-saved-activations",
    "--use-megatron-fsdp", "--data-parallel-sharding-strategy", "--ckpt-format",
  ]

  @Test(arguments: [[String](), ["--recompute", "full", "--zero", "1"], ["--recompute", "selective", "--pp", "12"]])
  func megatronArgumentsAreKnownNames(extra: [String]) throws {
    let text = try output(
      ["layout", "--preset", "gpt-3", "--gpus", "1536", "--gpu", "a100-80gb", "--global-batch", "1536", "--emit", "megatron"] + extra)
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map(String.init)
    #expect(words.first == "CUDA_DEVICE_MAX_CONNECTIONS=1" && words[1] == "torchrun")
    let script = try #require(words.firstIndex(of: "pretrain_gpt.py"))
    let options = words[script...].filter { $0.hasPrefix("--") }
    #expect(!options.isEmpty)
    for option in options { #expect(Self.megatronArgumentNames.contains(option), "\(option)") }
    // Values: integers after size options, the Literal choices after the recompute options.
    for (index, word) in words.enumerated() where word.hasSuffix("-size") || word == "--recompute-num-layers" {
      #expect(Int(words[index + 1]) != nil && Int(words[index + 1])! >= 1)
    }
    if let index = words.firstIndex(of: "--recompute-granularity") { #expect(["full", "selective"].contains(words[index + 1])) }
    if let index = words.firstIndex(of: "--recompute-method") { #expect(["uniform", "block"].contains(words[index + 1])) }
    // t · p divides the GPUs and the global batch is a multiple of micro-batch × data-parallel size.
    func number(_ name: String) -> Int { Int(words[words.firstIndex(of: name)! + 1])! }
    let t = number("--tensor-model-parallel-size"), p = number("--pipeline-model-parallel-size")
    #expect(1536 % (t * p) == 0)
    #expect(number("--global-batch-size") % (number("--micro-batch-size") * (1536 / t / p)) == 0)
    if extra.contains("full") { #expect(words.contains("--recompute-method") && words.contains("--recompute-num-layers")) }
  }

  /// DeepSpeed config keys as documented at deepspeed.ai/docs/config-json ("Batch Size Related Parameters":
  /// train_batch_size = train_micro_batch_size_per_gpu × gradient_accumulation_steps × data-parallel GPUs;
  /// "BFLOAT16 training options": bf16.enabled; "ZeRO Optimizations": zero_optimization.stage 0–3).
  @Test func deepSpeedConfigIsValidJSONWithDocumentedKeys() throws {
    let text = try output(
      ["layout", "--params", "7B", "--gpus", "64", "--gpu", "h100-sxm", "--global-batch", "512", "--seq", "4096", "--emit", "deepspeed"])
    // The JSON, a blank line, then what it assumes and the Megatron-DeepSpeed line.
    let parts = text.components(separatedBy: "\n\n")
    #expect(parts.count == 2 && parts[1].hasPrefix("# Save the JSON above as ds_config.json."))
    #expect(parts[1].contains("deepspeed --num_nodes 8 --num_gpus 8 pretrain_gpt.py") && parts[1].contains("--deepspeed_config ds_config.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(parts[0].utf8)) as? [String: Any])
    let documented: Set<String> = [
      "train_batch_size", "train_micro_batch_size_per_gpu", "gradient_accumulation_steps", "bf16", "fp16", "zero_optimization",
      "activation_checkpointing",
    ]
    #expect(Set(object.keys).isSubset(of: documented))
    let micro = try #require(object["train_micro_batch_size_per_gpu"] as? Int)
    let steps = try #require(object["gradient_accumulation_steps"] as? Int)
    #expect(object["train_batch_size"] as? Int == 512)
    #expect((512 / (micro * steps)) * micro * steps == 512)
    let zero = try #require(object["zero_optimization"] as? [String: Any])
    #expect((0...3).contains(try #require(zero["stage"] as? Int)))
    #expect((object["bf16"] as? [String: Any])?["enabled"] as? Bool == true)
  }

  @Test(arguments: [
    (["memory", "--preset", "gpt-3", "--tp", "5"], "--tp 5 does not divide the model's 96 attention heads; choose a divisor of 96 (e.g. 1, 2, 3, 4, 6, 8)."),
    (["memory", "--preset", "gpt-3", "--pp", "7"], "--pp 7 does not divide the model's 96 layers; choose a divisor of 96 (e.g. 1, 2, 3, 4, 6, 8, 12, 16)."),
    (["memory", "--preset", "gpt-3", "--tp", "0"], "--tp must be at least 1, got '0'."),
    (["memory", "--preset", "gpt-3", "--zero", "4"], "--zero must be 0, 1, 2 or 3 (ZeRO stages: none, optimizer states, + gradients, + weights), got '4'."),
    (["memory", "--preset", "gpt-3", "--recompute", "most"], "--recompute must be none, selective or full, got 'most'."),
    (["layout", "--preset", "gpt-3", "--gpus", "64", "--global-batch", "64", "--tp", "5"], "--tp 5 does not divide the model's 96 attention heads; choose a divisor of 96 (e.g. 1, 2, 3, 4, 6, 8)."),
    (["layout", "--preset", "gpt-3", "--gpus", "64", "--global-batch", "64", "--zero", "4"], "--zero must be 0, 1, 2 or 3 (ZeRO stages: none, optimizer states, + gradients, + weights), got '4'."),
    (["layout", "--preset", "gpt-3", "--gpus", "1024", "--global-batch", "1024", "--zero", "2", "--pp", "2"],
     "--zero 2 is excluded with pipeline parallelism (--pp 2): ZeRO stages above 1 shard gradients or weights, which Megatron-LM's and DeepSpeed's pipeline engines do not; choose --zero 1 or lower, or --pp 1."),
    (["layout", "--preset", "gpt-3", "--gpus", "1024", "--global-batch", "1024", "--pp", "8", "--virtual-stages", "5"],
     "--virtual-stages 5 does not divide the 12 layers of each pipeline stage; choose a divisor of 12 (e.g. 1, 2, 3, 4, 6, 12)."),
    (["layout", "--preset", "gpt-3", "--gpus", "1024", "--global-batch", "1024", "--pp", "1", "--overlap-p2p"],
     "--overlap-p2p overlaps the transfers between pipeline stages, and with --pp 1 there are none; give --pp 2 or more with --virtual-stages, or leave it out."),
    (["memory", "--preset", "gpt-3", "--tp", "8", "--recompute", "selective", "--distribute-saved-activations"],
     "--distribute-saved-activations splits the stored layer inputs over the tensor-parallel ranks, so it needs --tp 2 or more, --recompute full and no sequence parallelism."),
    (["memory", "--preset", "gpt-4"], "unknown preset 'gpt-4'; choose one of gpt-3, llama-2-7b, llama-2-70b, llama-3.1-405b, or give --params or --layers --d-model --heads."),
  ])
  func badLayoutsExit64(arguments: [String], message: String) {
    do {
      _ = try Workbench.parseAsRoot(["cost"] + arguments)
      Issue.record("expected \(arguments) to be rejected")
    } catch {
      #expect(Workbench.exitCode(for: error).rawValue == 64)
      #expect(Workbench.message(for: error) == message)
    }
  }

  /// A model that fits nowhere says so, names the smallest change, and exits 64.
  @Test func layoutThatCannotFitNamesTheChange() throws {
    do {
      _ = try output(["layout", "--preset", "gpt-3", "--gpus", "8", "--gpu", "a100-80gb", "--global-batch", "8"])
      Issue.record("expected no layout to fit")
    } catch {
      let failure = try #require(WorkbenchFailure(classifying: error))
      #expect(failure.exitCode == 64)
      #expect(failure.message.hasPrefix("gpt-3 with a global batch of 8 does not fit on 8 a100-80gb GPUs in any layout searched; use at least "))
    }
    do {
      _ = try output(["layout", "--preset", "gpt-3", "--gpus", "64", "--gpu", "a100-80gb", "--global-batch", "64", "--zero", "0", "--recompute", "none"])
      Issue.record("expected no layout to fit")
    } catch {
      let failure = try #require(WorkbenchFailure(classifying: error))
      #expect(failure.exitCode == 64)
      #expect(failure.message.hasSuffix("; use --recompute full (store only each layer's input)."))
    }
  }
}
