import Foundation
import WorkbenchFiles

/// What a lab run performs: a lesson (a child `workbench run … --events`) or training on an uploaded
/// text (a child `workbench train … --events`, which can be stopped and resumed).
public enum RunRequest: Sendable, Equatable {
  case lesson(RunSettings)
  case text(TextRunSettings)

  /// The folder, inside a text run's folder, that `workbench train` writes (checkpoint, state, history).
  public static let modelFolder = "model"

  /// The settings as saved in the run's `settings.json` (a lesson run's carry no `kind`).
  public var json: JSONValue {
    switch self {
    case .lesson(let settings): settings.json
    case .text(let settings): settings.json
    }
  }

  /// Reads a run's `settings.json` back; nil when it is neither kind.
  public static func saved(_ value: JSONValue) -> RunRequest? {
    if value["kind"] != nil { return TextRunSettings.saved(value).map(RunRequest.text) }
    return (try? RunSettings.parse(value)).map(RunRequest.lesson)
  }

  /// The child's arguments for a run kept in `folder`.
  public func arguments(folder: URL) -> [String] {
    switch self {
    case .lesson(let settings): settings.runArguments(output: folder.path)
    case .text(let settings): settings.trainArguments(output: folder.appendingPathComponent(Self.modelFolder).path)
    }
  }

  /// The arguments that continue the stopped text run kept in `folder`.
  static func resumeArguments(folder: URL) -> [String] {
    ["train", "--resume", folder.appendingPathComponent(modelFolder).path, "--events"]
  }

  /// What the run does, for sentences: the lesson's id, or "training on <file name>".
  public var label: String {
    switch self {
    case .lesson(let settings): settings.lesson
    case .text(let settings): "training on \(settings.name)"
    }
  }

  /// Whether the child prints its first event only once its settings and input passed its checks
  /// (`train`), so that a child ending before it was refusing them.
  var checksBeforeFirstEvent: Bool {
    if case .text = self { return true }
    return false
  }
}
