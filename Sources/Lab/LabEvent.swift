import WorkbenchFiles

/// One Server-Sent Event of a lab run: its number in the run (1, 2, …; the `id:` a reconnecting
/// page sends back as `Last-Event-ID`), its type (a lesson's `progress`, `phase`, `sample`, `claim`;
/// training's `start`, `progress`, `evaluation`, `sample`, `saved`, `stopped`, `finished`; the lab's
/// `end`) and its data, one JSON object.
public struct LabEvent: Sendable, Equatable {
  public let id: Int
  public let type: String
  public let data: String

  public init(id: Int, type: String, data: String) { (self.id, self.type, self.data) = (id, type, data) }

  /// The event as written on the stream: `id:`, `event:` and `data:` lines and a blank line.
  public var wireFormat: String { "id: \(id)\nevent: \(type)\ndata: \(data)\n\n" }

  /// The event as one line of a run's `events.jsonl`.
  public var jsonLine: String {
    JSONWriter.document(.object([("id", .number("\(id)")), ("type", .string(type)), ("data", .string(data))]), inlineDepth: 0) + "\n"
  }

  /// Reads one line of `events.jsonl`; nil when the line is not one.
  public static func parse(line: String) -> LabEvent? {
    guard let value = try? JSONParser.parse(Array(line.utf8)), let id = value["id"]?.nonNegativeInteger,
      let type = value["type"]?.stringValue, let data = value["data"]?.stringValue
    else { return nil }
    return LabEvent(id: id, type: type, data: data)
  }
}
