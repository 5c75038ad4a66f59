import ArgumentParser
import Foundation
import Lessons

/// Options shared by `run` and `tour`.
struct LessonOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Seed of the run's random generator (a non-negative integer).") var seed: UInt64 = 1
  @Flag(help: "Smaller experiments that finish in seconds (used by the tests).") var quick = false
  @Option(help: "Folder for lesson outputs.") var output: String = "output"
  @Flag(help: "Print each lesson's result as JSON instead of text.") var json = false

  var outputURL: URL { URL(fileURLWithPath: output) }
}
