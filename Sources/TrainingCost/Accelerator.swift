/// One kind of training chip (GPU or TPU) as the cost model sees it.
public struct Accelerator: Sendable, Equatable {
  /// Short lowercase id used on the command line: `h100-sxm`, `tpu-v4`.
  public var id: String
  /// Full marketing name: "NVIDIA H100 SXM5 80GB".
  public var name: String
  /// Peak *dense* BF16/FP16 tensor throughput in FLOP/s (not the 2:4-sparsity headline figure).
  public var peakFLOPS: Double
  /// On-board memory in GB (10⁹ bytes).
  public var memoryGB: Double
  /// Board (or chip) power in watts at full load.
  public var powerWatts: Double
  /// Default on-demand rental price in US dollars per accelerator-hour.
  public var pricePerHour: Double
  /// Where the figures come from (datasheet or price list).
  public var source: String
  /// Accelerators in one server (node), joined by the intra-node links.
  public var gpusPerNode: Int
  /// Bytes/s one accelerator can send to the others in its node (NVLink or similar, one direction);
  /// nil when not catalogued.
  public var intraNodeBandwidth: Double?
  /// Bytes/s one accelerator can send to other nodes (its share of the node's network adapters,
  /// one direction); nil when not catalogued.
  public var interNodeBandwidth: Double?
  /// Where the link figures come from.
  public var linkSource: String

  public init(
    id: String, name: String, peakFLOPS: Double, memoryGB: Double, powerWatts: Double,
    pricePerHour: Double, source: String, gpusPerNode: Int = 8, intraNodeBandwidth: Double? = nil,
    interNodeBandwidth: Double? = nil, linkSource: String = "not catalogued"
  ) {
    self.id = id
    self.name = name
    self.peakFLOPS = peakFLOPS
    self.memoryGB = memoryGB
    self.powerWatts = powerWatts
    self.pricePerHour = pricePerHour
    self.source = source
    self.gpusPerNode = gpusPerNode
    self.intraNodeBandwidth = intraNodeBandwidth
    self.interNodeBandwidth = interNodeBandwidth
    self.linkSource = linkSource
  }
}
