/// Time, money and energy for doing `flops` of training on `gpus` accelerators.
public struct RunCost: Sendable, Equatable {
  /// Total FLOPs of the run.
  public let flops: Double
  /// The hardware and its utilisation.
  public let hardware: HardwareSetting
  /// Accelerators working in parallel.
  public let gpus: Int
  /// Accelerator-hours: C / (peak × MFU) / 3600.
  public let gpuHours: Double
  /// Calendar days on `gpus` accelerators.
  public let wallClockDays: Double
  /// Rental cost in dollars.
  public let dollars: Double
  /// Facility energy in kWh, including PUE.
  public let energyKWh: Double

  public init(flops: Double, hardware: HardwareSetting, gpus: Int) {
    precondition(gpus > 0, "a run needs at least one accelerator")
    self.flops = flops
    self.hardware = hardware
    self.gpus = gpus
    gpuHours = Budget.gpuHours(flops: flops, peakFLOPS: hardware.accelerator.peakFLOPS, utilization: hardware.utilization)
    wallClockDays = Budget.wallClockDays(gpuHours: gpuHours, gpus: gpus)
    dollars = Budget.dollars(gpuHours: gpuHours, pricePerHour: hardware.pricePerHour)
    energyKWh = Budget.energyKWh(gpuHours: gpuHours, watts: hardware.accelerator.powerWatts, pue: hardware.pue)
  }

  /// Accelerators needed to finish within `days`.
  public func gpusForDeadline(days: Double) -> Int {
    Budget.gpusForDeadline(gpuHours: gpuHours, days: days)
  }

  /// The figures of this run, each with the formula it came from, numbers substituted.
  public var figures: [Figure] {
    let a = hardware.accelerator
    let sci = HumanNumber.scientific
    let peak = sci(a.peakFLOPS), mfu = HumanNumber.fixed(hardware.utilization, decimals: 2)
    return [
      Figure("peak_flops", "peak dense FLOP/s per GPU", a.peakFLOPS, .flopPerSecond,
             "\(a.id) datasheet, dense BF16/FP16 (\(a.source))"),
      Figure("mfu", "model FLOPs utilisation (MFU)", hardware.utilization, .fraction,
             "assumed fraction of peak reached by the 6·N FLOPs per token"),
      Figure("gpu_hours", "GPU-hours", gpuHours, .gpuHours,
             "C / (peak × MFU) / 3600 = \(sci(flops)) / (\(peak) × \(mfu)) / 3600"),
      Figure("gpus", "GPUs", Double(gpus), .gpus, "accelerators working in parallel"),
      Figure("wall_clock_days", "wall-clock days", wallClockDays, .days,
             "GPU-hours / GPUs / 24 = \(HumanNumber.compact(gpuHours)) / \(gpus) / 24"),
      Figure("price_per_hour", "price per GPU-hour", hardware.pricePerHour, .dollarsPerHour,
             hardware.pricePerHour == a.pricePerHour ? "catalogue on-demand price for \(a.id)" : "given with --price"),
      Figure("cost_usd", "cost", dollars, .dollars,
             "GPU-hours × price = \(HumanNumber.compact(gpuHours)) × $\(HumanNumber.fixed(hardware.pricePerHour, decimals: 2))"),
      Figure("energy_kwh", "energy", energyKWh, .kilowattHours,
             "GPU-hours × \(HumanNumber.compact(a.powerWatts)) W / 1000 × PUE \(HumanNumber.fixed(hardware.pue, decimals: 2)) (accelerator boards only)"),
    ]
  }
}
