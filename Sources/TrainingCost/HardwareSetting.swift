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
