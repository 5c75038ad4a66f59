import FlyingFox
import Foundation
import WorkbenchFiles

/// The lab's HTTP routes over the site, every answer made here from a parsed request (the server
/// library reads and writes HTTP):
///
/// | method | path | answer |
/// | --- | --- | --- |
/// | GET | `/`, `/<page>` | the site's files; HTML pages gain the lab's script and style |
/// | GET | `/lab/lab.js`, `/lab/lab.css` | the panels' script and style |
/// | GET | `/lab/runs/<n>/<file>` | a run's files: figures, `metrics.json`, the run's own page |
/// | GET | `/api/lessons` | every lesson's controls, from the option table |
/// | GET, POST | `/api/runs` | the runs; POST starts one (201, or 409 while one runs) |
/// | GET | `/api/runs/<n>` | one run with its events |
/// | GET | `/api/runs/<n>/events` | its events as Server-Sent Events, after `Last-Event-ID` |
/// | POST | `/api/runs/<n>/stop` | stops it (SIGINT to its process) |
/// | POST | `/api/runs/<n>/resume` | continues a stopped training run (`train --resume`) |
/// | GET | `/lab/text.html`, `/lab/generate.html` | the lab's own pages: train on your text, generate with probabilities |
/// | GET, POST | `/api/texts` | the uploaded texts; POST `?name=<file name>` with the file's bytes as the body keeps one (201) |
/// | POST | `/api/train` | starts training on an uploaded text (201, 400 with `train`'s refusal, 409 while a run runs) |
/// | GET | `/api/checkpoints` | the models to generate from |
/// | POST | `/api/generate` | a generation with each token's most likely tokens and probabilities |
/// | POST | `/api/cost/<memory, train, layout>` | the estimator's JSON for the form's values |
public struct LabRoutes: Sendable {
  /// The largest request body taken, in bytes (an uploaded text may be up to ``TextShelf/byteLimit``).
  public static let bodyLimit = 64 * 1024

  public let site: URL
  public let board: RunBoard
  public let workbench: URL
  /// The `Host` header values the lab answers (its own addresses and port).
  public let hosts: Set<String>
  /// The uploaded texts.
  public let texts: TextShelf
  /// The lessons' and the command line's models (the runs' come from the board).
  public let checkpoints: CheckpointShelf
  let pages = SitePages()
  let generations = GenerationGate()

  public init(site: URL, board: RunBoard, workbench: URL, hosts: Set<String>, texts: TextShelf, checkpoints: CheckpointShelf) {
    (self.site, self.board, self.workbench, self.hosts) = (site, board, workbench, hosts)
    (self.texts, self.checkpoints) = (texts, checkpoints)
  }

  /// The `Host` values of a lab listening on `host`:`port` (loopback names always included).
  public static func hosts(host: String, port: UInt16) -> Set<String> {
    Set(["127.0.0.1", "localhost", "[::1]", host.contains(":") ? "[\(host)]" : host].map { "\($0):\(port)" })
  }

  /// The answer to `request`; a refused request gets its status and `{"error": sentence}`.
  public func respond(_ request: HTTPRequest) async -> HTTPResponse {
    do {
      return try await route(request)
    } catch let error as LabError {
      return Self.json(.object([("error", .string(error.description))]), status: error.status)
    } catch {
      return Self.json(.object([("error", .string("The lab failed: \(error)."))]), status: 500)
    }
  }

  func route(_ request: HTTPRequest) async throws -> HTTPResponse {
    let host = request.headers[.host] ?? ""
    guard hosts.contains(host) else {
      throw LabError.forbidden("The lab answers only requests addressed to \(hosts.sorted().joined(separator: ", ")), not '\(host)'.")
    }
    let method = request.method.rawValue
    let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    if parts.first == "api" {
      return try await api(Array(parts.dropFirst()), method: method, request: request)
    }
    try Self.allow(method, ["GET", "HEAD"])
    if parts.count == 2, parts[0] == "lab", let asset = LabAssets.files[parts[1]] {
      return Self.bytes(Data(asset.utf8), type: LabFiles.contentType(parts[1]))
    }
    if parts.count == 2, parts[0] == "lab", LabPages.pages[parts[1]] != nil {
      // The site's own index.html as written (without the script and style the lab adds to it, added below once).
      let index = (try? LabFiles.file("index.html", in: site)).flatMap { try? Data(contentsOf: $0) }
      var page = LabPages.html(parts[1], siteIndex: index) ?? Data()
      if let end = page.range(of: Data("</body>".utf8), options: .backwards) {
        page.insert(contentsOf: SitePages.addition, at: end.lowerBound)
      } else {
        page.append(SitePages.addition)
      }
      return Self.bytes(page, type: LabFiles.contentType(parts[1]))
    }
    if parts.count >= 3, parts[0] == "lab", parts[1] == "runs" {
      let file = try LabFiles.file(parts.dropFirst(2).joined(separator: "/"), in: board.runsFolder)
      return try Self.file(file)
    }
    var relative = parts.joined(separator: "/")
    if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
    let file = try LabFiles.file(relative, in: site)
    return Self.bytes(try pages.bytes(file), type: LabFiles.contentType(file.lastPathComponent))
  }

