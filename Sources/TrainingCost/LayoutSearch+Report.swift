extension LayoutSearch {
  /// What `workbench cost layout` prints: the `top` fastest layouts that fit, with memory per GPU,
  /// where a step's time goes, tokens/s, executed teraFLOP/s per GPU and MFU.
  public static func report(_ found: [LayoutEstimate], top: Int, accelerator: Accelerator, assumptions: LayoutAssumptions = LayoutAssumptions()) -> CostReport {
    var table = CostTable(
      key: "layouts",
      columns: [
        .right("rank", "#"), .right("tp", "tp"), .right("pp", "pp"), .right("dp", "dp"), .right("micro_batch", "b"),
        .right("zero", "ZeRO"), .left("recompute", "recompute"), .left("sequence_parallel", "SP"),
        .right("memory_bytes", "memory/GPU"), .right("compute_s", "compute"), .right("tensor_comm_s", "tp comm"),
        .right("bubble_s", "bubble"), .right("data_comm_s", "dp comm"), .right("step_s", "step"),
        .right("tokens_per_s", "tokens/s"), .right("tflops_per_gpu", "TFLOP/s/GPU"), .right("mfu", "MFU"),
      ], explanationLabelColumns: 1)
    for (index, e) in found.prefix(top).enumerated() {
      let l = e.layout
      table.rows.append(
        CostTable.Row(
          cells: [
            .custom(Double(index + 1), "\(index + 1)"), .custom(Double(l.tensor), "\(l.tensor)"),
            .custom(Double(l.pipeline), "\(l.pipeline)"), .custom(Double(l.data), "\(l.data)"),
            .custom(Double(l.microBatch), "\(l.microBatch)"), .custom(Double(l.zero.rawValue), "\(l.zero.rawValue)"),
            .text(l.recompute.rawValue), .flag(l.splitsSequence, yes: "yes", no: "no"),
            .number(e.memory.totalBytes, .bytes), .number(e.computeSeconds, .seconds),
            .number(e.tensorCommunicationSeconds, .seconds), .number(e.bubbleSeconds, .seconds),
            .number(e.dataCommunicationSeconds, .seconds), .number(e.stepSeconds, .seconds),
            .number(e.tokensPerSecond, .tokensPerSecond),
            .custom(e.hardwareFLOPSPerGPU / 1e12, HumanNumber.fixed(e.hardwareFLOPSPerGPU / 1e12, decimals: 0)),
            .number(e.modelFLOPsUtilization, .fraction),
          ],
          explanation: "weights \(FigureUnit.bytes.format(e.memory.weightsBytes)) + gradients \(FigureUnit.bytes.format(e.memory.gradientsBytes)) + optimizer \(FigureUnit.bytes.format(e.memory.optimizerBytes)) + activations \(FigureUnit.bytes.format(e.memory.activationsBytes)); m = \(e.microBatchesPerStep) micro-batches, v = \(l.virtualStages), bubble (p − 1)/(v·m + p − 1) = \(HumanNumber.fixed(Double(l.pipeline - 1) / Double(l.virtualStages * e.microBatchesPerStep + l.pipeline - 1) * 100, decimals: 1))%"))
    }
    if let best = found.first {
      let a = best.architecture
      table.title = "Fastest of \(found.count) layouts that fit: \(a.id == "custom" ? HumanNumber.abbreviated(a.parameters) + " parameters" : a.id) on \(best.layout.gpus) × \(accelerator.id), global batch \(best.globalBatch) × \(a.sequenceLength) tokens"
    }
    let intra = accelerator.intraNodeBandwidth.map { HumanNumber.compact($0 / 1e9) } ?? "?"
    let inter = accelerator.interNodeBandwidth.map { HumanNumber.compact($0 / 1e9) } ?? "?"
    table.notes = [
      "Compute: executed FLOPs (forward 2·Ψ_layer + 4·s·h per token per layer, backward twice that, plus recomputation; output layer 6·V·h) at \(HumanNumber.compact(assumptions.kernelEfficiency * 100))% of the \(HumanNumber.scientific(accelerator.peakFLOPS)) FLOP/s dense peak (an assumed sustained kernel efficiency, --kernel-efficiency).",
      "Links: \(intra) GB/s per GPU inside a node of \(accelerator.gpusPerNode), \(inter) GB/s per GPU between nodes, at \(HumanNumber.compact(assumptions.linkEfficiency * 100))% efficiency (\(accelerator.linkSource), an assumption: --link-efficiency). "
        + "Tensor-parallel communication is not overlapped with compute; the data-parallel all-reduce hides behind the last backward pass only with --overlap-grad-reduce, pipeline transfers behind compute only with --overlap-p2p.",
      "Pipeline: 1F1B schedule, bubble (p − 1)/(v·m + p − 1) with v virtual stages per GPU (--virtual-stages; Narayanan et al. 2021, §2.2.1–2.2.2); ZeRO 2–3 are not combined with pipeline parallelism (as in Megatron-LM and DeepSpeed).",
      "Memory: Korthikanti et al. 2022 activations and ZeRO model states (see `workbench cost memory --explain`); a layout fits when it uses at most \(HumanNumber.compact(assumptions.usableMemoryFraction * 100))% of \(HumanNumber.compact(accelerator.memoryGB)) GB.",
    ]
    return CostReport([table])
  }
}
