import ArgumentParser
import Foundation
import Lab

/// `workbench serve`: the site with live panels (run a lesson, compare runs, the cost calculator).
struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the site with live panels: run lessons and watch them train, compare runs, price a training run.",
    discussion: """
      Builds the site from the lesson outputs there are (no lesson is run), then serves it. Runs started from \
      the pages are kept in <output>/lab/runs/<n>/, uploaded texts in <output>/lab/texts/<n>/. /lab/text.html trains \
      a GPT on your own text; /lab/generate.html generates from a lesson's, a run's or a --model checkpoint and shows \
      each token's most likely alternatives with their probabilities. Ctrl-C stops the server and any run it started.
      """)

  @Option(help: "Port to listen on.") var port: Int = 8080
  @Option(help: "Address to listen on; anything but a loopback address makes the lab reachable from other machines.")
  var host = "127.0.0.1"
  @Option(help: ArgumentHelp("Folder of lesson outputs; the site goes to <output>/site and runs to <output>/lab.", valueName: "dir"))
  var output = "output"
  @OptionGroup var glossary: GlossaryOptions
  @Option(help: ArgumentHelp("Where lesson narratives (<id>.md) are.", valueName: "dir")) var lessons = "lessons"
  @Option(
    name: .customLong("model"),
    help: ArgumentHelp(
      "A model to generate from besides the lessons' and the runs' (a Hugging Face GPT-2 directory or a workbench checkpoint; repeatable).",
      valueName: "dir"))
  var models: [String] = []

  func validate() throws {
    guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, got \(port).") }
  }

  func run() throws {
    for model in models where !FileManager.default.fileExists(atPath: model) {
      throw WorkbenchFailure("--model \(model) does not exist; give a Hugging Face GPT-2 directory or a checkpoint file.", exitCode: WorkbenchFailure.missingInput)
    }
    let outputRoot = URL(fileURLWithPath: output)
    let site = outputRoot.appendingPathComponent("site")
    try SiteBuild.run(output: site.path, glossary: glossary, lessonsOutput: output, lessons: lessons, runMissing: false)
    let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    let server: LabServer
    do {
      server = try LabServer(
        host: host, port: UInt16(port), site: site, lab: outputRoot.appendingPathComponent("lab"), outputRoot: outputRoot,
        models: models.map { URL(fileURLWithPath: $0) }, workbench: executable,
        pageArguments: ["--glossary", glossary.folder, "--lessons", lessons])
    } catch {
      throw ValidationError(error.description)
    }
    if !LabServer.isLoopback(host) {
      Terminal.standardError("warning: --host \(host) makes the lab reachable from other machines; anyone who can reach it can start runs.")
    }
    let finished = DispatchSemaphore(value: 0)
    let failure = FailureBox()
    Task {
      do { try await server.run() } catch { failure.error = error }
      finished.signal()
    }
    signal(SIGINT, SIG_IGN)
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupt.setEventHandler {
      print("\nStopping the lab…")
      failure.stopping = true
      Task { await server.stop() }
    }
    interrupt.resume()
    Task {
      do {
        try await server.waitUntilListening()
        print("The lab is at \(server.address) (Ctrl-C stops it).")
        fflush(nil)
      } catch {
        failure.error = error
        finished.signal()
      }
    }
    finished.wait()
    if let error = failure.error, !failure.stopping {
      Terminal.standardError("error: the lab could not serve on \(host):\(port): \(error).")
      throw ExitCode(WorkbenchFailure.cannotCreateOutput)
    }
  }
}

/// The error the server task ended with, read once it has ended, and whether Ctrl-C stopped it
/// (then its end is not an error).
private final class FailureBox: @unchecked Sendable {
  var error: (any Error)?
  var stopping = false
}
