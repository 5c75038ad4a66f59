import Foundation

/// The chart timed by `workbench plots bench` (and by the matplotlib comparison in BENCHMARKS.md).
public enum PlotBenchmark {
  /// A line chart of `seriesCount` noisy series of `points` points each: series k is
  /// y = sin(x/500 + k) + 0.3·noise, x = 0, 1, …, with noise from a fixed seed.
  public static func chart(seriesCount: Int = 3, points: Int = 10_000) -> Chart {
    var rng = GalleryRandom(seed: 42)
    var chart = Chart(title: "Benchmark: \(seriesCount) series × \(points) points", xLabel: "step", yLabel: "value")
    let xs = (0..<points).map(Double.init)
    for k in 0..<seriesCount {
      let ys = xs.map { sin($0 / 500 + Double(k)) + 0.3 * (rng.uniform() - 0.5) }
      chart.add(LineSeries(x: xs, y: ys, label: "series \(k + 1)"))
    }
    return chart
  }
}
