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
    (["run", "rag-vs-finetune", "--facts", "0"], "--facts must be at least 1, got 0."),
    (["run", "rag-vs-finetune", "--top-k", "0"], "--top-k must be at least 1, got 0."),
    (["run", "rag-vs-finetune", "--top-k", "121"], "--top-k must be between 1 and the 120 documents of the fact base, got 121."),
    (["run", "rag-vs-finetune", "--facts", "10", "--top-k", "11"], "--top-k must be between 1 and the 10 documents of the fact base, got 11."),
    (["run", "rag-vs-finetune", "--changed-fraction", "1.5"], "--changed-fraction must be a share above 0 and at most 1, got 1.5."),
    (["run", "rag-vs-finetune", "--changed-fraction", "nan"], "--changed-fraction must be a share above 0 and at most 1, got nan."),
    (["run", "backprop", "--facts", "10"], "Lesson 'backprop' does not take --facts"),
    (["run", "pretrain-finetune", "--top-k", "2"], "Lesson 'pretrain-finetune' does not take --top-k"),
  ])
  func refused(arguments: [String], message: String) throws {
    let refused = try #require(refusal(arguments), "\(arguments) was accepted")
    #expect(refused.message.contains(message), "got: \(refused.message)")
    #expect(refused.code == 64)
  }

  @Test("good values parse", arguments: [
    ["run", "training-loop", "--lr", "0.05", "--steps", "20", "--seed", "7", "--quick"],
    ["run", "backprop", "parameters", "--output", "/tmp/x"],
    ["run", "rag-vs-finetune", "--facts", "200", "--top-k", "3", "--changed-fraction", "0.5", "--quick"],
  ])
  func accepted(arguments: [String]) {
    #expect(refusal(arguments) == nil)
  }
}
