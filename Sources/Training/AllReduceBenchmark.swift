import Dispatch

/// What one process measured of the rank-ordered all-reduce (``RankOrderedGradients``) of a
/// gradient-sized buffer, and of the link it crossed.
public struct AllReduceMeasurement: Codable, Equatable, Sendable {
  /// Processes in the group.
  public let ranks: Int
  /// Floats all-reduced (the gradient's parameter count).
  public let floats: Int
  /// Median seconds of one all-reduce (reduce-scatter in rank order, then all-gather).
  public let allReduceSeconds: Double
  /// Median bytes per second one process sent to the others while all of them exchanged equal
  /// slices at once (an all-to-all of `floats / ranks` floats per pair); 0 with one process.
  public let linkBytesPerSecond: Double
}

/// Times the rank-ordered all-reduce of a buffer of `floats` on `group`, and the link between the
/// processes, each `repeats` times after one untimed round (every process must call it).
public enum AllReduceBenchmark {
  public static func measure(group: any ProcessGroup, floats: Int, repeats: Int) throws -> AllReduceMeasurement {
    precondition(floats >= group.size && repeats >= 1, "a buffer with a slice per process, and one timed round")
    let scale = Float(group.rank + 1)
    let buffer = (0..<floats).map { Float($0 % 1000) * 1e-3 * scale }
    var reduceTimes: [Double] = []
    for round in 0...repeats {
      let started = DispatchTime.now().uptimeNanoseconds
      _ = try RankOrderedGradients.sumInRankOrder(buffer, group: group)
      if round > 0 { reduceTimes.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) }
    }
    var linkRates: [Double] = []
    if group.size > 1 {
      // An all-to-all of equal slices: each process sends (ranks − 1) slices over the link (its own stays in memory).
      let slice = floats / group.size
      let outgoing = [Float](repeating: scale, count: slice * group.size)
      let counts = [Int](repeating: slice, count: group.size)
      let sentBytes = Double(slice * (group.size - 1) * MemoryLayout<Float>.size)
      for round in 0...repeats {
        let started = DispatchTime.now().uptimeNanoseconds
        _ = try group.exchangeSlices(outgoing, counts: counts)
        if round > 0 { linkRates.append(sentBytes / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)) }
      }
    }
    return AllReduceMeasurement(
      ranks: group.size, floats: floats, allReduceSeconds: median(reduceTimes), linkBytesPerSecond: linkRates.isEmpty ? 0 : median(linkRates))
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }
}
