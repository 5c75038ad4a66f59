import ArgumentParser
import Foundation
import Plotting
import WorkbenchFiles

/// `workbench plots`: the chart gallery and the rendering benchmark.
struct PlotsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plots",
    abstract: "Draw example charts of every kind, or time chart rendering.",
    subcommands: [Gallery.self, Bench.self]
  )

  /// `workbench plots gallery [--output DIR]`
  struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write one PNG per chart kind (line, scatter, band, bar, histogram, heatmap, small multiples, diagram).")

    @Option(help: "Folder for the PNG files (created if missing).")
    var output: String = "output/gallery"

    func validate() throws {
      if output.isEmpty { throw ValidationError("--output must name a folder.") }
    }

    func run() throws {
      let folder = URL(fileURLWithPath: output, isDirectory: true)
      do { try WritableFolder.prepare(folder) } catch {
        throw PlotError.outputNotWritable(path: output, reason: error.reason)
      }
      let source = CommandLineText.reproducing(["plots", "gallery", "--output", output])
      for entry in PlotGallery.entries() {
        let url = folder.appendingPathComponent(entry.name + ".png")
        try entry.figure.save(
          to: url,
          metadata: PNGMetadata(title: entry.title, software: "workbench \(WorkbenchVersion.string)", source: source),
          width: entry.width, height: entry.height)
        print(url.path)
      }
    }
  }

  /// `workbench plots bench [--runs N]`
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render and save a 1200x800 line chart of 3 series x 10,000 points N times; print the median time.")

    @Option(help: "Number of timed runs.")
    var runs: Int = 20

    @Option(help: "Folder for the benchmark PNG.")
    var output: String = "output"

    func validate() throws {
      guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
    }

    func run() throws {
      let folder = URL(fileURLWithPath: output, isDirectory: true)
      do { try WritableFolder.prepare(folder) } catch {
        throw PlotError.outputNotWritable(path: output, reason: error.reason)
      }
      let chart = PlotBenchmark.chart()
      let url = folder.appendingPathComponent("plots-bench.png")
      let metadata = PNGMetadata(
        title: "Benchmark: 3 series x 10,000 points", software: "workbench \(WorkbenchVersion.string)",
        source: CommandLineText.reproducing(["plots", "bench", "--runs", String(runs), "--output", output]))
      var wall: [Double] = []
      var cpu: [Double] = []
      for _ in 0..<(runs + 1) {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.threadCPUTime()
        let image = try chart.render(width: 1200, height: 800, scale: 2)
        try PNGFile.write(image, to: url, metadata: metadata)
        cpu.append((Self.threadCPUTime() - cpuStart) * 1e3)
        wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      wall.removeFirst()  // warm-up: page faults and font loading
      cpu.removeFirst()
      print(
        String(
          format: "render+save 1200x800, 3 series x 10000 points, %d runs: median %.1f ms wall (min %.1f), median %.1f ms CPU",
          runs, Self.median(wall), wall.min()!, Self.median(cpu)))
    }

    static func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      let n = sorted.count
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// CPU time of the calling thread in seconds (unaffected by other processes on a busy machine).
    static func threadCPUTime() -> Double {
      var time = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
      return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
  }
}

/// The command line that reproduces an output, shell-quoted.
enum CommandLineText {
  /// "workbench" followed by `arguments`, each quoted for a POSIX shell when needed.
  static func reproducing(_ arguments: [String]) -> String {
    (["workbench"] + arguments.map(quoted)).joined(separator: " ")
  }

  static func quoted(_ argument: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    if !argument.isEmpty && argument.allSatisfy({ safe.contains($0) }) { return argument }
    return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
