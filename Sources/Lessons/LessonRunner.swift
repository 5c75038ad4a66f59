import Foundation
import Training
import WorkbenchFiles

/// Runs lessons and publishes each run's files as `output/<id>/` in one step: the lesson
/// writes into a staging folder, and only a complete run replaces the previous output, so
/// a failed or interrupted run never loses what was there.
public struct LessonRunner: Sendable {
  /// The folder that holds every lesson's output (`output/`).
  public let outputRoot: URL

  public init(outputRoot: URL) { self.outputRoot = outputRoot }

  /// Runs `lesson` and publishes `metrics.json`, `history.csv`, `timings.json` and its plots; with
  /// `log` `.tensorboard`, also `history.csv`'s series as a TensorBoard event file.
  public func run(
    _ lesson: any Lesson, seed: UInt64, quick: Bool, parameters: LessonParameters = .init(),
    command: String, progress: any ProgressReporter = SilentProgress(), log: TrainingOptions.LogFormat? = nil
  ) throws -> RunResult {
    try parameters.check(for: lesson)
    try OutputFolder.prepare(outputRoot)
    let staging = TemporaryKind.staging.sibling(of: outputRoot.appendingPathComponent(lesson.id))
    try? FileManager.default.removeItem(at: staging)
    try OutputFolder.prepare(staging)
    do {
      let context = LessonContext(
        seed: seed, quick: quick, directory: staging, outputRoot: outputRoot, parameters: parameters,
        command: command, progress: progress)
      let result = try lesson.run(context)
      do { try RunFolder(staging).write(result) } catch let error as FileWriteError {
        throw LessonError.cannotCreateOutput(path: error.path, reason: error.reason)
      }
      if log == .tensorboard { try RunFolder(staging).writeTensorBoard(result.history) }
      try OutputFolder.publish(staging, as: outputRoot.appendingPathComponent(lesson.id))
      return result
    } catch {
      try? FileManager.default.removeItem(at: staging)
      throw error
    }
  }
}

/// File-system steps with errors a user can act on.
public enum OutputFolder {
  /// Makes sure `folder` is a writable folder (creating it and its parents if needed), without the
  /// temporaries of a killed run (``WritableFolder``).
  public static func prepare(_ folder: URL) throws {
    do { try WritableFolder.prepare(folder) } catch {
      throw LessonError.cannotCreateOutput(path: error.path, reason: error.reason)
    }
  }

  /// Writes `data` to `url` atomically (``AtomicFile``).
  public static func write(_ data: Data, to url: URL) throws {
    do {
      try AtomicFile.write(data, to: url)
    } catch {
      throw LessonError.cannotCreateOutput(path: url.path, reason: error.reason)
    }
  }

  /// Replaces `destination` by `staging` in one atomic exchange where the system has one (see
  /// ``FolderSwap``), then removes the old output.
  public static func publish(_ staging: URL, as destination: URL) throws {
    let aside = TemporaryKind.old.sibling(of: destination)
    let failure = FolderSwap.replace(destination, with: staging, aside: aside)
    guard failure == 0 else {
      throw LessonError.cannotCreateOutput(path: destination.path, reason: String(cString: strerror(failure)))
    }
  }
}
