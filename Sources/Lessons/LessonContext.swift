import Autograd
import Foundation
import WorkbenchFiles

/// Everything a lesson run needs from outside: its seed, its size, where to write, and
/// whom to tell about progress.
public struct LessonContext: Sendable {
  /// The seed of the run's one random generator.
  public let seed: UInt64
  /// Smaller sizes for tests (seconds in a debug build) instead of the full experiment.
  public let quick: Bool
  /// The folder this run writes into (a staging folder; the runner moves it to `output/<id>/`).
  public let directory: URL
  /// The folder holding every lesson's published output (`output/`), for reusing another
  /// lesson's artefacts such as the pre-trained checkpoint.
  public let outputRoot: URL
  /// Lesson-specific overrides.
  public let parameters: LessonParameters
  /// The exact command that reproduces this run.
  public let command: String
  /// Receives progress while the lesson trains.
  public let progress: any ProgressReporter

  public init(
    seed: UInt64, quick: Bool, directory: URL, outputRoot: URL, parameters: LessonParameters = .init(),
    command: String, progress: any ProgressReporter = SilentProgress()
  ) {
    (self.seed, self.quick, self.directory, self.outputRoot, self.parameters, self.command, self.progress) =
      (seed, quick, directory, outputRoot, parameters, command, progress)
  }

  /// A fresh generator for this run; lessons split it for independent sub-experiments.
  public func makeGenerator() -> SplitMix64 { SplitMix64(seed: seed) }

  /// The URL of a file this run writes.
  public func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
}

/// Receives progress from long-running lesson work (the CLI draws a bar or logs lines).
public protocol ProgressReporter: Sendable {
  /// Step `step` of `total` in the phase called `phase`, with the latest loss if any.
  func report(phase: String, step: Int, total: Int, loss: Double?)
  /// A phase finished; `summary` is one short line.
  func finish(phase: String, summary: String)
  /// A model of phase `phase` wrote `text` (its prompt included), after `step` training steps when
  /// the sample is one of a series taken during training (nil for a finished model's sample).
  func sampled(phase: String, step: Int?, text: String)
  /// A claim was checked (``RunResult/claim(_:_:detail:)``), as soon as it is.
  func checked(_ claim: Claim)
}

extension ProgressReporter {
  /// Samples are not shown.
  public func sampled(phase: String, step: Int?, text: String) {}
  /// Claims are shown with the result, not as they are checked.
  public func checked(_ claim: Claim) {}
}

/// Progress that goes nowhere (tests).
public struct SilentProgress: ProgressReporter {
  public init() {}
  public func report(phase: String, step: Int, total: Int, loss: Double?) {}
  public func finish(phase: String, summary: String) {}
}
