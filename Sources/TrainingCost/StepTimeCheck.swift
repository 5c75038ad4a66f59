/// The step-time model's estimate for one measured step next to the measurement.
public struct StepTimeCheckRow: Sendable, Equatable {
  /// The measurement.
  public let measurement: MeasuredStepTime
  /// The model's estimate for the same model, layout, batch and hardware.
  public let estimate: LayoutEstimate

  /// Estimated seconds per step.
  public var estimatedSeconds: Double { estimate.stepSeconds }
  /// (estimate − published) / published.
  public var error: Double { estimatedSeconds / measurement.publishedSeconds - 1 }
}

/// `workbench cost reality-check --step-times`: the step-time model of ``LayoutEstimate`` run on the
/// layouts of published measurements, with the same assumptions for every row.
public enum StepTimeCheck {
  /// The ids of the rows the default assumptions were chosen on; the others are only checked. The
  /// kernel efficiency (0.6) and link efficiency (0.8) were set before these rows were added and were not
  /// changed for them, so no row is calibrated on: every row is a check.
  public static let calibratedOn: [String] = []

  /// One row per measurement (throws ``CostError`` or ``LayoutError`` for an accelerator missing from
  /// `catalogue` or without link figures), each estimated with `assumptions` on the catalogue's accelerator.
  public static func rows(
    _ measurements: [MeasuredStepTime] = MeasuredStepTime.all, catalogue: AcceleratorCatalogue = .builtIn,
    assumptions: LayoutAssumptions = LayoutAssumptions()
  ) throws -> [StepTimeCheckRow] {
    var rows: [StepTimeCheckRow] = []
    for measurement in measurements {
      let accelerator = try catalogue.accelerator(named: measurement.acceleratorID)
      guard let intra = accelerator.intraNodeBandwidth, let inter = accelerator.interNodeBandwidth else {
        throw LayoutError.missingLinkBandwidth(accelerator: accelerator.id)
      }
      rows.append(
        StepTimeCheckRow(
          measurement: measurement,
          estimate: LayoutEstimate(
            architecture: measurement.architecture, layout: measurement.layout, globalBatch: measurement.globalBatch,
            accelerator: accelerator, intraNodeBandwidth: intra, interNodeBandwidth: inter, assumptions: assumptions)))
    }
    return rows
  }

  /// The median of |error| over `rows` (mean of the middle two for an even count).
  public static func medianAbsoluteError(_ rows: [StepTimeCheckRow]) -> Double {
    let sorted = rows.map { abs($0.error) }.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The largest |error| over `rows`.
  public static func largestAbsoluteError(_ rows: [StepTimeCheckRow]) -> Double {
    rows.map { abs($0.error) }.max() ?? 0
  }
}
