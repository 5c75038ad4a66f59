import Foundation
import Plotting
import TrainingCost

/// One chart the estimator draws for a glossary entry: what it shows, where it goes, and how to draw it.
public struct EstimatorChart: Sendable {
  /// The glossary entry it illustrates (its slug, e.g. `zero-sharded-optimizer`).
  public let entry: String
  /// PNG file name.
  public let fileName: String
  /// Title in the PNG metadata.
  public let title: String
  /// What the chart shows, with the numbers that matter.
  public let caption: String
  /// Text for people who cannot see it.
  public let alt: String
  /// Draws the chart to a URL with a PNG metadata.
  let draw: @Sendable (URL, PNGMetadata) throws -> Void

  /// Renders the chart to `url` atomically; `command` is the PNG's `Source`, `software` its program.
  public func save(to url: URL, command: String, software: String) throws {
    try draw(url, PNGMetadata(title: title, software: software, source: command))
  }
}

/// The charts of parallel training the glossary entries show, each computed with the estimator
/// (`DistributedMemory`, `LayoutSearch`) for a named model.
public enum ParallelismCharts {
  /// Pixel size of every chart.
  public static let size = (width: 1200, height: 800)

  /// All five charts: ZeRO stages, recomputation, tensor, pipeline and data parallelism.
  public static func all() throws -> [EstimatorChart] {
    [zeroStages(), recomputation(), tensorParallelism(), pipelineBubble(), try dataParallelScaling()]
  }

  static func gigabytes(_ bytes: Double) -> Double { bytes / 1e9 }
  static func fixed(_ value: Double) -> String { HumanNumber.fixed(value, decimals: value < 10 ? 1 : 0) }

  /// Llama 2 70B on 64 H100s (t = 8, d = 8, s = 4096, b = 1, sequence parallel): memory per GPU by ZeRO stage,
  /// one bar per recomputation mode, against the 80 GB of an H100.
  static func zeroStages() -> EstimatorChart {
    let model = TransformerArchitecture.preset(named: "llama-2-70b")!
    let modes = Recomputation.allCases
    let values: [[Double]] = modes.map { mode in
      ZeROStage.allCases.map { stage in
        gigabytes(DistributedMemory(
          architecture: model,
          layout: ParallelLayout(tensor: 8, data: 8, zero: stage, recompute: mode, sequenceParallel: true)).totalBytes)
      }
    }
    let categories = ["ZeRO 0\nreplicated", "ZeRO 1\noptimizer", "ZeRO 2\n+ gradients", "ZeRO 3\n+ weights"]
    let caption = "Memory per GPU to train Llama 2 70B on 64 H100s (tensor parallel 8 with sequence parallelism, data parallel 8, "
      + "4096-token sequences, micro-batch 1), by ZeRO stage and activation recomputation: \(fixed(values[0][0])) GB with nothing "
      + "sharded or recomputed, \(fixed(values[1][3])) GB at ZeRO-3 with selective recomputation. Model states after Rajbhandari "
      + "et al. 2020, activations after Korthikanti et al. 2022."
    let alt = "Grouped bars of memory per GPU for ZeRO stages 0 to 3. " + modes.enumerated().map { index, mode in
      "Recompute \(mode.rawValue): " + values[index].map { fixed($0) + " GB" }.joined(separator: ", ")
    }.joined(separator: ". ") + ". A dashed line marks 80 GB."
    return EstimatorChart(
      entry: "zero-sharded-optimizer", fileName: "zero-stages.png", title: "Memory per GPU by ZeRO stage (Llama 2 70B, 64 H100s)",
      caption: caption, alt: alt
    ) { url, metadata in
      var chart = BarChart(
        title: "Llama 2 70B on 64 GPUs (t = 8, d = 8): memory per GPU", categories: categories, yLabel: "GB per GPU")
      for (index, mode) in modes.enumerated() {
        chart.add(BarSeries(label: "recompute \(mode.rawValue)", values: values[index], color: Palette.default[index]))
      }
      chart.addHorizontalLine(at: 80, label: "H100: 80 GB")
      chart.legend = .upperRight
      try chart.save(to: url, metadata: metadata, width: size.width, height: size.height)
    }
  }

