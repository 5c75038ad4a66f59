import Foundation
import WorkbenchFiles

/// What a measured figure shows and how it was made, for the pages that show it: kept beside the
/// PNG as a JSON file of the same name (`step-split.png` → `step-split.json`) by the command that
/// drew both, so a page quotes the run's own numbers, date and machine.
public struct FigureRecord: Sendable, Equatable {
  /// What the figure shows, with the numbers that matter, the date and the machine.
  public var caption: String
  /// Text that replaces the picture for people who cannot see it.
  public var alt: String
  /// The command that measured and drew it.
  public var command: String
  /// The day of the measurement (`2026-12-07`).
  public var measured: String
  /// The machine it was measured on.
  public var machine: String

  public init(caption: String, alt: String, command: String, measured: String, machine: String) {
    self.caption = caption
    self.alt = alt
    self.command = command
    self.measured = measured
    self.machine = machine
  }

  /// The record's file for the figure at `png`: the same path ending in `.json`.
  public static func url(besides png: URL) -> URL { png.deletingPathExtension().appendingPathExtension("json") }

  /// Writes the record beside the figure at `png`, atomically.
  public func write(besides png: URL) throws(FileWriteError) {
    let members: [(key: String, value: JSONValue)] = [
      ("measured", .string(measured)), ("machine", .string(machine)), ("command", .string(command)),
      ("caption", .string(caption)), ("alt", .string(alt)),
    ]
    try AtomicFile.write(Data((JSONWriter.document(.object(members)) + "\n").utf8), to: Self.url(besides: png))
  }

  /// Why a record cannot be read.
  public struct ReadError: Error, Equatable, CustomStringConvertible {
    /// The record's path.
    public let path: String
    /// What is wrong with it.
    public let reason: String
    public var description: String { "\(path) \(reason)" }

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// Reads the record beside the figure at `png`.
  /// - Throws: ``ReadError`` when it is missing, is not JSON, or lacks a text field.
  public static func read(besides png: URL) throws(ReadError) -> FigureRecord {
    let url = url(besides: png)
    guard let data = try? Data(contentsOf: url) else { throw ReadError(path: url.relativePath, reason: "is missing") }
    let value: JSONValue
    do { value = try JSONParser.parse(data) } catch { throw ReadError(path: url.relativePath, reason: "is not JSON (\(error))") }
    func text(_ key: String) throws(ReadError) -> String {
      guard let text = value[key]?.stringValue, !text.isEmpty else {
        throw ReadError(path: url.relativePath, reason: "has no text field \"\(key)\"")
      }
      return text
    }
    return FigureRecord(
      caption: try text("caption"), alt: try text("alt"), command: try text("command"), measured: try text("measured"),
      machine: try text("machine"))
  }
}
