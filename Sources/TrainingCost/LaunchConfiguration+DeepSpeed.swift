import WorkbenchFiles

extension LaunchConfiguration {
  /// A DeepSpeed config for `estimate` with the documented keys (deepspeed.ai, "DeepSpeed Configuration
  /// JSON"): `train_batch_size` = B, `train_micro_batch_size_per_gpu` = b, `gradient_accumulation_steps`
  /// = m, so that B = b·m·d with d the data-parallel size; `bf16.enabled` or `fp16.enabled`;
  /// `zero_optimization.stage`; and with full recomputation an `activation_checkpointing` section
  /// (`partition_activations` when the stored inputs are split over the tensor-parallel ranks). Tensor and
  /// pipeline sizes are not config keys: DeepSpeed reads d from the model-parallel unit (Megatron-DeepSpeed's
  /// `mpu`), so with t·p > 1 the file goes with ``deepSpeedCommandLine(_:gpusPerNode:precision:)``; with
  /// pure data parallelism d is the world size and plain DeepSpeed accepts it on all the GPUs.
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
    if l.recompute == .full {
      members.append(
        ("activation_checkpointing", .object([
          ("partition_activations", .bool(l.shardsSavedInputs)),
          ("contiguous_memory_optimization", .bool(false)),
          ("cpu_checkpointing", .bool(false)),
          ("synchronize_checkpoint_boundary", .bool(false)),
          ("profile", .bool(false)),
        ])))
    }
    return .object(members)
  }

  /// Megatron-DeepSpeed's `pretrain_gpt.py` launched by the `deepspeed` launcher with the config saved as
  /// `ds_config.json`: the tensor and pipeline sizes (`--no-pipeline-parallel` when p = 1, which ZeRO 2 and 3
  /// need), the model, the batch, `--zero-stage`, and `--checkpoint-activations`
  /// `--deepspeed-activation-checkpointing` (with `--partition-activations`) for full recomputation.
  public static func deepSpeedCommandLine(_ estimate: LayoutEstimate, gpusPerNode: Int, precision: TrainingPrecision = .bf16) -> String {
    let a = estimate.architecture, l = estimate.layout
    let (perNode, nodes) = processes(gpus: l.gpus, gpusPerNode: gpusPerNode)
    var arguments = [
      "--deepspeed", "--deepspeed_config", "ds_config.json",
      "--tensor-model-parallel-size", "\(l.tensor)",
      "--pipeline-model-parallel-size", "\(l.pipeline)",
    ]
    if l.pipeline == 1 { arguments.append("--no-pipeline-parallel") }
    arguments += [
      "--num-layers", "\(a.layers)", "--hidden-size", "\(a.hiddenSize)", "--num-attention-heads", "\(a.heads)",
      "--seq-length", "\(a.sequenceLength)", "--max-position-embeddings", "\(a.sequenceLength)",
      "--micro-batch-size", "\(l.microBatch)", "--global-batch-size", "\(estimate.globalBatch)",
      "--zero-stage", "\(l.zero.rawValue)",
    ]
    if l.splitsSequence { arguments.append("--sequence-parallel") }
    if l.recompute == .full {
      arguments += ["--checkpoint-activations", "--deepspeed-activation-checkpointing"]
      if l.shardsSavedInputs { arguments.append("--partition-activations") }
    }
    switch precision {
    case .bf16: arguments.append("--bf16")
    case .fp16: arguments.append("--fp16")
    case .fp32: break
    }
    return continuedLines("deepspeed --num_nodes \(nodes) --num_gpus \(perNode) pretrain_gpt.py", arguments)
  }

  /// What `cost layout --emit deepspeed` prints: the JSON, then the data-parallel size it assumes and the
  /// Megatron-DeepSpeed line that supplies the tensor and pipeline sizes.
  public static func deepSpeedLaunch(_ estimate: LayoutEstimate, gpusPerNode: Int, precision: TrainingPrecision = .bf16) -> String {
    let l = estimate.layout
    let note = l.tensor * l.pipeline == 1
      ? "# Save the JSON above as ds_config.json. Pure data parallelism: d = \(l.data) = the world size, so plain DeepSpeed accepts it on all \(l.gpus) GPUs."
      : "# Save the JSON above as ds_config.json. It assumes tensor \(l.tensor) × pipeline \(l.pipeline) × data \(l.data): "
        + "train_batch_size = micro-batch × accumulation × d = \(l.microBatch) × \(estimate.microBatchesPerStep) × \(l.data), "
        + "and DeepSpeed reads d from Megatron-DeepSpeed's model-parallel unit, so launch it with:"
    return JSONWriter.document(deepSpeedConfig(estimate, precision: precision)) + "\n\n" + note + "\n"
      + deepSpeedCommandLine(estimate, gpusPerNode: gpusPerNode, precision: precision)
  }
}
