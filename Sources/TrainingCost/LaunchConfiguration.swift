/// A layout handed to an existing distributed training framework: the Megatron-LM command line
/// (this file) or the DeepSpeed JSON config with its Megatron-DeepSpeed launch line
/// (`LaunchConfiguration+DeepSpeed.swift`).
public enum LaunchConfiguration {
  /// Processes per node and nodes for `gpus` GPUs in nodes of `gpusPerNode`: min(GPUs, GPUs per node), and
  /// ⌈GPUs / GPUs per node⌉.
  public static func processes(gpus: Int, gpusPerNode: Int) -> (perNode: Int, nodes: Int) {
    let perNode = max(1, min(gpus, gpusPerNode))
    return (perNode, (gpus + perNode - 1) / perNode)
  }

  /// The environment Megatron-LM's `validate_args` asks for: `CUDA_DEVICE_MAX_CONNECTIONS=1` (required with
  /// tensor parallelism on GPUs before Blackwell, so that communication kernels are queued in order); none
  /// with Megatron FSDP, which requires it unset or above 1.
  public static func megatronEnvironment(_ layout: ParallelLayout) -> [(String, String)] {
    layout.zero >= .gradients ? [] : [("CUDA_DEVICE_MAX_CONNECTIONS", "1")]
  }

  /// The architecture arguments of `architecture` for Megatron-LM (`megatron/training/arguments.py`), so
  /// that it builds the model that was planned: the sizes, the vocabulary (`--vocab-size` with the
  /// `NullTokenizer`, which `--mock-data` trains on), and for a Llama-style model grouped-query attention,
  /// SwiGLU, RMSNorm, rotary positions, untied embeddings, no biases and `--ffn-hidden-size`.
  public static func megatronArchitectureArguments(_ a: TransformerArchitecture) -> [String] {
    var arguments = [
      "--num-layers", "\(a.layers)",
      "--hidden-size", "\(a.hiddenSize)",
      "--num-attention-heads", "\(a.heads)",
    ]
    if a.feedForwardSize != 4 * a.hiddenSize || a.style == .llama { arguments += ["--ffn-hidden-size", "\(a.feedForwardSize)"] }
    if a.style == .llama {
      if a.keyValueHeads < a.heads { arguments += ["--group-query-attention", "--num-query-groups", "\(a.keyValueHeads)"] }
      arguments += [
        "--swiglu", "--normalization", "RMSNorm", "--position-embedding-type", "rope", "--rotary-base", "\(a.rotaryBase)",
        "--disable-bias-linear",
      ]
    }
    if !a.tiedEmbeddings { arguments.append("--untie-embeddings-and-output-weights") }
    arguments += [
      "--seq-length", "\(a.sequenceLength)",
      "--max-position-embeddings", "\(a.sequenceLength)",
      "--tokenizer-type", "NullTokenizer", "--vocab-size", "\(a.vocabulary)",
    ]
    return arguments
  }

  /// Megatron-LM's `pretrain_gpt.py` arguments for `estimate` (names as `megatron/training/arguments.py`
  /// builds them). ZeRO 1 becomes `--use-distributed-optimizer` (optimizer states sharded over data
  /// parallel); ZeRO 2 and 3 become Megatron FSDP (`--use-megatron-fsdp` with the sharding strategy
  /// `optim_grads` or `optim_grads_params`), which shards gradients and weights as those stages do.
  public static func megatronArguments(_ estimate: LayoutEstimate, precision: TrainingPrecision = .bf16) -> [String] {
    let a = estimate.architecture, l = estimate.layout
    var arguments = [
      "--tensor-model-parallel-size", "\(l.tensor)",
      "--pipeline-model-parallel-size", "\(l.pipeline)",
    ]
    if l.virtualStages > 1 {
      arguments += ["--num-layers-per-virtual-pipeline-stage", "\(a.layers / l.pipeline / l.virtualStages)"]
    }
    // Megatron-LM overlaps the interleaved schedule's transfers unless told not to.
    if l.virtualStages > 1 && !l.overlapPipelineTransfers { arguments.append("--no-overlap-p2p-communication") }
    arguments += megatronArchitectureArguments(a)
    arguments += [
      "--micro-batch-size", "\(l.microBatch)",
      "--global-batch-size", "\(estimate.globalBatch)",
    ]
    if l.splitsSequence { arguments.append("--sequence-parallel") }
    switch l.recompute {
    case .none: break
    case .selective: arguments += ["--recompute-granularity", "selective"]
    case .full:
      arguments += ["--recompute-granularity", "full", "--recompute-method", "uniform", "--recompute-num-layers", "1"]
      if l.shardsSavedInputs && !l.splitsSequence { arguments.append("--distribute-saved-activations") }
    }
    switch l.zero {
    case .none: break
    case .optimizer: arguments.append("--use-distributed-optimizer")
    case .gradients: arguments += ["--use-megatron-fsdp", "--data-parallel-sharding-strategy", "optim_grads", "--ckpt-format", "fsdp_dtensor"]
    case .weights: arguments += ["--use-megatron-fsdp", "--data-parallel-sharding-strategy", "optim_grads_params", "--ckpt-format", "fsdp_dtensor"]
    }
    if l.overlapGradientReduce { arguments.append("--overlap-grad-reduce") }
    switch precision {
    case .bf16: arguments.append("--bf16")
    case .fp16: arguments.append("--fp16")
    case .fp32: break
    }
    arguments += ["--mock-data", "--train-iters", "100"]
    return arguments
  }

  /// `arguments` as lines of one option (with its value) each, continued with backslashes.
  static func continuedLines(_ head: String, _ arguments: [String]) -> String {
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
    return head + " \\\n" + lines.joined(separator: " \\\n")
  }

  /// The `torchrun` words for `gpus` GPUs: one process per GPU of a node, and the rendezvous options of
  /// a multi-node run (the node's rank and the first node's address come from the environment).
  static func torchrun(gpus: Int, gpusPerNode: Int) -> String {
    let (perNode, nodes) = processes(gpus: gpus, gpusPerNode: gpusPerNode)
    return "torchrun --nproc_per_node \(perNode) --nnodes \(nodes)"
      + (nodes > 1 ? " --node_rank \"$NODE_RANK\" --master_addr \"$MASTER_ADDR\" --master_port 6000" : "")
  }

  /// The Megatron-LM launch as one shell line with its environment, continued over lines of one option each.
  public static func megatronCommandLine(_ estimate: LayoutEstimate, gpusPerNode: Int, precision: TrainingPrecision = .bf16) -> String {
    let environment = megatronEnvironment(estimate.layout).map { "\($0.0)=\($0.1) " }.joined()
    return continuedLines(
      environment + torchrun(gpus: estimate.layout.gpus, gpusPerNode: gpusPerNode) + " pretrain_gpt.py",
      megatronArguments(estimate, precision: precision))
  }
}