  /// GPT-3 175B at t = 8 with sequence parallelism: activation bytes per layer per sequence against the sequence length.
  static func recomputation() -> EstimatorChart {
    let lengths = [512, 1024, 2048, 4096, 8192, 16384]
    let modes = Recomputation.allCases
    let values = modes.map { mode in
      lengths.map { s in
        gigabytes(DistributedMemory.activationBytesPerLayer(
          sequence: s, microBatch: 1, hidden: 12288, heads: 96, tensor: 8, sequenceParallel: true, recompute: mode))
      }
    }
    let at2048 = modes.indices.map { values[$0][2] }
    let caption = "Activation memory of one GPT-3 175B layer for one sequence on each of 8 tensor-parallel GPUs with sequence "
      + "parallelism (Korthikanti et al. 2022, Table 2). At 2048 tokens: \(HumanNumber.fixed(at2048[0] * 1000, decimals: 0)) MB keeping "
      + "everything, \(HumanNumber.fixed(at2048[1] * 1000, decimals: 0)) MB recomputing only attention (selective), "
      + "\(HumanNumber.fixed(at2048[2] * 1000, decimals: 0)) MB keeping only the layer input (full). Without recomputation the "
      + "attention term grows with the square of the sequence."
    let alt = "Three lines on log axes of activation memory per layer against sequence length from 512 to 16384 tokens. "
      + modes.enumerated().map { index, mode in
        "\(mode.rawValue): from \(HumanNumber.fixed(values[index].first! * 1000, decimals: 1)) to \(HumanNumber.fixed(values[index].last! * 1000, decimals: 0)) MB"
      }.joined(separator: "; ") + "."
    return EstimatorChart(
      entry: "activation-recomputation", fileName: "recomputation.png",
      title: "Activation memory per layer by recomputation (GPT-3 175B, t = 8)", caption: caption, alt: alt
    ) { url, metadata in
      var chart = Chart(
        title: "GPT-3 175B: one layer, one sequence, t = 8, SP", xLabel: "sequence length (tokens)",
        yLabel: "activation memory per GPU (GB)", xScale: .log10, yScale: .log10)
      for (index, mode) in modes.enumerated() {
        chart.add(LineSeries(
          x: lengths.map(Double.init), y: values[index], label: "recompute \(mode.rawValue)", color: Palette.default[index],
          width: 2, marker: .circle))
      }
      chart.legend = .upperLeft
      try chart.save(to: url, metadata: metadata, width: size.width, height: size.height)
    }
  }

  /// Llama 2 70B, one pipeline stage, no data parallelism, selective recomputation with sequence parallelism:
  /// model states and activations per GPU as the tensor-parallel size grows.
  static func tensorParallelism() -> EstimatorChart {
    let model = TransformerArchitecture.preset(named: "llama-2-70b")!
    let sizes = [1, 2, 4, 8]
    let memories = sizes.map { t in
      DistributedMemory(
        architecture: model, layout: ParallelLayout(tensor: t, recompute: .selective, sequenceParallel: t > 1))
    }
    let states = memories.map { gigabytes($0.weightsBytes + $0.gradientsBytes + $0.optimizerBytes) }
    let activations = memories.map { gigabytes($0.activationsBytes) }
    let caption = "Memory per GPU of Llama 2 70B split over t tensor-parallel GPUs (one pipeline stage, no ZeRO, selective "
      + "recomputation, sequence parallelism when t > 1, 4096-token sequences): model states fall from \(fixed(states[0])) GB "
      + "to \(fixed(states[3])) GB and activations from \(fixed(activations[0])) GB to \(fixed(activations[3])) GB at t = 8, "
      + "still above one 80 GB GPU: a 70B model also needs ZeRO or pipeline stages."
    let alt = "Grouped bars for t = 1, 2, 4, 8. Model states: " + states.map { fixed($0) + " GB" }.joined(separator: ", ")
      + ". Activations: " + activations.map { fixed($0) + " GB" }.joined(separator: ", ") + "."
    return EstimatorChart(
      entry: "tensor-parallelism", fileName: "tensor-parallelism.png",
      title: "Memory per GPU by tensor-parallel size (Llama 2 70B)", caption: caption, alt: alt
    ) { url, metadata in
      var chart = BarChart(
        title: "Llama 2 70B: memory per GPU by tensor-parallel size",
        categories: sizes.map { "t = \($0)" }, yLabel: "GB per GPU", yScale: .log10)
      chart.add(BarSeries(label: "weights + gradients + optimizer", values: states, color: Palette.default[0]))
      chart.add(BarSeries(label: "activations", values: activations, color: Palette.default[1]))
      chart.addHorizontalLine(at: 80, label: "80 GB")
      chart.showsValues = true
      chart.legend = .upperRight
      chart.yLimits = AxisLimits(1, 3000)
      try chart.save(to: url, metadata: metadata, width: size.width, height: size.height)
    }
  }