  func api(_ parts: [String], method: String, request: HTTPRequest) async throws -> HTTPResponse {
    switch parts.count {
    case 1 where parts[0] == "lessons":
      try Self.allow(method, ["GET"])
      return Self.json(LessonControls.json)
    case 1 where parts[0] == "runs":
      try Self.allow(method, ["GET", "POST"])
      if method == "GET" { return Self.json(await board.list()) }
      try checkOrigin(request)
      let settings = try RunSettings.parse(try await Self.body(request))
      return Self.started(try await board.start(.lesson(settings)))
    case 1 where parts[0] == "train":
      try Self.allow(method, ["POST"])
      try checkOrigin(request)
      let texts = self.texts
      let settings = try await TextRunSettings.parse(try await Self.body(request)) { await texts.text($0) }
      return Self.started(try await board.start(.text(settings)))
    case 1 where parts[0] == "texts":
      try Self.allow(method, ["GET", "POST"])
      if method == "GET" {
        return Self.json(.object([
          ("limit", .number("\(TextShelf.byteLimit)")), ("texts", .array(await texts.list().map(\.json))),
        ]))
      }
      try checkOrigin(request)
      let name = request.query["name"] ?? ""
      let text = try await texts.add(name: name, bytes: try await Self.bytes(request, limit: TextShelf.byteLimit))
      return Self.json(text.json, status: 201)
    case 1 where parts[0] == "checkpoints":
      try Self.allow(method, ["GET"])
      return Self.json(.array(await allCheckpoints().map(\.json)))
    case 1 where parts[0] == "generate":
      try Self.allow(method, ["POST"])
      try checkOrigin(request)
      return try await generate(GenerationRequest.parse(try await Self.body(request)))
    case 2 where parts[0] == "runs":
      try Self.allow(method, ["GET"])
      return Self.json(try await board.detail(try Self.runNumber(parts[1])))
    case 3 where parts[0] == "runs" && parts[2] == "events":
      try Self.allow(method, ["GET"])
      let number = try Self.runNumber(parts[1])
      // A reconnecting page sends the last event it saw; a page that already read the run's events names it with `?after=`.
      let lastSeen = (request.headers[HTTPHeader("Last-Event-ID")] ?? request.query["after"])
        .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
      guard let stream = await board.follow(number, after: lastSeen) else { throw LabError.notFound("There is no run \(number).") }
      return HTTPResponse(
        statusCode: .ok,
        headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
        body: HTTPBodySequence(from: EventStreamBody(chunks: stream), suggestedBufferSize: 16_384))
    case 3 where parts[0] == "runs" && (parts[2] == "stop" || parts[2] == "resume"):
      try Self.allow(method, ["POST"])
      try checkOrigin(request)
      let number = try Self.runNumber(parts[1])
      if parts[2] == "stop" { try await board.stop(number) } else { try await board.resume(number) }
      return Self.json(.object([("run", .number("\(number)")), ("state", .string(parts[2] == "stop" ? "stopping" : "running"))]), status: 202)
    case 2 where parts[0] == "cost":
      try Self.allow(method, ["POST"])
      try checkOrigin(request)
      return try await cost(kind: parts[1], body: try await Self.body(request))
    default:
      throw LabError.notFound("There is no lab address \(request.path).")
    }
  }

  /// Runs `workbench cost <kind> … --json`; for `layout`, also the best layout's Megatron-LM and DeepSpeed settings.
  func cost(kind: String, body: WorkbenchFiles.JSONValue) async throws -> HTTPResponse {
    let arguments = try CostQuery.arguments(kind: kind, body: body)
    let result = try await ChildProcess.run(executable: workbench, arguments: ["cost"] + arguments)
    guard result.status == 0 else { throw LabError.badRequest(Self.sentence(fromError: result.errorText)) }
    guard let report = try? JSONParser.parse(Array(result.output)) else {
      throw LabError.internalFailure("`workbench cost \(kind)` printed no JSON.")
    }
    guard kind == "layout" else { return Self.json(report) }
    var members: [(key: String, value: WorkbenchFiles.JSONValue)] = [("layouts", report)]
    for framework in ["megatron", "deepspeed"] {
      let emitted = try await ChildProcess.run(
        executable: workbench, arguments: ["cost"] + arguments.dropLast() + ["--emit", framework, "--top", "1"])
      members.append((framework, .string(emitted.status == 0 ? String(decoding: emitted.output, as: UTF8.self) : Self.sentence(fromError: emitted.errorText))))
    }
    return Self.json(.object(members))
  }

