import WorkbenchFiles

/// A layout handed to an existing distributed training framework: the Megatron-LM command-line
/// arguments or the DeepSpeed JSON config that run it.
public enum LaunchConfiguration {
  /// Megatron-LM's `pretrain_gpt.py` arguments for `estimate` (names as `megatron/training/arguments.py`
  /// builds them: `--tensor-model-parallel-size` from `ModelParallelConfig.tensor_model_parallel_size`,
  /// `--recompute-granularity` from `TransformerConfig`, `--micro-batch-size` from `TrainingConfig`, …).
  /// ZeRO stage 1 or more becomes `--use-distributed-optimizer` (optimizer states sharded over data parallel).
  public static func megatronArguments(_ estimate: LayoutEstimate, precision: TrainingPrecision = .bf16) -> [String] {
    let a = estimate.architecture, l = estimate.layout
    var arguments = [
      "--tensor-model-parallel-size", "\(l.tensor)",
      "--pipeline-model-parallel-size", "\(l.pipeline)",
      "--num-layers", "\(a.layers)",
      "--hidden-size", "\(a.hiddenSize)",
      "--num-attention-heads", "\(a.heads)",
      "--seq-length", "\(a.sequenceLength)",
      "--max-position-embeddings", "\(a.sequenceLength)",
      "--micro-batch-size", "\(l.microBatch)",
      "--global-batch-size", "\(estimate.globalBatch)",
    ]
    if l.splitsSequence { arguments.append("--sequence-parallel") }
    switch l.recompute {
    case .none: break
    case .selective: arguments += ["--recompute-granularity", "selective"]
    case .full: arguments += ["--recompute-granularity", "full", "--recompute-method", "uniform", "--recompute-num-layers", "1"]
    }
    if l.zero >= .optimizer { arguments.append("--use-distributed-optimizer") }
    switch precision {
    case .bf16: arguments.append("--bf16")
    case .fp16: arguments.append("--fp16")
    case .fp32: break
    }
    return arguments
  }

  /// The arguments as one shell line, continued over lines of one option each.
  public static func megatronCommandLine(_ estimate: LayoutEstimate, precision: TrainingPrecision = .bf16) -> String {
    let arguments = megatronArguments(estimate, precision: precision)
    var lines: [String] = []
    var index = 0
    while index < arguments.count {
      if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
        lines.append("  \(arguments[index]) \(arguments[index + 1])")
        index += 2
      } else {
        lines.append("  \(arguments[index])")
        index += 1
      }
    }
    return "torchrun --nproc_per_node 8 --nnodes \(max(1, estimate.layout.gpus / 8)) pretrain_gpt.py \\\n"
      + lines.joined(separator: " \\\n")
  }

  /// A DeepSpeed config for `estimate` with the documented keys (deepspeed.ai, "DeepSpeed Configuration
  /// JSON"): `train_batch_size` = B, `train_micro_batch_size_per_gpu` = b, `gradient_accumulation_steps`
  /// = m, `bf16.enabled` or `fp16.enabled`, `zero_optimization.stage`. Tensor and pipeline sizes are
  /// not config keys: the model code (Megatron-DeepSpeed's `mpu`, `PipelineModule(num_stages:)`) sets them.
  public static func deepSpeedConfig(_ estimate: LayoutEstimate, precision: TrainingPrecision = .bf16) -> JSONValue {
    let l = estimate.layout
    var members: [(key: String, value: JSONValue)] = [
      ("train_batch_size", JSONValue(Double(estimate.globalBatch))),
      ("train_micro_batch_size_per_gpu", JSONValue(Double(l.microBatch))),
      ("gradient_accumulation_steps", JSONValue(Double(estimate.microBatchesPerStep))),
    ]
    switch precision {
    case .bf16: members.append(("bf16", .object([("enabled", .bool(true))])))
    case .fp16: members.append(("fp16", .object([("enabled", .bool(true))])))
    case .fp32: break
    }
    members.append(("zero_optimization", .object([("stage", JSONValue(Double(l.zero.rawValue)))])))
    return .object(members)
  }
}
