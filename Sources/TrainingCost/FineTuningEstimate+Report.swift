extension FineTuningEstimate {
  /// What `workbench cost finetune` prints: the method, the accelerator and every figure of the estimate.
  public func report() -> CostReport {
    let accelerator = run.hardware.accelerator
    let methodBasis: String
    switch method {
    case .full: methodBasis = "every weight trained with Adam"
    case .lora: methodBasis = "low-rank adapters on a frozen BF16 base (Hu et al. 2021)"
    case .qlora: methodBasis = "low-rank adapters on a frozen 4-bit NF4 base (Dettmers et al. 2023); dequantisation overhead not counted"
    }
    let table = CostTable.figures(
      key: "finetune",
      leading: [
        ("method", "method", method.rawValue, methodBasis),
        ("accelerator", "accelerator", accelerator.id, "\(accelerator.name); \(accelerator.source)"),
      ],
      figures)
    return CostReport([table])
  }
}
