import Foundation
import Plotting
import TrainingCost

/// A data-parallel training step measured on one process and on several (`workbench bench
/// data-parallel --figure`), beside the step-time model's prediction of its gradient exchange
/// (``DataParallelAllReduce``): for each number of processes, the seconds of one process's forward and
/// backward pass, of its gradient exchange, and of the exchange as the model predicts it from the
/// link bandwidth measured between the processes.
public enum DataParallelStepChart {
  /// One number of processes: what one process measured per step, and the predicted exchange.
  public struct Bar: Sendable, Equatable {
    /// Processes that shared every batch.
    public var ranks: Int
    /// Median seconds of one process's forward and backward pass.
    public var computeSeconds: Double
    /// Median seconds of its gradient exchange (copies and waiting included).
    public var communicationSeconds: Double
    /// The step-time model's all-reduce seconds for the same gradient: 2(d − 1)/d × bytes / (link × efficiency).
    public var predictedCommunicationSeconds: Double

    public init(ranks: Int, computeSeconds: Double, communicationSeconds: Double, predictedCommunicationSeconds: Double) {
      self.ranks = ranks
      self.computeSeconds = computeSeconds
      self.communicationSeconds = communicationSeconds
      self.predictedCommunicationSeconds = predictedCommunicationSeconds
    }
  }

  /// What was measured, and where.
  public struct Measurement: Sendable, Equatable {
    /// The workload's name and shape, for example `gpt2-124m (GPT-2 small's shape, 124,439,808 parameters, batch 2 × 256 tokens)`.
    public var workload: String
    /// Bytes of the exchanged gradient (float32).
    public var gradientBytes: Double
    /// Bytes per second one process sent while all exchanged equal slices at once.
    public var linkBytesPerSecond: Double
    /// The share of the link's bandwidth the model assumes collectives reach.
    public var linkEfficiency: Double
    /// The day of the measurement (`2026-12-07`).
    public var date: String
    /// The machine: CPU model, the workbench's kernel family and the operating system, for example
    /// `AMD EPYC 9B14, avx512 kernels, Linux 6.18`.
    public var machine: String
    /// One bar group per number of processes, fewest first.
    public var bars: [Bar]

    public init(
      workload: String, gradientBytes: Double, linkBytesPerSecond: Double, linkEfficiency: Double, date: String, machine: String,
      bars: [Bar]
    ) {
      self.workload = workload
      self.gradientBytes = gradientBytes
      self.linkBytesPerSecond = linkBytesPerSecond
      self.linkEfficiency = linkEfficiency
      self.date = date
      self.machine = machine
      self.bars = bars
    }
  }

  /// The series' labels, in drawing order (their colours are `Palette.default[0...2]`).
  public static let seriesLabels = ["compute (forward + backward)", "gradient exchange, measured", "gradient exchange, predicted"]

  /// The unit of the value axis and the values per second: milliseconds when every bar is under a second.
  static func unit(_ measurement: Measurement) -> (name: String, perSecond: Double) {
    let largest = measurement.bars.flatMap { [$0.computeSeconds, $0.communicationSeconds, $0.predictedCommunicationSeconds] }.max() ?? 0
    return largest < 1 ? ("ms", 1000) : ("s", 1)
  }

  /// `1 process`, `2 processes`.
  static func processes(_ count: Int) -> String { count == 1 ? "1 process" : "\(count) processes" }

  /// Seconds as people read them: `12.3 s`, `2.47 s`, `31.1 ms`, `0 s`.
  static func seconds(_ value: Double) -> String {
    value == 0 ? "0 s" : value >= 10 ? HumanNumber.fixed(value, decimals: 1) + " s"
      : value >= 0.1 ? HumanNumber.fixed(value, decimals: 2) + " s" : HumanNumber.fixed(value * 1000, decimals: 1) + " ms"
  }

  /// The chart, with its caption and alt text, for the `data-parallelism` glossary entry.
  public static func chart(_ measurement: Measurement, fileName: String) -> EstimatorChart {
    let megabytes = HumanNumber.fixed(measurement.gradientBytes / 1e6, decimals: 1)
    let link = HumanNumber.fixed(measurement.linkBytesPerSecond / 1e6, decimals: 0)
    let efficiency = HumanNumber.compact(measurement.linkEfficiency * 100) + "%"
    let perBar = measurement.bars.map { bar in
      "on \(processes(bar.ranks)) \(seconds(bar.computeSeconds)) computing and \(seconds(bar.communicationSeconds)) exchanging gradients "
        + "(predicted \(seconds(bar.predictedCommunicationSeconds)))"
    }
    let caption = "One training step of \(measurement.workload), measured on \(measurement.date) on \(measurement.machine), "
      + "each process on its own core: " + perBar.joined(separator: "; ") + ". Every process computes an equal share of the batch's rows. "
      + "The prediction is the cost model's all-reduce term, 2(d − 1)/d × \(megabytes) MB of float32 gradient over the "
      + "\(link) MB/s measured between the processes at \(efficiency) efficiency: it counts only the bytes that cross the link, "
      + "so the one-process exchange (copying the gradients into one buffer and back) is what it leaves out."
    let alt = "Grouped bars of seconds per training step for " + measurement.bars.map(\.ranks).map(processes).joined(separator: " and ") + ". "
      + measurement.bars.map { bar in
        "\(processes(bar.ranks)): compute \(seconds(bar.computeSeconds)), exchange measured \(seconds(bar.communicationSeconds)), "
          + "exchange predicted \(seconds(bar.predictedCommunicationSeconds))"
      }.joined(separator: "; ") + "."
    let (unitName, perSecond) = unit(measurement)
    return EstimatorChart(
      entry: "data-parallelism", fileName: fileName, title: "A data-parallel training step: compute and gradient exchange, measured and predicted",
      caption: caption, alt: alt
    ) { url, metadata in
      var chart = BarChart(
        title: "One training step: compute and gradient exchange per process",
        categories: measurement.bars.map { "\(processes($0.ranks))\n\($0.ranks == 1 ? "whole batch" : "1/\($0.ranks) of the batch each")" },
        xLabel: "measured \(measurement.date) on \(measurement.machine)", yLabel: "\(unitName) per step")
      let columns: [(Bar) -> Double] = [\.computeSeconds, \.communicationSeconds, \.predictedCommunicationSeconds]
      for (index, column) in columns.enumerated() {
        chart.add(BarSeries(label: seriesLabels[index], values: measurement.bars.map { column($0) * perSecond }, color: Palette.default[index]))
      }
      chart.showsValues = true
      // Room above the tallest bar for its value and for the legend (three rows in the top third).
      let tallest = measurement.bars.flatMap { bar in columns.map { $0(bar) * perSecond } }.max() ?? 0
      chart.yLimits = AxisLimits(0, tallest > 0 ? tallest * 1.6 : 1)
      chart.legend = .upperRight
      try chart.save(to: url, metadata: metadata, width: ParallelismCharts.size.width, height: ParallelismCharts.size.height)
    }
  }
}
