import Foundation
import Lessons
import WorkbenchFiles

/// The lab's runs: at most one in progress, each kept as `runs/<n>/` (its `settings.json`, the
/// lesson's output folder, `events.jsonl` and a page of the run), and the event streams of the
/// pages that follow them.
public actor RunBoard {
  /// How a run stands.
  public enum State: String, Sendable { case running, finished, failed, stopped }

  struct Record {
    let settings: RunSettings
    var state: State
    var events: [LabEvent]
  }

  /// The folder holding every run (`output/lab/runs`).
  public let runsFolder: URL
  /// The `workbench` executable the runs are children of.
  let workbench: URL
  /// Extra arguments of the child `workbench site` that makes a run's page (glossary and narrative folders).
  let pageArguments: [String]
  private var records: [Int: Record] = [:]
  private var current: (number: Int, child: ChildProcess, stopRequested: Bool)?
  private var followers: [Int: [UUID: AsyncStream<[UInt8]>.Continuation]] = [:]

  /// A board over `runsFolder`, with the runs already kept there.
  public init(runsFolder: URL, workbench: URL, pageArguments: [String] = []) {
    self.runsFolder = runsFolder
    self.workbench = workbench
    self.pageArguments = pageArguments
    records = Self.load(runsFolder)
  }

  /// The run in progress, if any.
  public var running: Int? { current?.number }

  /// Starts a run of `settings` in a child process; throws ``LabError/busy(run:lesson:)`` when one is in progress.
  public func start(_ settings: RunSettings) throws(LabError) -> Int {
    if let current, let record = records[current.number] { throw .busy(run: current.number, lesson: record.settings.lesson) }
    let number = (records.keys.max() ?? 0) + 1
    let folder = runsFolder.appendingPathComponent("\(number)")
    let child: ChildProcess
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try AtomicFile.write(Data((JSONWriter.document(settings.json) + "\n").utf8), to: folder.appendingPathComponent("settings.json"))
      child = try ChildProcess(executable: workbench, arguments: settings.runArguments(output: folder.path))
    } catch {
      throw .internalFailure("The lab could not start run \(number) in \(folder.path): \(error).")
    }
    records[number] = Record(settings: settings, state: .running, events: [])
    current = (number, child, false)
    Task { await self.follow(child, run: number) }
    return number
  }

  /// Asks run `number` to stop (SIGINT: the child stops and keeps what it can).
  public func stop(_ number: Int) throws(LabError) {
    guard records[number] != nil else { throw .notFound("There is no run \(number).") }
    guard let current, current.number == number else { throw .badRequest("Run \(number) is not in progress.") }
    self.current?.stopRequested = true
    current.child.send(SIGINT)
  }

  /// Stops the run in progress, waiting up to `seconds` before killing it (the lab is ending).
  public func shutDown(seconds: Double = 3) async {
    guard let current else { return }
    self.current?.stopRequested = true
    current.child.send(SIGINT)
    let deadline = Date().addingTimeInterval(seconds)
    while current.child.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
    current.child.send(SIGKILL)
  }

  /// The events of run `number` after event `after`, then (while it runs) each new one as it
  /// comes, as the bytes of an event stream; nil when there is no such run.
  public func follow(_ number: Int, after: Int) -> AsyncStream<[UInt8]>? {
    guard let record = records[number] else { return nil }
    let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
    continuation.yield(Array("retry: 1000\n\n".utf8))
    for event in record.events where event.id > after { continuation.yield(Array(event.wireFormat.utf8)) }
    guard record.state == .running else {
      continuation.finish()
      return stream
    }
    let key = UUID()
    followers[number, default: [:]][key] = continuation
    continuation.onTermination = { _ in Task { await self.unfollow(number, key) } }
    return stream
  }

  private func unfollow(_ number: Int, _ key: UUID) { followers[number]?[key] = nil }

  /// Pages following a run now (for the load test's report).
  public var followerCount: Int { followers.values.reduce(0) { $0 + $1.count } }

  /// Every run, newest last: `[{"run": 1, "state": "finished", "lesson": …, "seed": …, "quick": …, "options": {…}}]`.
  public func list() -> JSONValue {
    .array(records.keys.sorted().map { summary($0) })
  }

  /// One run with its events' data: `{"run": 1, "state": …, "lesson": …, "events": [{"type": …, "data": {…}}]}`.
  public func detail(_ number: Int) throws(LabError) -> JSONValue {
    guard let record = records[number] else { throw .notFound("There is no run \(number).") }
    guard case .object(var members) = summary(number) else { return summary(number) }
    members.append(("events", .array(record.events.map { event in
      .object([("id", .number("\(event.id)")), ("type", .string(event.type)), ("data", (try? JSONParser.parse(Array(event.data.utf8))) ?? .null)])
    })))
    return .object(members)
  }

  private func summary(_ number: Int) -> JSONValue {
    guard let record = records[number], case .object(let settings) = record.settings.json else { return .null }
    return .object([("run", .number("\(number)")), ("state", .string(record.state.rawValue))] + settings)
  }

  private func follow(_ child: ChildProcess, run number: Int) async {
    for await output in child.output {
      switch output {
      case .line(let line):
        guard let value = try? JSONParser.parse(Array(line.utf8)), let type = value["event"]?.stringValue else { continue }
        append(number, type: type, data: line)
      case .ended(let status, let signalled, let errorText):
        await ended(number, status: status, signalled: signalled, errorText: errorText)
      }
    }
  }

  private func append(_ number: Int, type: String, data: String) {
    guard var record = records[number] else { return }
    let event = LabEvent(id: record.events.count + 1, type: type, data: data)
    record.events.append(event)
    records[number] = record
    let bytes = Array(event.wireFormat.utf8)
    for continuation in (followers[number] ?? [:]).values { continuation.yield(bytes) }
  }

  private func ended(_ number: Int, status: Int32, signalled: Bool, errorText: String) async {
    guard let record = records[number] else { return }
    let stopRequested = current?.number == number && current?.stopRequested == true
    // `workbench run` exits 0 when every claim held and 1 when one failed: both are finished runs.
    let state: State = stopRequested ? .stopped : (!signalled && (status == 0 || status == 1)) ? .finished : .failed
    let folder = runsFolder.appendingPathComponent("\(number)")
    var fields: [(key: String, value: JSONValue)] = [("state", .string(state.rawValue)), ("status", .number("\(status)"))]
    if state == .failed {
      let sentence = errorText.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }).map(String.init)
      fields.append(("error", .string(sentence ?? "The run ended with status \(status).")))
    }
    if state == .finished {
      let lesson = record.settings.lesson
      fields.append(("metrics", .string("/lab/runs/\(number)/\(lesson)/metrics.json")))
      let page = await ChildProcessPage.build(
        workbench: workbench, run: folder, extraArguments: pageArguments)
      if page { fields.append(("page", .string("/lab/runs/\(number)/site/lessons/\(lesson).html"))) }
    }
    append(number, type: "end", data: JSONWriter.document(.object(fields), inlineDepth: 0))
    records[number]?.state = state
    let lines = (records[number]?.events ?? []).map(\.jsonLine).joined()
    try? AtomicFile.write(Data(lines.utf8), to: folder.appendingPathComponent("events.jsonl"))
    for continuation in (followers[number] ?? [:]).values { continuation.finish() }
    followers[number] = nil
    if current?.number == number { current = nil }
  }

  /// The runs kept in `folder` by an earlier lab (their settings and events).
  private static func load(_ folder: URL) -> [Int: Record] {
    var records: [Int: Record] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names {
      guard let number = Int(name), number > 0 else { continue }
      let runFolder = folder.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: runFolder.appendingPathComponent("settings.json")),
        let value = try? JSONParser.parse(Array(data)), let settings = try? RunSettings.parse(value)
      else { continue }
      let lines = (try? String(contentsOf: runFolder.appendingPathComponent("events.jsonl"), encoding: .utf8)) ?? ""
      let events = lines.split(separator: "\n").compactMap { LabEvent.parse(line: String($0)) }
      let end = events.last(where: { $0.type == "end" }).flatMap { try? JSONParser.parse(Array($0.data.utf8)) }
      // A run without an end event was cut off when an earlier lab stopped.
      let state = end?["state"]?.stringValue.flatMap(State.init(rawValue:)) ?? .stopped
      records[number] = Record(settings: settings, state: state, events: events)
    }
    return records
  }
}

/// The page of a finished run: the site's lesson page built from the run's own output, so that
/// its narrative quotes this run (a child `workbench site --no-run`).
enum ChildProcessPage {
  static func build(workbench: URL, run folder: URL, extraArguments: [String]) async -> Bool {
    let arguments = ["site", "--output", folder.appendingPathComponent("site").path, "--lessons-output", folder.path, "--no-run"]
      + extraArguments
    guard let result = try? await ChildProcess.run(executable: workbench, arguments: arguments) else { return false }
    return result.status == 0
  }
}
