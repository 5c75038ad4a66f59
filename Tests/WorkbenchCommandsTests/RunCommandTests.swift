import ArgumentParser
import Foundation
import Testing
@testable import WorkbenchCommands

/// `workbench run …` refuses bad input with one sentence and the usage exit code (64) before anything runs.
@Suite struct RunCommandTests {
  /// The message and exit code ArgumentParser would print for `arguments`, or nil if they parse and validate.
  func refusal(_ arguments: [String]) -> (message: String, code: Int32)? {
    do {
      _ = try Workbench.parseAsRoot(arguments)
      return nil
    } catch {
      return (Workbench.message(for: error), Workbench.exitCode(for: error).rawValue)
    }
  }

  @Test("bad values are refused with a sentence naming the flag", arguments: [
    (["run", "nosuch"], "There is no lesson 'nosuch'; valid ids are: training-loop, backprop, parameters"),
    (["run", "training-loop", "--lr", "-1"], "--lr must be a positive finite number, got -1.0."),
    (["run", "training-loop", "--lr", "nan"], "--lr must be a positive finite number, got nan."),
    (["run", "training-loop", "--lr", "inf"], "--lr must be a positive finite number, got inf."),
    (["run", "training-loop", "--steps", "0"], "--steps must be at least 1, got 0."),
    (["run", "training-loop", "--steps", "-3"], "--steps must be at least 1, got -3."),
    (["run", "training-loop", "--seed", "abc"], "The value 'abc' is invalid for '--seed <seed>'"),
    (["run", "training-loop", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
    (["run", "parameters", "--lr", "0.1"], "Lesson 'parameters' does not take --lr (it takes: none)."),
    (["run", "backprop", "--beta", "0.1"], "Lesson 'backprop' does not take --beta"),
  ])
  func refused(arguments: [String], message: String) throws {
    let refused = try #require(refusal(arguments), "\(arguments) was accepted")
    #expect(refused.message.contains(message), "got: \(refused.message)")
    #expect(refused.code == 64)
  }

  @Test("good values parse", arguments: [
    ["run", "training-loop", "--lr", "0.05", "--steps", "20", "--seed", "7", "--quick"],
    ["run", "backprop", "parameters", "--output", "/tmp/x"],
  ])
  func accepted(arguments: [String]) {
    #expect(refusal(arguments) == nil)
  }
}
