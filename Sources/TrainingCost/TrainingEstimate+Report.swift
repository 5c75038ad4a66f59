extension TrainingEstimate {
  /// What `workbench cost train` prints: the accelerator and every figure of the estimate, then the whole
  /// bill with `bill`'s assumptions. `gpusGiven` false explains that the GPU count is the fewest that fit.
  public func report(gpusGiven: Bool, bill: ProjectAssumptions = ProjectAssumptions()) -> CostReport {
    let accelerator = run.hardware.accelerator
    var table = CostTable.figures(
      key: "estimate",
      leading: [("accelerator", "accelerator", accelerator.id, "\(accelerator.name); \(accelerator.source)")],
      figures)
    if !gpusGiven, let index = table.rows.firstIndex(where: { if case .text("gpus") = $0.cells[0] { true } else { false } }) {
      table.rows[index].explanation = "no --gpus given: the fewest GPUs that hold the run in memory"
    }
    let projectBill = ProjectBill(finalRunDollars: run.dollars, finalRunGPUHours: run.gpuHours, tokens: tokens, assumptions: bill)
    return CostReport([table, projectBill.table()])
  }
}
