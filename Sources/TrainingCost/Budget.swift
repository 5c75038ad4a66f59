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
