import Foundation

/// Turning FLOPs into accelerator time, calendar time, money and energy, and back.
///
/// MFU (model FLOPs utilisation) is the fraction of the accelerator's peak dense throughput
/// that the model's own FLOPs (6·N per token) actually achieve; large runs reach 0.3–0.5.
public enum Budget {
  /// Power usage effectiveness assumed when none is given: facility energy / IT energy.
  public static let defaultPUE = 1.2
  /// MFU assumed when none is given.
  public static let defaultMFU = 0.4

  /// Accelerator-hours to do `flops` at `utilization` of `peakFLOPS`: C / (peak × MFU) / 3600.
  public static func gpuHours(flops: Double, peakFLOPS: Double, utilization: Double) -> Double {
    flops / (peakFLOPS * utilization) / 3600
  }

  /// Calendar days for `gpuHours` spread evenly over `gpus` accelerators: hours / gpus / 24.
  public static func wallClockDays(gpuHours: Double, gpus: Int) -> Double {
    gpuHours / Double(gpus) / 24
  }

  /// Rental cost in dollars: GPU-hours × price per GPU-hour.
  public static func dollars(gpuHours: Double, pricePerHour: Double) -> Double {
    gpuHours * pricePerHour
  }

  /// Facility energy in kWh: GPU-hours × board watts / 1000 × PUE (accelerators only; host CPUs,
  /// memory and network are not counted beyond what the PUE covers).
  public static func energyKWh(gpuHours: Double, watts: Double, pue: Double) -> Double {
    gpuHours * watts / 1000 * pue
  }

  /// Fewest accelerators that finish `gpuHours` of work within `days`: ⌈hours / (24·days)⌉.
  public static func gpusForDeadline(gpuHours: Double, days: Double) -> Int {
    wholeCount(gpuHours / (24 * days))
  }

  /// The smallest whole count ≥ `fraction` (at least 1), ignoring floating-point noise in the
  /// last bits so that 1.12e12 / 8e10 = 14.000000000000002 counts as 14.
  public static func wholeCount(_ fraction: Double) -> Int {
    let rounded = (fraction * (1 - 1e-12)).rounded(.up)
    guard rounded < 9e18 else { return Int.max }
    return max(1, Int(rounded))
  }

  /// FLOPs a dollar budget buys: dollars / price × 3600 × peak × MFU.
  public static func flops(dollars: Double, pricePerHour: Double, peakFLOPS: Double, utilization: Double) -> Double {
    dollars / pricePerHour * 3600 * peakFLOPS * utilization
  }
}

/// The hardware a run uses and how well it uses it.
public struct HardwareSetting: Sendable, Equatable {
  /// The accelerator.
  public var accelerator: Accelerator
  /// Model FLOPs utilisation, 0 < MFU ≤ 1.
  public var utilization: Double
  /// Dollars per accelerator-hour (defaults to the catalogue price).
  public var pricePerHour: Double
  /// Power usage effectiveness of the facility, ≥ 1.
  public var pue: Double

  public init(accelerator: Accelerator, utilization: Double = Budget.defaultMFU, pricePerHour: Double? = nil, pue: Double = Budget.defaultPUE) {
    precondition(utilization > 0 && utilization <= 1, "MFU is a fraction in (0, 1]")
    precondition(pue >= 1, "PUE is at least 1")
    self.accelerator = accelerator
    self.utilization = utilization
    self.pricePerHour = pricePerHour ?? accelerator.pricePerHour
    self.pue = pue
  }
}

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
