import ArgumentParser
import Autograd
import Foundation
import NeuralNet
import Training
import TrainingCost
import WorkbenchFiles

/// `workbench bench`: training speed of the reference workloads, and matrix-multiply speed.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure training speed (build with -c release).",
    subcommands: [BenchWorkloads.self, BenchMatmul.self, BenchMoons.self, BenchDataParallel.self],
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
/// prediction for the same bytes over the link bandwidth measured between the processes.
struct BenchDataParallel: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data-parallel",
    abstract: "Under mpirun: all-reduce time of a gradient buffer, measured and as the cost model predicts it (one JSON line).")

  @Option(help: "Floats in the buffer (default 124439808, GPT-2 124M's parameters).") var floats = 124_439_808
  @Option(help: "Timed rounds (the median is reported).") var repeats = 3

  func validate() throws {
    guard (1_000...1_000_000_000).contains(floats) else { throw ValidationError("--floats must be between 1000 and 1000000000, got \(floats).") }
    guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 100, got \(repeats).") }
  }

  func run() throws {
    guard let group = try TrainingSession.joinLauncherGroup() else {
      throw WorkbenchFailure(
        "bench data-parallel measures the processes of an MPI job; start it with mpirun -np 2 workbench bench data-parallel.",
        exitCode: WorkbenchFailure.usage)
    }
    defer { group.finish() }
    let measured = try AllReduceBenchmark.measure(group: group, floats: floats, repeats: repeats)
    guard group.rank == 0 else { return }
    /// The printed line: measured and predicted seconds, bytes, the link's bytes per second.
    struct Line: Codable {
      let ranks: Int
      let bytes, all_reduce_s, link_bytes_per_s, link_efficiency, predicted_s: Double
      let measured_over_predicted: Double?
    }
    let bytes = Double(floats * MemoryLayout<Float>.size)
    let efficiency = LayoutAssumptions().linkEfficiency
    let predicted =
      measured.ranks > 1
      ? DataParallelAllReduce.seconds(bytes: bytes, ranks: measured.ranks, bandwidth: measured.linkBytesPerSecond, linkEfficiency: efficiency) : 0
    let line = Line(
      ranks: measured.ranks, bytes: bytes, all_reduce_s: measured.allReduceSeconds, link_bytes_per_s: measured.linkBytesPerSecond,
      link_efficiency: efficiency, predicted_s: predicted, measured_over_predicted: predicted > 0 ? measured.allReduceSeconds / predicted : nil)
    print(String(decoding: try JSONEncoder.sortedKeys.encode(line), as: UTF8.self))
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
