extension DeploymentPlan {
  /// What `workbench cost plan` prints: the options side by side, pre-training at the budget used next to
  /// the Chinchilla-optimal one (with what its row includes and excludes), and the whole bill of pre-training.
  public static func report(
    parameters: Double, rows: [PlanRow], hardware: HardwareSetting, pretrainTokensGiven: Bool,
    bill: ProjectAssumptions = ProjectAssumptions()
  ) -> CostReport {
    var table = CostTable(
      key: "plan",
      columns: [
        .left("option", "option"), .right("trainable_parameters", "trained params"), .right("tokens", "tokens"),
        .right("training_flops", "training FLOPs"), .right("memory_gb", "memory, all GPUs"),
        .right("memory_per_gpu_gb", "per GPU"), .right("gpus", "GPUs"), .right("gpu_hours", "GPU-hours"),
        .right("wall_clock_days", "wall-clock time"), .right("up_front_usd", "up-front $"),
        .right("usd_per_million_tokens", "$ per 1M tokens served"),
      ])
    for row in rows {
      let trains = row.option != .noTraining
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(row.option.rawValue),
            .number(row.trainableParameters, .parameters), .number(row.tokens, .tokens),
            trains ? .custom(row.flops, HumanNumber.scientific(row.flops)) : .custom(0, "0"),
            trains ? .number(row.memoryGB, .gigabytes) : .custom(0, "—"),
            trains && row.gpus > 0 ? .number(row.memoryGB / Double(row.gpus), .gigabytes) : .custom(0, "—"),
            .number(Double(row.gpus), .gpus),
            trains ? .custom(row.gpuHours, HumanNumber.abbreviated(row.gpuHours)) : .custom(0, "0"),
            trains ? .custom(row.wallClockDays, HumanNumber.duration(days: row.wallClockDays)) : .custom(0, "—"),
            .number(row.upFrontDollars, .dollars), .number(row.dollarsPerMillionTokens, .dollarsPerMillionTokens),
          ],
          explanation: row.basis))
    }
    let accelerator = hardware.accelerator
    table.title = "Options for a \(HumanNumber.abbreviated(parameters))-parameter model on \(accelerator.id) "
      + "at \(HumanNumber.compact(hardware.utilization * 100))% MFU, $\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))/GPU-hour"
    table.notes = [
      "GPU-hours = FLOPs / (peak \(HumanNumber.scientific(accelerator.peakFLOPS)) FLOP/s × MFU) / 3600; wall-clock time = GPU-hours / GPUs; up-front $ = GPU-hours × price.",
      "Memory, all GPUs, is weights + gradients + optimiser state + activations of one micro-batch (34·s·b·h·L bytes); per GPU is that total perfectly sharded over the GPUs.",
      "Fine-tuning assumes a pre-trained base model of the same size is available; pre-training from scratch uses max(2T, 20·N) tokens (Llama 2's budget) unless --pretrain-tokens is given.",
      PretrainingBudget.includes,
      "The hosted-model and embedding prices are illustrative assumptions, not quotes; pass --hosted-price and --embedding-price.",
    ]
    let pretrain = rows[0]
    var budget = CostTable.figures(
      key: "pretraining",
      title: "Pre-training from scratch: final-run compute only (the bill below adds restarts, experiments, data and people)",
      PretrainingBudget.figures(
        parameters: parameters, tokens: pretrain.tokens, tokensGiven: pretrainTokensGiven, hardware: hardware))
    budget.notes = [PretrainingBudget.includes]
    let projectBill = ProjectBill(
      finalRunDollars: pretrain.upFrontDollars, finalRunGPUHours: pretrain.gpuHours, tokens: pretrain.tokens,
      assumptions: bill)
    return CostReport([table, budget, projectBill.table(title: "The whole bill of pre-training from scratch")])
  }
}
