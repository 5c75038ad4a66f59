import Foundation
import NeuralNet
import Testing

/// `mpirun -np 2 workbench train` (this build has MPI) against the same run on two in-process
/// replicas: the rank-ordered gradient sum makes them end with the same bits, over shared memory and
/// over TCP, for training and LoRA fine-tuning; Ctrl-C on mpirun (or its process group, or the ranks) saves, and `--resume` continues bit-identically; a killed rank stops the
/// other with the group's sentence, and the last checkpoint loads; two network namespaces act as two hosts.
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
    var output: String
  }

  /// A started process (its id) and where its standard output and error arrive.
  struct Started {
    var pid: pid_t
  }

  /// Runs `executable arguments` to its end, standard output and error together, with no signal
  /// blocked (Foundation's `Process` starts children with SIGINT blocked, and mpirun would then not
  /// pass Ctrl-C on); `act` is called with the process and the output so far each time more arrives.
  /// With `ownGroup`, the process leads a process group of its own, as a shell starts a job (a
  /// terminal's Ctrl-C goes to that whole group).
  static func run(
    _ executable: String, _ arguments: [String], ownGroup: Bool = false, deadline: Double = 240,
    act: (Started, String) -> Void = { _, _ in }
  ) throws -> Outcome {
    var environment = ProcessInfo.processInfo.environment
    // Open MPI refuses to start as root without both (CI containers run as root).
    environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    let out = Pipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Standard input from /dev/null: CI runs with none, and mpirun, which forwards its input to rank 0,
    // then takes one of its own descriptors for it and does not pass Ctrl-C on.
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out.fileHandleForWriting.fileDescriptor, 1)
    posix_spawn_file_actions_adddup2(&actions, out.fileHandleForWriting.fileDescriptor, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    if ownGroup { posix_spawnattr_setpgroup(&attributes, 0) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (ownGroup ? POSIX_SPAWN_SETPGROUP : 0)))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    try out.fileHandleForWriting.close()
    guard code == 0 else { throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable]) }
    // A launcher that hangs (mpirun can wait on ranks that have already exited) must not hang the suite.
    killLater(Started(pid: pid), after: deadline)
    var seen = Data()
    while true {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
      act(Started(pid: pid), String(decoding: seen, as: UTF8.self))
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let exited = status & 0x7f == 0
    return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: String(decoding: seen, as: UTF8.self))
  }

  /// Sends SIGKILL to `process` after `seconds` if it still runs the program it was started with
  /// (its id is checked against `/proc/<pid>/cmdline`, so a finished process's reused id is left alone).
  static func killLater(_ process: Started, after seconds: Double) {
    let pid = process.pid
    let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
      guard !command.isEmpty, (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) == command else { return }
      kill(pid, SIGKILL)
    }
  }

  /// Open MPI's settings for shared memory, and for TCP on the loopback interface only (no traffic
  /// leaves the machine).
  static let transports: [String: [String: String]] = [
    "shared memory": ["btl": "vader,self"],
    "TCP": ["btl": "tcp,self", "btl_tcp_if_include": "lo", "oob_tcp_if_include": "lo"],
  ]

  /// The process ids of `mpirun`'s children that are rank `rank` of its job.
  static func rankProcesses(of launcher: Started, rank: Int) -> [pid_t] {
    let children = (try? String(contentsOfFile: "/proc/\(launcher.pid)/task/\(launcher.pid)/children", encoding: .utf8)) ?? ""
    return children.split(separator: " ").compactMap { Int32($0) }.filter { pid in
      let environment = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))) ?? Data()
      return environment.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == "OMPI_COMM_WORLD_RANK=\(rank)" }
    }
  }

  @Test("two MPI ranks end with the in-process two-replica run's bits", arguments: ["shared memory", "TCP"])
  func twoRanksMatchTwoReplicas(transport: String) throws {
    let f = try Fixture()
    let replicas = try Self.run(Self.binary.path, Self.train(f, output: f.path("replicas")) + ["--replicas", "2"])
    #expect(replicas.status == 0, "\(replicas.output)")
    let ranks = try Self.run(Self.mpirun, Self.launch(ranks: 2, mca: Self.transports[transport]!, Self.train(f, output: f.path("ranks"))))
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

  @Test("LoRA fine-tuning on two MPI ranks ends with the two-replica run's adapters")
  func loraFinetuneMatchesReplicas() throws {
    let f = try Fixture()
    let base = try Self.run(Self.binary.path, Self.train(f, output: f.path("base"), steps: 6))
    #expect(base.status == 0, "\(base.output)")
    let finetune = ["finetune", "--checkpoint", f.path("base/checkpoint.safetensors"), "--text", f.text, "--lora-rank", "4",
                    "--batch", "4", "--steps", "12", "--eval-every", "6", "--sample-every", "0"]
    let replicas = try Self.run(Self.binary.path, finetune + ["--output", f.path("replicas"), "--replicas", "2"])
    #expect(replicas.status == 0, "\(replicas.output)")
    let ranks = try Self.run(Self.mpirun, Self.launch(ranks: 2, finetune + ["--output", f.path("ranks")]))
    #expect(ranks.status == 0, "\(ranks.output)")
    #expect(try f.data("ranks/adapter.safetensors") == f.data("replicas/adapter.safetensors"))
    #expect(try f.data("ranks/history.csv") == f.data("replicas/history.csv"))
  }

  /// Where a Ctrl-C goes.
  enum InterruptTarget: String, CaseIterable, CustomStringConvertible {
    /// SIGINT to mpirun alone.
    case launcher = "mpirun"
    /// SIGINT to mpirun's process group, as a terminal sends Ctrl-C to the job in the foreground (the
    /// ranks are not in it: Open MPI puts each in a process group of its own).
    case launcherGroup = "mpirun's process group"
    /// SIGINT to every rank (`pkill -INT -f "workbench train"`).
    case ranks = "the ranks"
    var description: String { rawValue }
  }

  @Test("Ctrl-C on mpirun, on its process group or on the ranks saves after the same step on every rank, and --resume continues bit-identically")
  func interruptThenResume() throws {
    let f = try Fixture()
    // 120 steps with a save every 10: the interrupted runs stop within a few steps of step 10.
    let whole = try Self.run(Self.binary.path, Self.train(f, output: f.path("whole"), steps: 120, evalEvery: 10) + ["--replicas", "2"])
    #expect(whole.status == 0, "\(whole.output)")
    for target in InterruptTarget.allCases {
      let name = target == .ranks ? "ranks" : target == .launcher ? "launcher" : "group"
      var sentAt: Date?
      // Each rank's output is also kept in its own file: mpirun may drop the last lines of a process it is ending.
      let stopped = try Self.run(
        Self.mpirun,
        ["--output-filename", f.path("logs-\(name)")] + Self.launch(ranks: 2, Self.train(f, output: f.path(name), steps: 120, evalEvery: 10)),
        ownGroup: true
      ) { process, output in
        guard sentAt == nil, output.contains("step 10: validation") else { return }
        switch target {
        case .launcher: kill(process.pid, SIGINT)
        case .launcherGroup: kill(-process.pid, SIGINT)
        case .ranks: for rank in 0..<2 { for pid in Self.rankProcesses(of: process, rank: rank) { kill(pid, SIGINT) } }
        }
        sentAt = Date()
        // mpirun gets 20 s, as it can wait on ranks that have exited.
        Self.killLater(process, after: 20)
      }
      let took = Date().timeIntervalSince(try #require(sentAt, "\(target): \(stopped.output)"))
      // The ranks save and exit with 130, which mpirun reports when only they were signalled. Open MPI
      // 4.1's mpirun sets its own exit status to 1 as soon as it is asked to end a job (SIGINT, SIGTERM
      // or SIGHUP: clean_abort in orte/mca/ess/hnp/ess_hnp_module.c), and a status once set is kept.
      #expect(stopped.status == (target == .ranks ? 130 : 1), "\(target): \(stopped.output)")
      #expect(took < 15, "\(target): mpirun ended \(took) s after the Ctrl-C")
      let rank0 = ["stdout", "stderr"].map { (try? String(contentsOfFile: f.path("logs-\(name)/1/rank.0/\($0)"), encoding: .utf8)) ?? "" }
      let printed = ([stopped.output] + rank0).joined(separator: "\n")
      let line = try #require(printed.split(separator: "\n").first { $0.contains("Stopped after step ") }, "\(target): \(printed)")
      #expect(line.hasSuffix("Continue with: mpirun -np 2 workbench train --resume \(f.path(name))"))
      let step = Int(line.components(separatedBy: "Stopped after step ")[1].prefix { $0.isNumber }) ?? 0
      #expect(step >= 10 && step < 120, "\(target): \(line)")
      let checkpoint = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("\(name)/checkpoint.safetensors")))
      #expect(checkpoint.metadata["trained_steps"] == "\(step)", "\(target)")
      let resumed = try Self.run(Self.mpirun, Self.launch(ranks: 2, ["train", "--resume", f.path(name)]))
      #expect(resumed.status == 0, "\(target): \(resumed.output)")
      #expect(resumed.output.contains("resuming after step \(step)"), "\(target)")
      #expect(try f.data("\(name)/checkpoint.safetensors") == f.data("whole/checkpoint.safetensors"), "\(target)")
      #expect(try f.data("\(name)/history.csv") == f.data("whole/history.csv"), "\(target)")
    }
    // Another number of processes is refused with the sentence that names the right one.
    let three = try Self.run(Self.mpirun, Self.launch(ranks: 3, ["train", "--resume", f.path("ranks")]))
    #expect(three.status != 0)
    #expect(three.output.contains("splits every batch among 2 copies of the model but 3 processes were started"), "\(three.output)")
  }

  @Test("a killed rank stops the other within seconds with one sentence, and the last checkpoint loads", arguments: ["shared memory", "TCP"])
  func killedRankStopsTheOther(transport: String) throws {
    let f = try Fixture()
    var killedAt: Date?
    // Each rank's output is also kept in its own file: mpirun may drop the last lines of a process it is ending.
    let outcome = try Self.run(
      Self.mpirun,
      ["--output-filename", f.path("logs")]
        + Self.launch(ranks: 2, mca: Self.transports[transport]!, Self.train(f, output: f.path("out"), steps: 5000, evalEvery: 3))
    ) { process, output in
      guard killedAt == nil, output.contains("step 9: validation") else { return }
      let ranks = Self.rankProcesses(of: process, rank: 1)
      #expect(ranks.count == 1)
      for pid in ranks { kill(pid, SIGKILL) }
      killedAt = Date()
    }
    let stoppedAfter = Date().timeIntervalSince(try #require(killedAt))
    #expect(outcome.status != 0)
    #expect(stoppedAfter < 10, "rank 0 took \(stoppedAfter) s to stop")
    let rank0 = (try? String(contentsOfFile: f.path("logs/1/rank.0/stderr"), encoding: .utf8)) ?? ""
    let sentence = "Another process of this run stopped or cannot be reached"
    #expect(outcome.output.contains(sentence) || rank0.contains(sentence), "\(outcome.output)\n\(rank0)")
    #expect(rank0.components(separatedBy: sentence).count <= 2, "one sentence")
    #expect(!outcome.output.contains("wrote checkpoint.safetensors"))
    // The checkpoint saved last (step 9 or later) loads, and the run resumes from it.
    let checkpoint = try Checkpoint.loadGPT(from: URL(fileURLWithPath: f.path("out/checkpoint.safetensors")))
    #expect((Int(checkpoint.metadata["trained_steps"] ?? "") ?? 0) >= 9)
  }

  /// iproute2's `ip`.
  static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/ip"

  @Test("two network namespaces joined by a rate-limited veth pair act as two hosts, and the run is bit-identical")
  func twoNamespaces() throws {
    let f = try Fixture()
    let tag = String(getpid() % 100_000)
    let (hostA, hostB, linkA, linkB) = ("wbA\(tag)", "wbB\(tag)", "wbva\(tag)", "wbvb\(tag)")
    func ip(_ arguments: [String]) throws {
      let outcome = try Self.run(Self.ip, arguments)
      #expect(outcome.status == 0, "ip \(arguments.joined(separator: " ")): \(outcome.output)")
    }
    // Deleting a namespace deletes its end of the pair, and with it the other end.
    defer { for host in [hostA, hostB] { _ = try? Self.run(Self.ip, ["netns", "del", host]) } }
    try ip(["netns", "add", hostA])
    try ip(["netns", "add", hostB])
    try ip(["link", "add", linkA, "type", "veth", "peer", "name", linkB])
    for (host, link, address) in [(hostA, linkA, "10.77.0.1/24"), (hostB, linkB, "10.77.0.2/24")] {
      try ip(["link", "set", link, "netns", host])
      try ip(["-n", host, "addr", "add", address, "dev", link])
      try ip(["-n", host, "link", "set", "lo", "up"])
      try ip(["-n", host, "link", "set", link, "up"])
      // 200 Mbit/s each way: communication takes visible time.
      try ip(["netns", "exec", host, "tc", "qdisc", "add", "dev", link, "root", "tbf", "rate", "200mbit", "burst", "256kb", "latency", "50ms"])
    }
    // mpirun (in the first namespace) starts the second host's process through this agent.
    let agent = f.path("ns-rsh.sh")
    try Data("""
      #!/bin/sh
      host=$1; shift
      case "$host" in 10.77.0.1) ns=\(hostA) ;; 10.77.0.2) ns=\(hostB) ;; *) echo "unknown host $host" >&2; exit 1 ;; esac
      exec \(Self.ip) netns exec "$ns" sh -c "$*"

      """.utf8).write(to: URL(fileURLWithPath: agent))
    chmod(agent, 0o755)
    let replicas = try Self.run(Self.binary.path, Self.train(f, output: f.path("replicas")) + ["--replicas", "2"])
    #expect(replicas.status == 0, "\(replicas.output)")
    let hosts = try Self.run(
      Self.ip,
      ["netns", "exec", hostA, Self.mpirun, "--host", "10.77.0.1,10.77.0.2", "-np", "2", "--mca", "plm_rsh_agent", agent,
       "--mca", "btl", "tcp,self", "--mca", "btl_tcp_if_include", "10.77.0.0/24", "--mca", "oob_tcp_if_include", "10.77.0.0/24",
       "-x", "OMPI_ALLOW_RUN_AS_ROOT", "-x", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", Self.binary.path] + Self.train(f, output: f.path("hosts")))
    #expect(hosts.status == 0, "\(hosts.output)")
    #expect(try f.data("hosts/checkpoint.safetensors") == f.data("replicas/checkpoint.safetensors"))
    #expect(try f.data("hosts/history.csv") == f.data("replicas/history.csv"))
  }
}
