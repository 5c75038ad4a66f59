import ArgumentParser
import Autograd
import CostReports
import Foundation
import Lessons
import NeuralNet
import Plotting
import Training
import TrainingCost
import WorkbenchFiles

/// `workbench bench`: training speed of the reference workloads, and matrix-multiply speed.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure training speed (build with -c release).",
    subcommands: [BenchWorkloads.self, BenchMatmul.self, BenchBandwidth.self, BenchMoons.self, BenchDataParallel.self],
    defaultSubcommand: BenchWorkloads.self)
}

/// `workbench bench [workloads]`: one JSON line per workload.
struct BenchWorkloads: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workloads",
    abstract: "Train mlp-char, gpt-tiny and gpt-small (with --large also gpt-medium and the GPT-2 124M workloads) and print ms/step and tokens/s as JSON lines.")

  @Option(help: "Timed steps per workload (the median is reported; default: the workload's own, 30 for the quick ones).") var steps: Int?
  @Option(help: "Untimed warm-up steps (default: the workload's own, 5 for the quick ones).") var warmup: Int?
  @Option(help: "Only this workload (mlp-char, gpt-tiny, gpt-small, gpt-medium, gpt2-124m, gpt2-124m-lora, gpt2-124m-generate).") var only: String?
  @Flag(help: "Also run the four large workloads (minutes and gigabytes each).") var large = false
  @Option(help: "Also save each trained workload as <DIR>/<name>.safetensors.") var save: String?

  func validate() throws {
    if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps).") }
    if let warmup, warmup < 0 { throw ValidationError("--warmup must be 0 or more, got \(warmup).") }
    if let only, BenchmarkWorkload.named(only) == nil {
      throw ValidationError("There is no workload '\(only)'; choose one of: \(BenchmarkWorkload.every.map(\.name).joined(separator: ", ")).")
    }
  }

  func run() throws {
    let folder = save.map { URL(fileURLWithPath: $0) }
    if let folder { try OutputPaths.ensureFolder(folder) }
    let workloads = only.flatMap { BenchmarkWorkload.named($0) }.map { [$0] } ?? (large ? BenchmarkWorkload.every : BenchmarkWorkload.all)
    for workload in workloads {
      let outcome = try Benchmark.run(workload, steps: steps, warmup: warmup, engine: "workbench \(WorkbenchVersion.string)")
      print(String(decoding: try JSONEncoder.sortedKeys.encode(outcome.measurement), as: UTF8.self))
      if let folder {
        try Checkpoint.save(outcome.model, metadata: outcome.metadata, to: folder.appendingPathComponent("\(workload.name).safetensors"))
      }
    }
  }
}

/// `workbench bench bandwidth`: how fast memory streams into the cores (the ceiling of decoding).
struct BenchBandwidth: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bandwidth",
    abstract: "Memory read bandwidth (GB/s): a float32 sum over 1 GiB, median of 7 rounds.",
    discussion: """
      Decoding one token reads every weight once, so a model of W bytes of weights decodes at most \
      bandwidth / W tokens per second: GPT-2 124M reads about 498 MB per token in float32, 249 MB in bf16 and 140 MB in int8.
      """)

  @Option(help: "Threads reading (default: one per core).") var threads: Int?
  @Option(help: "Mebibytes to read per round (at least 64, far above the caches).") var mebibytes = 1024

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads).") }
    guard (64...65536).contains(mebibytes) else { throw ValidationError("--mebibytes must be between 64 and 65536, got \(mebibytes).") }
  }

  func run() throws {
    let result = MemoryBandwidthBenchmark.run(bytes: mebibytes << 20, threads: threads)
    print(String(decoding: try JSONEncoder.sortedKeys.encode(result), as: UTF8.self))
  }
}

/// `workbench bench matmul`: float32 GFLOP/s of square matrix products.
struct BenchMatmul: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "matmul", abstract: "Float32 matrix-multiply speed (GFLOP/s) at sizes 64, 256 and 1024.")

  @Option(parsing: .upToNextOption, help: "Matrix sizes n (n×n×n products).") var sizes: [Int] = [64, 256, 1024]
  @Flag(help: "Print one JSON object per size instead of a table.") var json = false

  func validate() throws {
    guard sizes.allSatisfy({ (1...8192).contains($0) }) else { throw ValidationError("--sizes must be between 1 and 8192.") }
  }

  func run() throws {
    var rows: [[String]] = []
    for n in sizes {
      let result = try MatmulBenchmark.run(size: n)
      if json {
        print(String(decoding: try JSONEncoder.sortedKeys.encode(result), as: UTF8.self))
      } else {
        rows.append(["\(n)×\(n)×\(n)", String(format: "%.3f", result.ms), String(format: "%.1f", result.gflops), result.kernels])
      }
    }
    if !json {
      print(Table(headers: ["product", "ms (median)", "GFLOP/s", "kernels"], rows: rows).text)
    }
  }
}