  /// Every model to generate from: the command line's, the lessons', the runs'.
  func allCheckpoints() async -> [CheckpointShelf.Choice] {
    checkpoints.choices() + (await board.checkpoints())
  }

  /// Runs `workbench generate … --probabilities` for `request` (one at a time) and answers its steps.
  func generate(_ request: GenerationRequest) async throws -> HTTPResponse {
    guard let choice = await allCheckpoints().first(where: { $0.id == request.checkpoint }) else {
      throw LabError.badRequest("There is no model '\(request.checkpoint)'; choose one listed by /api/checkpoints.")
    }
    let workbench = self.workbench
    let result = try await generations.run {
      try await ChildProcess.run(executable: workbench, arguments: request.arguments(path: choice.path), timeLimit: GenerationRequest.timeLimit)
    }
    guard result.status == 0 else {
      throw LabError.badRequest(RunBoard.refusal(in: result.errorText) ?? "The generation ended with status \(result.status).")
    }
    let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n").map(String.init)
    return Self.json(try request.answer(lines: lines))
  }

  /// Refuses a state-changing request from another site: its `Origin`, when sent, must be the lab's own.
  func checkOrigin(_ request: HTTPRequest) throws(LabError) {
    if let origin = request.headers[HTTPHeader("Origin")] {
      guard hosts.contains(where: { origin == "http://\($0)" }) else {
        throw .forbidden("The lab takes runs, uploads, generations and calculations only from its own pages, not from \(origin).")
      }
    } else if let site = request.headers[HTTPHeader("Sec-Fetch-Site")], site != "same-origin", site != "none" {
      throw .forbidden("The lab takes runs, uploads, generations and calculations only from its own pages (this request came from \(site)).")
    }
  }

  /// The answer to a request that started run `number` (201): `{"run": n, "events": "/api/runs/n/events"}`.
  static func started(_ number: Int) -> HTTPResponse {
    json(.object([("run", .number("\(number)")), ("events", .string("/api/runs/\(number)/events"))]), status: 201)
  }

  static func allow(_ method: String, _ allowed: [String]) throws(LabError) {
    guard allowed.contains(method) else { throw .methodNotAllowed(method: method, allowed: allowed) }
  }

  static func runNumber(_ text: String) throws(LabError) -> Int {
    guard let number = Int(text), number > 0, String(number) == text else { throw .notFound("There is no run '\(text)'.") }
    return number
  }

  /// The request's body, refused before reading when it declares more than `limit` bytes, and as
  /// soon as it has more.
  static func bytes(_ request: HTTPRequest, limit: Int) async throws -> Data {
    if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { throw LabError.tooLarge(limit: limit) }
    var data = Data()
    for try await chunk in request.bodySequence {
      data.append(chunk)
      if data.count > limit { throw LabError.tooLarge(limit: limit) }
    }
    return data
  }

  /// The request's JSON body, refused when it has more than ``bodyLimit`` bytes.
  static func body(_ request: HTTPRequest) async throws -> WorkbenchFiles.JSONValue {
    let data = try await bytes(request, limit: bodyLimit)
    do {
      return try JSONParser.parse(Array(data))
    } catch {
      throw LabError.badRequest("The request body is not valid JSON: \(error).")
    }
  }

  /// The sentence of the estimator's standard error (see ``RunBoard/refusal(in:)``).
  static func sentence(fromError text: String) -> String {
    RunBoard.refusal(in: text) ?? "The estimator refused these values."
  }

  static func json(_ value: WorkbenchFiles.JSONValue, status: Int = 200) -> HTTPResponse {
    HTTPResponse(
      statusCode: HTTPStatusCode(status, phrase: phrase(status)),
      headers: [.contentType: "application/json", .cacheControl: "no-store"],
      body: Data((JSONWriter.document(value) + "\n").utf8))
  }

  static func bytes(_ data: Data, type: String) -> HTTPResponse {
    HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: data)
  }

  static func file(_ url: URL) throws -> HTTPResponse {
    bytes(try Data(contentsOf: url), type: LabFiles.contentType(url.lastPathComponent))
  }

  static func phrase(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 400: "Bad Request"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 409: "Conflict"
    case 413: "Payload Too Large"
    default: "Internal Server Error"
    }
  }
}
