import FlyingFox
import Foundation
import Lab

/// A lab over a small site in a fresh folder, whose runs are children of the real `workbench`
/// built beside the tests; requests go straight to its routes, as the server hands them over.
final class LabFixture: Sendable {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  /// The `workbench` executable built with the tests.
  static let binary: URL = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("workbench"),
      repository.appendingPathComponent(".build/debug/workbench"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
  }()
  static let host = "127.0.0.1:8080"
  /// A Hugging Face GPT-2 directory made by `transformers` (2 layers, width 64, 320 tokens).
  static let tinyGPT2 = repository.appendingPathComponent("Tests/Fixtures/huggingface/gpt2-tiny")

  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-\(UUID().uuidString)")
  let routes: LabRoutes

  init() throws {
    let site = folder.appendingPathComponent("site")
    try FileManager.default.createDirectory(at: site.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    try Data("<!DOCTYPE html><html><body><h1>Index</h1></body></html>\n".utf8).write(to: site.appendingPathComponent("index.html"))
    try Data("<!DOCTYPE html><html><body><main><h1>Training loop</h1></main></body></html>\n".utf8)
      .write(to: site.appendingPathComponent("lessons/training-loop.html"))
    try Data("body { color: black; }\n".utf8).write(to: site.appendingPathComponent("site.css"))
    try Data("secret\n".utf8).write(to: folder.appendingPathComponent("secret.txt"))
    try FileManager.default.createSymbolicLink(
      at: site.appendingPathComponent("link.html"), withDestinationURL: folder.appendingPathComponent("secret.txt"))
    let board = RunBoard(
      runsFolder: folder.appendingPathComponent("lab/runs"), workbench: Self.binary,
      pageArguments: ["--glossary", Self.repository.appendingPathComponent("glossary").path,
                      "--lessons", Self.repository.appendingPathComponent("lessons").path])
    routes = LabRoutes(
      site: site, board: board, workbench: Self.binary, hosts: LabRoutes.hosts(host: "127.0.0.1", port: 8080),
      texts: TextShelf(folder: folder.appendingPathComponent("lab/texts")),
      checkpoints: CheckpointShelf(outputRoot: folder.appendingPathComponent("output"), models: [Self.tinyGPT2]))
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// What a route answered.
  struct Answer {
    let status: Int
    let headers: HTTPHeaders
    let body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The `error` sentence of a refusal.
    var error: String? {
      (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? String
    }
    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
  }

  /// Sends `method path` with `body` and `headers` (Host is the lab's unless given).
  func send(_ method: String, _ path: String, body: String = "", headers: [String: String] = [:]) async throws -> Answer {
    try await send(method, path, bytes: Data(body.utf8), headers: headers)
  }

  /// Sends `method path?query` with the body `bytes` and `headers` (Host is the lab's unless given).
  func send(_ method: String, _ path: String, query: [String: String] = [:], bytes: Data, headers: [String: String] = [:]) async throws -> Answer {
    var all = HTTPHeaders()
    all[.host] = Self.host
    for (name, value) in headers { all[HTTPHeader(name)] = value }
    let request = HTTPRequest(
      method: HTTPMethod(method), version: .http11, path: path,
      query: query.sorted { $0.key < $1.key }.map { HTTPRequest.QueryItem(name: $0.key, value: $0.value) }, headers: all,
      body: HTTPBodySequence(data: bytes))
    let response = await routes.respond(request)
    let bytes = try await response.bodyData
    let chunked = response.headers[.contentType] == "text/event-stream"
    return Answer(status: response.statusCode.code, headers: response.headers, body: chunked ? Self.dechunk(bytes) : bytes)
  }

  /// The payload of an HTTP/1.1 chunked body (hex size, CRLF, bytes, CRLF; a zero size ends it).
  static func dechunk(_ data: Data) -> Data {
    var bytes = [UInt8](data)[...], out = Data()
    while let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\r")) {
      let size = Int(String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self), radix: 16) ?? 0
      let start = lineEnd + 2
      if size == 0 { break }
      out.append(contentsOf: bytes[start..<start + size])
      bytes = bytes[(start + size + 2)...]
    }
    return out
  }

  /// The events of an event stream: (id, type, data) in order.
  static func events(_ text: String) -> [(id: Int, type: String, data: [String: Any])] {
    text.components(separatedBy: "\n\n").compactMap { block in
      var id: Int?, type = "message", data = ""
      for line in block.split(separator: "\n") {
        if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) }
        if line.hasPrefix("event: ") { type = String(line.dropFirst(7)) }
        if line.hasPrefix("data: ") { data += line.dropFirst(6) }
      }
      guard let id, let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else { return nil }
      return (id, type, object)
    }
  }
}
