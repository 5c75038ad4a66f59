extension AcceleratorCatalogue {
  /// What `workbench cost gpus` prints: every accelerator with its dense peak, memory, power, price and source.
  public func report() -> CostReport {
    var table = CostTable(
      key: "gpus",
      columns: [
        .left("id", "id"), .left("name", "name"), .right("peak_flops", "dense TFLOP/s"), .right("memory_gb", "memory GB"),
        .right("power_w", "power W"), .right("price_per_hour", "$/GPU-hour"), .left("source", "source"),
      ])
    for accelerator in accelerators {
      table.rows.append(
        CostTable.Row(
          cells: [
            .text(accelerator.id), .text(accelerator.name),
            .custom(accelerator.peakFLOPS, AcceleratorCatalogue.plain(accelerator.peakFLOPS / 1e12)),
            .custom(accelerator.memoryGB, AcceleratorCatalogue.plain(accelerator.memoryGB)),
            .custom(accelerator.powerWatts, HumanNumber.grouped(accelerator.powerWatts)),
            .custom(accelerator.pricePerHour, HumanNumber.fixed(accelerator.pricePerHour, decimals: 2)),
            .text(accelerator.source),
          ]))
    }
    table.notes = [
      "Peaks are dense BF16/FP16 tensor throughput; NVIDIA's headline figures for Ampere and later assume 2:4 sparsity and are twice these (H100 SXM: 1,979 sparse, 989 dense).",
      "Prices are indicative on-demand list prices and vary 2–3× between providers; override with --price or --hardware FILE.",
      "peak_flops in JSON and CSV is in FLOP/s.",
    ]
    return CostReport([table])
  }

  /// Whole numbers with thousands separators (`2,250`), others with one decimal (`165.2`).
  static func plain(_ value: Double) -> String {
    value == value.rounded() ? HumanNumber.grouped(value) : HumanNumber.fixed(value, decimals: 1)
  }
}
