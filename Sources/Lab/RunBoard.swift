import Foundation
import Lessons
import Training
import WorkbenchFiles

/// The lab's runs: at most one in progress, each kept as `runs/<n>/` (its `settings.json`, the
/// lesson's output folder or the trained model's, `events.jsonl` and a page of the run), and the
/// event streams of the pages that follow them.
public actor RunBoard {
  /// How a run stands.
  public enum State: String, Sendable { case running, finished, failed, stopped }

  struct Record {
    let request: RunRequest
    var state: State
    var events: [LabEvent]
  }

  /// How a child that checks its settings before its first event began.
  enum Beginning: Sendable {
    case started
    /// It ended before its first event; the sentence is its refusal.
    case refused(String)
  }

  /// The folder holding every run (`output/lab/runs`).
  public let runsFolder: URL
  /// The `workbench` executable the runs are children of.
  let workbench: URL
  /// Extra arguments of the child `workbench site` that makes a run's page (glossary and narrative folders).
  let pageArguments: [String]
  /// Longest wait, in seconds, for a child's first event before its run counts as started.
  let startTimeout: Double
  private var records: [Int: Record] = [:]
  private var current: (number: Int, child: ChildProcess, stopRequested: Bool)?
  private var followers: [Int: [UUID: AsyncStream<[UInt8]>.Continuation]] = [:]
  /// Runs whose child has not yet printed its first event, with who waits for it and the number of events before it.
  private var beginnings: [Int: (waiter: CheckedContinuation<Beginning, Never>, eventsBefore: Int, stateBefore: State?)] = [:]

  /// A board over `runsFolder`, with the runs already kept there.
  public init(runsFolder: URL, workbench: URL, pageArguments: [String] = [], startTimeout: Double = 60) {
    self.runsFolder = runsFolder
    self.workbench = workbench
    self.pageArguments = pageArguments
    self.startTimeout = startTimeout
    records = Self.load(runsFolder)
  }

  /// The run in progress, if any.
  public var running: Int? { current?.number }

  /// Starts a run of `request` in a child process and returns its number. For training, it waits
  /// until `workbench train` has checked its options and text (its first event) and refuses the
  /// request with its sentence when it did not accept them.
  /// - Throws: ``LabError/busy(run:what:)`` when a run is in progress, ``LabError/badRequest(_:)``
  ///   with the child's refusal, ``LabError/internalFailure(_:)`` when the child cannot start.
  public func start(_ request: RunRequest) async throws(LabError) -> Int {
    try checkIdle()
    let number = (records.keys.max() ?? 0) + 1
    let folder = runsFolder.appendingPathComponent("\(number)")
    let child: ChildProcess
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try AtomicFile.write(Data((JSONWriter.document(request.json) + "\n").utf8), to: folder.appendingPathComponent("settings.json"))
      child = try ChildProcess(executable: workbench, arguments: request.arguments(folder: folder))
    } catch {
      throw .internalFailure("The lab could not start run \(number) in \(folder.path): \(error).")
    }
    records[number] = Record(request: request, state: .running, events: [])
    try await begin(child, run: number, waitsForChecks: request.checksBeforeFirstEvent, stateBefore: nil)
    return number
  }

  /// Continues stopped training run `number` (a child `workbench train --resume … --events`); its
  /// events follow the run's earlier ones.
  /// - Throws: ``LabError/notFound(_:)``, ``LabError/badRequest(_:)`` when the run is a lesson's, is
  ///   not stopped or saved nothing to continue from, or when `train` refuses, ``LabError/busy(run:what:)``.
  public func resume(_ number: Int) async throws(LabError) {
    guard let record = records[number] else { throw .notFound("There is no run \(number).") }
    guard case .text = record.request else {
      throw .badRequest("Run \(number) is a lesson run; a lesson cannot continue where it stopped, so run it again.")
    }
    try checkIdle()
    guard record.state == .stopped else { throw .badRequest("Run \(number) is \(record.state.rawValue); only a stopped run can be resumed.") }
    let folder = runsFolder.appendingPathComponent("\(number)")
    guard Self.resumable(folder) else {
      throw .badRequest("Run \(number) stopped before its first save, so there is nothing to continue from; start a new run.")
    }
    let child: ChildProcess
    do {
      child = try ChildProcess(executable: workbench, arguments: RunRequest.resumeArguments(folder: folder))
    } catch {
      throw .internalFailure("The lab could not resume run \(number): \(error).")
    }
    records[number]?.state = .running
    try await begin(child, run: number, waitsForChecks: true, stateBefore: .stopped)
  }

  private func checkIdle() throws(LabError) {
    if let current, let record = records[current.number] { throw .busy(run: current.number, what: record.request.label) }
  }

  /// Follows `child` as run `number`'s process; with `waitsForChecks`, returns once it printed its
  /// first event (or after ``startTimeout``), throwing its refusal when it ended before.
  private func begin(_ child: ChildProcess, run number: Int, waitsForChecks: Bool, stateBefore: State?) async throws(LabError) {
    current = (number, child, false)
    let eventsBefore = records[number]?.events.count ?? 0
    guard waitsForChecks else {
      Task { await self.follow(child, run: number) }
      return
    }
    let beginning = await withCheckedContinuation { (waiter: CheckedContinuation<Beginning, Never>) in
      beginnings[number] = (waiter, eventsBefore, stateBefore)
      Task { await self.follow(child, run: number) }
      Task {
        try? await Task.sleep(for: .seconds(self.startTimeout))
        self.began(number)
      }
    }
    if case .refused(let sentence) = beginning { throw .badRequest(sentence) }
  }

  /// Run `number`'s child printed its first event, or took too long to: whoever waits goes on.
  private func began(_ number: Int) {
    beginnings.removeValue(forKey: number)?.waiter.resume(returning: .started)
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

  /// Every run, newest last: `[{"run": 1, "state": "finished", "lesson": …, "seed": …, "quick": …, "options": {…}}]`
  /// for lessons, `[{"run": 2, "state": "stopped", "resumable": true, "kind": "text", "text": 1, "name": …, …}]` for training.
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
    guard let record = records[number], case .object(let settings) = record.request.json else { return .null }
    var members: [(key: String, value: JSONValue)] = [("run", .number("\(number)")), ("state", .string(record.state.rawValue))]
    if case .text = record.request {
      members.append(("resumable", .bool(record.state == .stopped && Self.resumable(runsFolder.appendingPathComponent("\(number)")))))
    }
    return .object(members + settings)
  }

  /// The checkpoints the runs wrote, to generate from: a training run's `checkpoint.safetensors` and
  /// `best.safetensors`, a lesson run's `*.safetensors` models (not a training state or adapters).
  /// Ids are `run:<n>/<path in the run's folder>`.
  public func checkpoints() -> [CheckpointShelf.Choice] {
    records.keys.sorted().flatMap { number -> [CheckpointShelf.Choice] in
      guard let record = records[number] else { return [] }
      let folder = runsFolder.appendingPathComponent("\(number)")
      let (subfolder, what): (String, String) =
        switch record.request {
        case .lesson(let settings): (settings.lesson, "\(settings.lesson) lesson")
        case .text(let settings): (RunRequest.modelFolder, "your text \(settings.name), \(settings.size), \(settings.steps) steps, \(settings.tokenizer)")
        }
      return CheckpointShelf.models(in: folder.appendingPathComponent(subfolder)).map { name in
        CheckpointShelf.Choice(
          id: "run:\(number)/\(subfolder)/\(name)", label: "Run \(number) (\(what), \(record.state.rawValue)): \(name)",
          path: folder.appendingPathComponent(subfolder).appendingPathComponent(name))
      }
    }
  }

  private func follow(_ child: ChildProcess, run number: Int) async {
    for await output in child.output {
      switch output {
      case .line(let line):
        guard let value = try? JSONParser.parse(Array(line.utf8)), let type = value["event"]?.stringValue else { continue }
        append(number, type: type, data: line)
        began(number)
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
    let sentence = Self.refusal(in: errorText) ?? "The run ended with status \(status)."
    let folder = runsFolder.appendingPathComponent("\(number)")
    if let beginning = beginnings.removeValue(forKey: number) {
      // Ended before its first event: unless stopped, the child refused its settings or input, and no run took place.
      if !stopRequested && (signalled || status != 0) {
        if let before = beginning.stateBefore {
          records[number]?.state = before
          records[number]?.events = Array(record.events.prefix(beginning.eventsBefore))
        } else {
          records[number] = nil
          try? FileManager.default.removeItem(at: folder)
        }
        for continuation in (followers[number] ?? [:]).values { continuation.finish() }
        followers[number] = nil
        if current?.number == number { current = nil }
        beginning.waiter.resume(returning: .refused(sentence))
        return
      }
      beginning.waiter.resume(returning: .started)
    }
    // `workbench run` exits 0 when every claim held and 1 when one failed: both are finished runs.
    let state: State = stopRequested ? .stopped : (!signalled && (status == 0 || status == 1)) ? .finished : .failed
    var fields: [(key: String, value: JSONValue)] = [("state", .string(state.rawValue)), ("status", .number("\(status)"))]
    if state == .failed { fields.append(("error", .string(sentence))) }
    if state == .stopped { fields += kept(number, record: record) }
    if state == .finished {
      switch record.request {
      case .lesson(let settings):
        let lesson = settings.lesson
        fields.append(("metrics", .string("/lab/runs/\(number)/\(lesson)/metrics.json")))
        let page = await ChildProcessPage.build(workbench: workbench, run: folder, extraArguments: pageArguments)
        if page { fields.append(("page", .string("/lab/runs/\(number)/site/lessons/\(lesson).html"))) }
      case .text:
        let model = "\(RunRequest.modelFolder)/\(CheckpointShelf.checkpointFile)"
        fields.append(("checkpoint", .string("run:\(number)/\(model)")))
        fields.append(("metrics", .string("/lab/runs/\(number)/\(RunRequest.modelFolder)/metrics.json")))
        fields.append(("loss", .string("/lab/runs/\(number)/\(RunRequest.modelFolder)/loss.png")))
      }
    }
    append(number, type: "end", data: JSONWriter.document(.object(fields), inlineDepth: 0))
    records[number]?.state = state
    let lines = (records[number]?.events ?? []).map(\.jsonLine).joined()
    try? AtomicFile.write(Data(lines.utf8), to: folder.appendingPathComponent("events.jsonl"))
    for continuation in (followers[number] ?? [:]).values { continuation.finish() }
    followers[number] = nil
    if current?.number == number { current = nil }
  }

  /// What a stopped run kept, for its `end` event: `kept` (the files, relative to the run's folder),
  /// `resumable`, and `note`, one sentence for the learner.
  private func kept(_ number: Int, record: Record) -> [(key: String, value: JSONValue)] {
    let folder = runsFolder.appendingPathComponent("\(number)")
    let data = record.events.compactMap { try? JSONParser.parse(Array($0.data.utf8)) }
    let lastProgress = data.last { $0["event"]?.stringValue == "progress" }
    let step = data.last { $0["event"]?.stringValue == "stopped" }?["step"]?.nonNegativeInteger ?? lastProgress?["step"]?.nonNegativeInteger
    switch record.request {
    case .text:
      let files = Self.files(in: folder.appendingPathComponent(RunRequest.modelFolder))
      let resumable = Self.resumable(folder)
      let place = folder.appendingPathComponent(RunRequest.modelFolder).path
      let note =
        resumable
        ? "Stopped after step \(step ?? 0): kept \(Self.describe(files)) in \(place); Resume continues from step \(step ?? 0) "
          + "and ends with the same weights as a run that was never stopped."
        : "Stopped before the first save: nothing was kept to continue from, so start a new run."
      return [
        ("kept", .array(files.map { .string("\(RunRequest.modelFolder)/\($0)") })), ("resumable", .bool(resumable)),
        ("note", .string(note)),
      ]
    case .lesson:
      // The lesson's unfinished output (a staging folder of the stopped child) is dropped.
      StaleTemporaries.remove(in: folder)
      let files = (Self.files(in: folder) + ["events.jsonl"]).sorted()
      let progress = lastProgress.map { event in
        " after step \(event["step"]?.nonNegativeInteger ?? 0) of \(event["total"]?.nonNegativeInteger ?? 0) of \(event["phase"]?.stringValue ?? "its run")"
      }
      let streamed = record.events.count + 1
      let note =
        "Stopped\(progress ?? ""). A lesson writes its figures, metrics and claims only when it finishes, so this run has none; "
        + "the lab kept its settings and the \(streamed) events it streamed, its loss curve so far (\(files.joined(separator: ", ")) in \(folder.path))."
      return [("kept", .array(files.map(JSONValue.string))), ("resumable", .bool(false)), ("note", .string(note))]
    }
  }

  /// Whether the text run kept in `folder` saved what `train --resume` continues from.
  static func resumable(_ folder: URL) -> Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent(RunRequest.modelFolder).appendingPathComponent(TrainingState.fileName).path)
  }

  /// The files and folders in `folder`, without hidden names, sorted.
  static func files(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
  }

  /// "the model (checkpoint.safetensors), the loss history (history.csv) and …": what each file a
  /// training run saves holds, the model first.
  static func describe(_ files: [String]) -> String {
    let meanings = [
      (TrainingRun.checkpointFileName, "the model"), (TrainingState.fileName, "the optimizer's moments and the batches' generator"),
      ("history.csv", "the loss history"), (TrainingRun.bestFileName, "the model at its lowest validation loss"),
      ("recipe.yaml", "the settings that repeat the run"),
    ]
    let known = meanings.filter { files.contains($0.0) }.map { "\($0.1) (\($0.0))" }
    let parts = known + files.filter { file in !meanings.contains { $0.0 == file } }
    guard parts.count > 1 else { return parts.first ?? "nothing" }
    return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
  }

  /// The one-sentence refusal in a child's standard error: its `error: …` line (the workbench's, or
  /// the argument parser's `Error: …`), else its last line that says something; nil when it said nothing.
  static func refusal(in errorText: String) -> String? {
    let lines = errorText.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    for line in lines {
      for prefix in ["error: ", "Error: "] where line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
    }
    return lines.last.map(String.init)
  }

  /// The runs kept in `folder` by an earlier lab (their settings and events).
  private static func load(_ folder: URL) -> [Int: Record] {
    var records: [Int: Record] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names {
      guard let number = Int(name), number > 0 else { continue }
      let runFolder = folder.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: runFolder.appendingPathComponent("settings.json")),
        let value = try? JSONParser.parse(Array(data)), let request = RunRequest.saved(value)
      else { continue }
      let lines = (try? String(contentsOf: runFolder.appendingPathComponent("events.jsonl"), encoding: .utf8)) ?? ""
      let events = lines.split(separator: "\n").compactMap { LabEvent.parse(line: String($0)) }
      let end = events.last(where: { $0.type == "end" }).flatMap { try? JSONParser.parse(Array($0.data.utf8)) }
      // A run without an end event was cut off when an earlier lab stopped.
      let state = end?["state"]?.stringValue.flatMap(State.init(rawValue:)) ?? .stopped
      records[number] = Record(request: request, state: state, events: events)
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
