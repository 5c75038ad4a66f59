import ArgumentParser
import Foundation
import Lessons
import Training

/// Options shared by `run` and `tour`.
struct LessonOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Seed of the run's random generator (a non-negative integer).") var seed: UInt64 = 1
  @Flag(help: "Smaller experiments that finish in seconds (used by the tests).") var quick = false
  @Option(help: "Folder for lesson outputs.") var output: String = "output"
  @Flag(help: "Print each lesson's result as JSON instead of text.") var json = false
  @Option(help: "Where to log besides history.csv: csv (nowhere else, the default) or tensorboard (also an event file of the same series).")
  var log: String?

  var outputURL: URL { URL(fileURLWithPath: output) }

  /// The format `--log` names (nil when not given).
  var logFormat: TrainingOptions.LogFormat? { log.flatMap(TrainingOptions.LogFormat.init(rawValue:)) }

  func validate() throws {
    if let log, TrainingOptions.LogFormat(rawValue: log) == nil {
      throw ValidationError("--log must be csv or tensorboard, got '\(log)'.")
    }
  }

  /// The command that reruns lesson `id` with these options and `parameters`.
  func reproduceCommand(_ id: String, parameters: LessonParameters) -> String {
    Self.reproduceCommand(id, seed: seed, quick: quick, parameters: parameters)
  }

  /// The command that reruns lesson `id` with `seed`, `quick` and `parameters`.
  static func reproduceCommand(_ id: String, seed: UInt64, quick: Bool, parameters: LessonParameters = .init()) -> String {
    (["workbench", "run", id, "--seed", "\(seed)"] + (quick ? ["--quick"] : []) + parameters.flags).joined(separator: " ")
  }
}