/// `workbench bench moons`: wall time of a tiny MLP's training loop (per-op overhead).
struct BenchMoons: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "moons", abstract: "Seconds for 100 full-batch steps of a 2-16-16-1 tanh MLP on 100 two-moons points.")

  @Option(help: "Training steps.") var steps = 100

  func validate() throws {
    guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps).") }
  }

  func run() throws {
    let result = try MoonsBenchmark.run(steps: steps)
    print(String(decoding: try JSONEncoder.sortedKeys.encode(result), as: UTF8.self))
  }
}

/// `workbench bench data-parallel`, under `mpirun -np N` (N = 1 or more): the rank-ordered gradient
/// all-reduce of GPT-2 124M's parameter count in float32, measured, beside the step-time model's
/// prediction for the same bytes over the link bandwidth measured between the processes. With
/// `--workload` (or `--figure`), also training steps of that workload on one process and on the N,
/// split into compute and gradient exchange, and with `--figure` the chart of that split (with its
/// record beside it, for the glossary).
struct BenchDataParallel: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data-parallel",
    abstract: "Under mpirun: all-reduce time of a gradient buffer, measured and as the cost model predicts it, and optionally the compute and exchange of training steps on 1 and N processes (JSON lines).")

  @Option(help: "Floats in the buffer (default 124439808, GPT-2 124M's parameters).") var floats = 124_439_808
  @Option(help: "Timed rounds (the median is reported).") var repeats = 3
  @Option(help: "Also time training steps of this GPT workload on one process and on all of them (gpt-tiny, gpt-small, gpt-medium, gpt2-124m; default gpt2-124m with --figure).")
  var workload: String?
  @Option(help: "Timed training steps (the median is reported; default: the workload's own).") var steps: Int?
  @Option(help: "Untimed training steps before them (default: the workload's own).") var warmup: Int?
  @Option(help: "Draw the step split to this PNG, with its caption, date and machine in a JSON file of the same name beside it (needs 2 or more processes).")
  var figure: String?

  func validate() throws {
    guard (1_000...1_000_000_000).contains(floats) else { throw ValidationError("--floats must be between 1000 and 1000000000, got \(floats).") }
    guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 100, got \(repeats).") }
    if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps).") }
    if let warmup, warmup < 0 { throw ValidationError("--warmup must be 0 or more, got \(warmup).") }
    if let workload {
      guard let named = BenchmarkWorkload.named(workload) else {
        throw ValidationError("There is no workload '\(workload)'; choose one of: \(BenchmarkWorkload.every.map(\.name).joined(separator: ", ")).")
      }
      do { try DataParallelStepBenchmark.check(named, ranks: 1) } catch { throw ValidationError("--workload: \(error).") }
    }
    if let figure, !figure.lowercased().hasSuffix(".png") {
      throw ValidationError("--figure must name a .png file, got '\(figure)'.")
    }
  }

  func run() throws {
    guard let group = try TrainingSession.joinLauncherGroup() else {
      throw WorkbenchFailure(
        "bench data-parallel measures the processes of an MPI job; start it with mpirun -np 2 workbench bench data-parallel.",
        exitCode: WorkbenchFailure.usage)
    }
    defer { group.finish() }
    let stepWorkload = (workload ?? (figure != nil ? "gpt2-124m" : nil)).flatMap(BenchmarkWorkload.named)
    if let stepWorkload {
      do { try DataParallelStepBenchmark.check(stepWorkload, ranks: group.size) } catch {
        throw WorkbenchFailure("--workload: \(error); start another number of processes.", exitCode: WorkbenchFailure.usage)
      }
    }
    if figure != nil && group.size < 2 {
      throw WorkbenchFailure("--figure compares one process with several; start it with mpirun -np 2.", exitCode: WorkbenchFailure.usage)
    }
    let figureURL = figure.map { URL(fileURLWithPath: $0) }
    if let figureURL, group.rank == 0 {
      do { try WritableFolder.prepare(figureURL.deletingLastPathComponent(), option: "--figure") } catch {
        throw WorkbenchFailure(error.description, exitCode: WorkbenchFailure.cannotCreateOutput)
      }
    }
    let measured = try AllReduceBenchmark.measure(group: group, floats: floats, repeats: repeats)
    let efficiency = LayoutAssumptions().linkEfficiency
    func predicted(floats: Int, ranks: Int) -> Double {
      ranks > 1
        ? DataParallelAllReduce.seconds(
          bytes: Double(floats * MemoryLayout<Float>.size), ranks: ranks, bandwidth: measured.linkBytesPerSecond, linkEfficiency: efficiency)
        : 0
    }
    if group.rank == 0 {
      /// The printed line: measured and predicted seconds, bytes, the link's bytes per second.
      struct Line: Codable {
        let ranks: Int
        let bytes, all_reduce_s, link_bytes_per_s, link_efficiency, predicted_s: Double
        let measured_over_predicted: Double?
      }
      let prediction = predicted(floats: floats, ranks: measured.ranks)
      let line = Line(
        ranks: measured.ranks, bytes: Double(floats * MemoryLayout<Float>.size), all_reduce_s: measured.allReduceSeconds,
        link_bytes_per_s: measured.linkBytesPerSecond, link_efficiency: efficiency, predicted_s: prediction,
        measured_over_predicted: prediction > 0 ? measured.allReduceSeconds / prediction : nil)
      print(String(decoding: try JSONEncoder.sortedKeys.encode(line), as: UTF8.self))
    }
    guard let stepWorkload else { return }
    let steps = steps ?? stepWorkload.defaultSteps, warmup = warmup ?? stepWorkload.defaultWarmup
    // One process: every process trains the whole batch alone at the same time (each on its own core,
    // as mpirun binds them), then all of them share each batch.
    let alone = try DataParallelStepBenchmark.measure(stepWorkload, group: try group.alone(), steps: steps, warmup: warmup)
    try group.barrier()
    let shared = try DataParallelStepBenchmark.measure(stepWorkload, group: group, steps: steps, warmup: warmup)
    guard group.rank == 0 else { return }
    /// A printed step line: one process's medians, and the model's exchange for the same gradient.
    struct StepLine: Codable {
      let workload: String
      let ranks, rows_per_rank, gradient_floats: Int
      let compute_s, communication_s, step_s, predicted_communication_s: Double
    }
    var bars: [DataParallelStepChart.Bar] = []
    for step in [alone, shared] {
      let prediction = predicted(floats: step.gradientFloats, ranks: step.ranks)
      let line = StepLine(
        workload: stepWorkload.name, ranks: step.ranks, rows_per_rank: step.rowsPerRank, gradient_floats: step.gradientFloats,
        compute_s: step.computeSeconds, communication_s: step.communicationSeconds, step_s: step.stepSeconds, predicted_communication_s: prediction)
      print(String(decoding: try JSONEncoder.sortedKeys.encode(line), as: UTF8.self))
      bars.append(
        DataParallelStepChart.Bar(
          ranks: step.ranks, computeSeconds: step.computeSeconds, communicationSeconds: step.communicationSeconds,
          predictedCommunicationSeconds: prediction))
    }
    guard let figureURL else { return }
    let machine = BenchmarkMachine.current()
    let config = stepWorkload.gptConfig!
    let parameters = HumanNumber.grouped(Double(shared.gradientFloats - 2))
    let measurement = DataParallelStepChart.Measurement(
      workload: "\(stepWorkload.name) (\(config.layerCount) layers, width \(config.embeddingWidth), \(parameters) parameters, "
        + "batch \(stepWorkload.batchSize) × \(config.blockSize) tokens)",
      gradientBytes: Double(shared.gradientFloats * MemoryLayout<Float>.size), linkBytesPerSecond: measured.linkBytesPerSecond,
      linkEfficiency: efficiency, date: Self.today(), machine: machine.description, bars: bars)
    let chart = DataParallelStepChart.chart(measurement, fileName: figureURL.lastPathComponent)
    let command = "mpirun -np \(group.size) " + TrainingCommandOptions.commandLine()
    do {
      try chart.save(to: figureURL, command: command, software: workbenchSoftware)
      try FigureRecord(caption: chart.caption, alt: chart.alt, command: command, measured: measurement.date, machine: measurement.machine)
        .write(besides: figureURL)
    } catch {
      throw WorkbenchFailure("\(error)", exitCode: WorkbenchFailure.cannotCreateOutput)
    }
    print("wrote \(figureURL.path) and \(FigureRecord.url(besides: figureURL).path)")
  }

  /// Today's date in UTC, `2026-12-07`.
  static func today() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
  }
}

/// Folder checks shared by commands that write files.
enum OutputPaths {
  /// Creates `folder` if needed; a file in the way or an unwritable folder is exit 73.
  static func ensureFolder(_ folder: URL) throws {
    do { try WritableFolder.prepare(folder, option: "--save") } catch {
      throw WorkbenchFailure(error.description, exitCode: WorkbenchFailure.cannotCreateOutput)
    }
  }
}

extension JSONEncoder {
  /// Compact JSON with sorted keys.
  static var sortedKeys: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