  /// The pipeline bubble (p − 1)/(m + p − 1) against the micro-batches per step, for 2 to 16 stages.
  static func pipelineBubble() -> EstimatorChart {
    let stages = [2, 4, 8, 16]
    let microBatches = [1, 2, 4, 8, 16, 32, 64, 128, 256]
    let bubble: @Sendable (Int, Int) -> Double = { p, m in Double(p - 1) / Double(m + p - 1) }
    let caption = "Fraction of a training step a pipeline of p stages stands idle, (p − 1)/(m + p − 1) for m micro-batches per "
      + "step under the 1F1B schedule (Narayanan et al. 2021, §2.2.1): with 8 stages it is \(HumanNumber.fixed(bubble(8, 8) * 100, decimals: 0))% "
      + "at m = 8 and \(HumanNumber.fixed(bubble(8, 64) * 100, decimals: 0))% at m = 64, which is why pipelines want many micro-batches."
    let alt = "Four falling lines on a log x axis of micro-batches from 1 to 256. " + stages.map { p in
      "p = \(p): \(HumanNumber.fixed(bubble(p, 1) * 100, decimals: 0))% at m = 1, \(HumanNumber.fixed(bubble(p, 256) * 100, decimals: 1))% at m = 256"
    }.joined(separator: "; ") + "."
    return EstimatorChart(
      entry: "pipeline-parallelism", fileName: "pipeline-bubble.png", title: "Pipeline bubble against micro-batches",
      caption: caption, alt: alt
    ) { url, metadata in
      var chart = Chart(
        title: "Idle time of a pipeline: (p − 1)/(m + p − 1)", xLabel: "micro-batches per step m",
        yLabel: "bubble (% of the step)", xScale: .log10, yLimits: AxisLimits(0, 100))
      for (index, p) in stages.enumerated() {
        chart.add(LineSeries(
          x: microBatches.map(Double.init), y: microBatches.map { bubble(p, $0) * 100 }, label: "p = \(p) stages",
          color: Palette.default[index], width: 2, marker: .circle))
      }
      chart.legend = .upperRight
      try chart.save(to: url, metadata: metadata, width: size.width, height: size.height)
    }
  }

  /// GPT-3 175B on A100 80GB with a global batch of 1536: the fastest layout the search finds for 192 to 3072
  /// GPUs, its data-parallel size and executed teraFLOP/s per GPU.
  static func dataParallelScaling() throws -> EstimatorChart {
    let model = TransformerArchitecture.preset(named: "gpt-3")!
    let a100 = try AcceleratorCatalogue.builtIn.accelerator(named: "a100-80gb")
    let counts = [192, 384, 768, 1536, 3072]
    let best = try counts.map { n in
      try LayoutSearch.search(architecture: model, gpus: n, accelerator: a100, globalBatch: 1536)[0]
    }
    let tflops = best.map { $0.hardwareFLOPSPerGPU / 1e12 }
    let days = best.map { 300e9 / $0.tokensPerSecond / 86400 }
    let categories = zip(counts, best).map { n, e in "\(n) GPUs\nt\(e.layout.tensor) p\(e.layout.pipeline) d\(e.layout.data)" }
    let caption = "GPT-3 175B on A100 80GB GPUs with a global batch of 1536 sequences: the estimator's fastest layout at each GPU count "
      + "(t tensor × p pipeline × d data parallel) and its executed teraFLOP/s per GPU. More data-parallel replicas finish sooner "
      + "(300B tokens in \(HumanNumber.fixed(days[0], decimals: 0)) days on \(counts[0]) GPUs, \(HumanNumber.fixed(days[4], decimals: 0)) on \(counts[4])) "
      + "but each GPU does less: fewer micro-batches per replica make the pipeline bubble larger and the gradient all-reduce weighs more."
    let alt = "Bars of teraFLOP/s per GPU for " + zip(categories, tflops).map { "\($0.replacingOccurrences(of: "\n", with: " ")): \(HumanNumber.fixed($1, decimals: 0))" }
      .joined(separator: "; ") + "."
    return EstimatorChart(
      entry: "data-parallelism", fileName: "data-parallel-scaling.png",
      title: "Throughput per GPU as data parallelism grows (GPT-3 175B, A100 80GB)", caption: caption, alt: alt
    ) { url, metadata in
      var chart = BarChart(
        title: "GPT-3 175B, batch 1536: fastest layout per GPU count", categories: categories,
        yLabel: "executed teraFLOP/s per GPU", yLimits: AxisLimits(0, 200))
      chart.add(BarSeries(label: "estimated", values: tflops, color: Palette.default[0]))
      chart.showsValues = true
      chart.legend = .hidden
      try chart.save(to: url, metadata: metadata, width: size.width, height: size.height)
    }
  }
}
