import Foundation
import Lessons
import Training
import WorkbenchFiles

/// The models a learner can generate from: the lessons' checkpoints in the output folder
/// (`<output>/<lesson>/*.safetensors`), those of the lab's runs (``RunBoard/checkpoints()``), and
/// the models named with `workbench serve --model` (a Hugging Face GPT-2 directory or a checkpoint).
/// A request names a model by the id of this list, never by a path.
public struct CheckpointShelf: Sendable {
  /// One model to generate from: its id (`lesson:<id>/<file>`, `run:<n>/<path>`, `model:<k>`), what
  /// the page shows, and where it is.
  public struct Choice: Sendable, Equatable {
    public let id: String
    public let label: String
    public let path: URL

    /// `{"id": …, "label": …}`.
    public var json: JSONValue { .object([("id", .string(id)), ("label", .string(label))]) }
  }

  /// The checkpoint a training run writes.
  public static let checkpointFile = TrainingRun.checkpointFileName
  /// `.safetensors` files that hold no model to generate from: a run's state, LoRA adapters alone.
  static let notModels: Set<String> = [TrainingState.fileName, TrainingRun.adapterFileName]

  /// The folder of the lessons' outputs (`output/`).
  public let outputRoot: URL
  /// The models given on the command line, in order.
  public let models: [URL]

  public init(outputRoot: URL, models: [URL] = []) {
    self.outputRoot = outputRoot
    self.models = models
  }

  /// The command line's models, then every lesson's checkpoints, lessons in catalogue order.
  public func choices() -> [Choice] {
    let given = models.enumerated().map { index, url in
      let kind = Self.isDirectory(url) ? "Hugging Face GPT-2 directory" : "checkpoint"
      return Choice(id: "model:\(index + 1)", label: "\(url.lastPathComponent) (\(kind) given to workbench serve --model)", path: url)
    }
    let lessons = LessonCatalog.ids.flatMap { lesson in
      Self.models(in: outputRoot.appendingPathComponent(lesson)).map { name in
        Choice(
          id: "lesson:\(lesson)/\(name)", label: "\(lesson) lesson: \(name)",
          path: outputRoot.appendingPathComponent(lesson).appendingPathComponent(name))
      }
    }
    return given + lessons
  }

  /// The names of the model checkpoints directly in `folder` (regular `.safetensors` files, not
  /// links, not a state or adapters), sorted.
  static func models(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { name in
      guard name.hasSuffix(".safetensors"), !name.hasPrefix("."), !notModels.contains(name) else { return false }
      return (try? LabFiles.file(name, in: folder)) != nil
    }.sorted()
  }

  static func isDirectory(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
