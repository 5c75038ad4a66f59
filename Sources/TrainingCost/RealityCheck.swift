/// The cost model's estimate for a published run next to what was published.
public struct RealityCheckRow: Sendable, Equatable {
  /// Which published quantity is compared.
  public enum Metric: String, Sendable, Equatable {
    case flops = "training FLOPs"
    case gpuHours = "GPU-hours"
  }

  /// The run.
  public let run: PublishedRun
  /// The quantity compared.
  public let metric: Metric
  /// What was published.
  public let published: Double
  /// What the cost model estimates from the published parameters, tokens and hardware.
  public let estimate: Double
  /// MFU the GPU-hour estimate assumed (`nil` for FLOPs).
  public let utilization: Double?
  /// The MFU the published hours imply at the catalogue peak (`nil` without published hours).
  public let impliedUtilization: Double?
  /// The formula and assumptions behind the estimate.
  public let basis: String

  /// estimate / published.
  public var ratio: Double { estimate / published }
  /// Whether the estimate is within a factor of two of the published figure.
  public var isWithinFactorOfTwo: Bool { ratio >= 0.5 && ratio <= 2 }
}

/// Estimates every published run from its parameters, tokens and hardware, and sets each next
/// to the published compute or GPU-hours.
public enum RealityCheck {
  /// One row per published figure of every run in `runs`; GPU-hours use the run's published MFU,
  /// or `defaultMFU` when none was published, and the peak of the accelerator in `catalogue`.
  public static func rows(
    runs: [PublishedRun] = PublishedRun.all, catalogue: AcceleratorCatalogue = .builtIn,
    defaultMFU: Double = Budget.defaultMFU
  ) throws(CostError) -> [RealityCheckRow] {
    var rows: [RealityCheckRow] = []
    for run in runs {
      let accelerator = try catalogue.accelerator(named: run.acceleratorID)
      let n = HumanNumber.compact(run.activeParameters), d = HumanNumber.compact(run.tokens)
      let flopsBasis = "6·N·D = 6 × \(n)\(run.isMixtureOfExperts ? " active" : "") × \(d)"
      let implied = run.impliedMFU(peakFLOPS: accelerator.peakFLOPS)
      if let published = run.publishedFLOPs {
        rows.append(
          RealityCheckRow(
            run: run, metric: .flops, published: published, estimate: run.estimatedFLOPs, utilization: nil,
            impliedUtilization: implied, basis: "\(flopsBasis); \(run.note)"))
      }
      if let published = run.publishedGPUHours {
        let mfu = run.publishedMFU ?? defaultMFU
        let mfuBasis = run.publishedMFU == nil ? "not published, assumed" : run.mfuSource
        let hours = Budget.gpuHours(flops: run.estimatedFLOPs, peakFLOPS: accelerator.peakFLOPS, utilization: mfu)
        rows.append(
          RealityCheckRow(
            run: run, metric: .gpuHours, published: published, estimate: hours, utilization: mfu,
            impliedUtilization: implied,
            basis: "\(flopsBasis) / (\(HumanNumber.scientific(accelerator.peakFLOPS)) FLOP/s \(accelerator.id) × MFU "
              + "\(HumanNumber.compact(mfu * 100))%, \(mfuBasis)) / 3600; \(run.note)"))
      }
    }
    return rows
  }
}
