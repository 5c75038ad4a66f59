extension DistributedMemory {
  /// What `workbench cost memory` prints: the configuration, then weights, gradients, optimizer states,
  /// activations and the total per GPU, and whether that fits on `accelerator`.
  public func report(accelerator: Accelerator, usableFraction: Double = LayoutAssumptions().usableMemoryFraction) -> CostReport {
    let a = architecture, l = layout
    let fits = totalBytes <= accelerator.memoryGB * 1e9 * usableFraction
    let leading: [(String, String, String, String)] = [
      ("model", "model", a.id == "custom" ? "\(HumanNumber.abbreviated(a.parameters)) parameters" : a.id,
       "L = \(a.layers), h = \(a.hiddenSize), a = \(a.heads), V = \(a.vocabulary), s = \(a.sequenceLength), Ψ = \(HumanNumber.compact(a.parameters)); \(a.source)"),
      ("layout", "layout", "t=\(l.tensor) p=\(l.pipeline) d=\(l.data) b=\(l.microBatch)",
       "tensor × pipeline × data parallel = \(l.gpus) GPUs; micro-batch b = \(l.microBatch) sequences"),
      ("zero_stage", "ZeRO stage", "\(l.zero.rawValue)", "Rajbhandari et al. 2020: 1 shards optimizer states, 2 also gradients, 3 also weights over d"),
      ("recompute", "recomputation", l.recompute.rawValue + (l.splitsSequence ? ", sequence parallel" : ""),
       "Korthikanti et al. 2022: selective recomputes the attention core, full recomputes each layer"),
      ("precision", "precision", precision.rawValue, precision == .fp32 ? "FP32 weights, gradients, Adam m, v" : "16-bit weights, gradients and activations; FP32 master weights, Adam m, v"),
    ]
    var table = CostTable.figures(key: "memory", leading: leading, figures)
    table.rows.append(
      CostTable.Row(
        cells: [.text("fits"), .text("fits on \(accelerator.id) (\(HumanNumber.compact(accelerator.memoryGB)) GB)"),
                .flag(fits, yes: "yes", no: "no"), .empty],
        explanation: "total ≤ \(HumanNumber.compact(usableFraction * 100))% of \(HumanNumber.compact(accelerator.memoryGB)) GB (the rest is framework workspace and fragmentation)"))
    table.notes = [
      "Model states: 2Ψ weights + 2Ψ gradients + 12Ψ optimizer states per parameter in mixed precision (Rajbhandari et al. 2020, §3.1, K = 12), partitioned over the d data-parallel ranks by ZeRO stage.",
      "Activations: Korthikanti et al. 2022, Table 2, 16-bit, for the first pipeline stage, which holds min(p, m) micro-batches in flight under 1F1B (§4.2.3); embedding dropout masks and output logits are left out.",
    ]
    return CostReport([table])
  }
}
