/// The step-time model's data-parallel gradient all-reduce: a ring (or reduce-scatter + all-gather)
/// all-reduce of `bytes` among `ranks` moves 2(d − 1)/d of the message through each rank's link
/// (Patarasuk & Yuan 2009, "Bandwidth optimal all-reduce algorithms"), at `linkEfficiency` of the link's
/// bandwidth.
public enum DataParallelAllReduce {
  /// Bytes each rank sends (and receives) to all-reduce `bytes` among `ranks`: 2(d − 1)/d · bytes.
  public static func volume(bytes: Double, ranks: Int) -> Double {
    let d = Double(ranks)
    return 2 * (d - 1) / d * bytes
  }

  /// Seconds to all-reduce `bytes` among `ranks` over links of `bandwidth` bytes per second, of
  /// which collectives reach `linkEfficiency`.
  public static func seconds(bytes: Double, ranks: Int, bandwidth: Double, linkEfficiency: Double) -> Double {
    volume(bytes: bytes, ranks: ranks) / (bandwidth * linkEfficiency)
  }
}
