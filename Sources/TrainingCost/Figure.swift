/// One number the estimator reports, with its unit and the formula or assumption behind it,
/// so that every figure can be explained (`--explain`).
public struct Figure: Sendable, Equatable {
  /// Stable machine key: `training_flops`, `gpu_hours`.
  public let key: String
  /// Human label: "training compute".
  public let label: String
  /// The value, in `unit`.
  public let value: Double
  /// What the value counts.
  public let unit: FigureUnit
  /// The formula with numbers substituted, or the assumption the value rests on.
  public let basis: String

  public init(_ key: String, _ label: String, _ value: Double, _ unit: FigureUnit, _ basis: String) {
    self.key = key
    self.label = label
    self.value = value
    self.unit = unit
    self.basis = basis
  }
}

/// The unit of a ``Figure`` (and how it is best written for people).
public enum FigureUnit: String, Sendable, Equatable, CaseIterable {
  case flop = "FLOP"
  case flopPerSecond = "FLOP/s"
  case parameters
  case tokens
  case gpuHours = "GPU-hours"
  case gpus = "GPUs"
  case days
  case dollars = "USD"
  case dollarsPerHour = "USD/GPU-hour"
  case dollarsPerMillionTokens = "USD/1M tokens"
  case kilowattHours = "kWh"
  case gigabytes = "GB"
  /// Bytes, written for people in GB (10⁹ bytes).
  case bytes
  case seconds = "s"
  case tokensPerSecond = "tokens/s"
  case watts = "W"
  case fraction
  case ratio
  case loss = "nats/token"
  case tokensPerParameter = "tokens/parameter"
  case bytesPerParameter = "bytes/parameter"
  case count

  /// `value` written for a person in this unit: `5.88e23 FLOP`, `70.0B`, `$4.66M`, `40%`.
  public func format(_ value: Double) -> String {
    switch self {
    case .flop: return HumanNumber.scientific(value) + " FLOP"
    case .flopPerSecond: return HumanNumber.scientific(value) + " FLOP/s"
    case .parameters, .tokens, .count: return HumanNumber.abbreviated(value)
    case .gpuHours: return HumanNumber.abbreviated(value) + " GPU-h"
    case .gpus: return HumanNumber.grouped(value)
    case .days: return HumanNumber.duration(days: value)
    case .dollars: return "$" + HumanNumber.abbreviated(value)
    case .dollarsPerHour, .dollarsPerMillionTokens:
      return "$" + (value < 10 ? HumanNumber.fixed(value, decimals: value < 0.1 ? 4 : 2) : HumanNumber.abbreviated(value))
    case .kilowattHours: return HumanNumber.abbreviated(value) + " kWh"
    case .gigabytes: return (value >= 100 ? HumanNumber.grouped(value) : HumanNumber.abbreviated(value)) + " GB"
    case .bytes: return FigureUnit.gigabytes.format(value / 1e9)
    case .seconds: return HumanNumber.fixed(value, decimals: value < 10 ? 2 : 1) + " s"
    case .tokensPerSecond: return HumanNumber.abbreviated(value) + " tokens/s"
    case .watts: return HumanNumber.grouped(value) + " W"
    case .fraction: return HumanNumber.abbreviated(value * 100) + "%"
    case .ratio: return HumanNumber.abbreviated(value)
    case .loss: return HumanNumber.fixed(value, decimals: 3)
    case .tokensPerParameter: return HumanNumber.abbreviated(value)
    case .bytesPerParameter: return HumanNumber.abbreviated(value) + " B/param"
    }
  }
}
