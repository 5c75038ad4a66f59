import Foundation
import Testing

/// `mpirun -np 2 workbench train` (this build has MPI) against the same run on two in-process
/// replicas: the rank-ordered gradient sum makes them end with the same bits, over shared memory and
/// over TCP; Ctrl-C on mpirun saves, and `--resume` continues bit-identically; a killed rank stops the
/// other with the group's sentence, and the last checkpoint loads.
@Suite("MPITraining", .serialized)
struct MPITrainingTests {
  /// The `workbench` built next to this test bundle (with `WORKBENCH_MPI=1`, like the bundle).
  static let binary: URL = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("workbench"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/workbench"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
  }()

  /// Open MPI's launcher.
  static let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun", "/opt/homebrew/bin/mpirun"]
    .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/mpirun"

  /// A folder with a text of about 20 kB.
  final class Fixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mpi-train-\(UUID().uuidString)")
    var text: String { folder.appendingPathComponent("text.txt").path }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func data(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
    init() throws {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var state: UInt64 = 7
      let words = ["ranks", "share", "a", "batch", "and", "sum", "their", "gradients", "in", "order", "so", "bits", "agree"]
      var text = ""
      for index in 0..<3000 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        text += words[Int((z ^ (z >> 31)) % UInt64(words.count))] + (index % 12 == 11 ? ".\n" : " ")
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: self.text))
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
  }

  static func train(_ f: Fixture, output: String, steps: Int = 24, evalEvery: Int = 6) -> [String] {
    ["train", "--text", f.text, "--output", output, "--layers", "2", "--d-model", "32", "--heads", "2", "--context", "32",
     "--batch", "4", "--steps", "\(steps)", "--eval-every", "\(evalEvery)", "--sample-every", "0", "--seed", "3"]
  }

  /// `mpirun -np ranks` with `mca` settings, running `workbench arguments`.
  static func launch(ranks: Int, mca: [String: String] = [:], _ arguments: [String]) -> [String] {
    var command = ["--oversubscribe", "-np", "\(ranks)"]
    for (key, value) in mca.sorted(by: { $0.key < $1.key }) { command += ["--mca", key, value] }
    return command + [binary.path] + arguments
  }

  struct Outcome {
    var status: Int32
    var reason: Process.TerminationReason
    var output: String
    var seconds: Double
  }

  /// Runs `executable arguments` to its end, standard output and error together; `act` is called with
  /// the process and the output so far each time more arrives.
  static func run(_ executable: String, _ arguments: [String], act: (Process, String) -> Void = { _, _ in }) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    // Open MPI refuses to start as root without both (CI containers run as root).
    environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    let started = Date()
    try process.run()
    var seen = Data()
    while true {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
      act(process, String(decoding: seen, as: UTF8.self))
    }
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, reason: process.terminationReason, output: String(decoding: seen, as: UTF8.self),
      seconds: Date().timeIntervalSince(started))
  }

  @Test("two MPI ranks end with the in-process two-replica run's bits", arguments: ["vader,self", "tcp,self"])
  func twoRanksMatchTwoReplicas(transport: String) throws {
    let f = try Fixture()
    let replicas = try Self.run(Self.binary.path, Self.train(f, output: f.path("replicas")) + ["--replicas", "2"])
    #expect(replicas.status == 0, "\(replicas.output)")
    let ranks = try Self.run(Self.mpirun, Self.launch(ranks: 2, mca: ["btl": transport], Self.train(f, output: f.path("ranks"))))
    #expect(ranks.status == 0, "\(ranks.output)")
    #expect(ranks.output.contains("every batch split among 2 processes"), "\(ranks.output)")
    // Progress is printed once (by rank 0).
    #expect(ranks.output.components(separatedBy: "wrote ").count == 2, "\(ranks.output)")
    #expect(try f.data("ranks/checkpoint.safetensors") == f.data("replicas/checkpoint.safetensors"))
    #expect(try f.data("ranks/history.csv") == f.data("replicas/history.csv"))
    // One copy on the whole batch sums in another order: the split is what the bits depend on.
    let single = try Self.run(Self.binary.path, Self.train(f, output: f.path("single")))
    #expect(single.status == 0)
    #expect(try f.data("single/checkpoint.safetensors") != f.data("ranks/checkpoint.safetensors"))
  }
}
