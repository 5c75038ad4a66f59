import ArgumentParser
import Foundation
import Lessons

/// `workbench run <id>…`: runs lessons and prints what they measured.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run one or more lessons and write their plots and metrics to output/<id>/.")

  @Argument(help: "Lesson ids (see `workbench lessons`).") var ids: [String]
  @OptionGroup var common: LessonOptions
  @Option(parsing: .unconditional, help: "Learning rate (training-loop, backprop, scaling).") var lr: Double?
  @Option(parsing: .unconditional, help: "Training steps (training-loop, backprop; DPO steps in preference-tuning).") var steps: Int?
  @Option(name: .customLong("pretrain-steps"), parsing: .unconditional, help: "Pre-training steps (pretrain-finetune).") var pretrainSteps: Int?
  @Option(name: .customLong("finetune-steps"), parsing: .unconditional, help: "Fine-tuning steps (pretrain-finetune).") var finetuneSteps: Int?
  @Option(name: .customLong("lora-rank"), parsing: .unconditional, help: "LoRA rank (pretrain-finetune).") var loraRank: Int?
  @Option(parsing: .unconditional, help: "DPO β (preference-tuning).") var beta: Double?
  @Option(parsing: .unconditional, help: "Facts in the fact base (rag-vs-finetune).") var facts: Int?
  @Option(name: .customLong("top-k"), parsing: .unconditional, help: "Documents retrieved per question (rag-vs-finetune).") var topK: Int?
  @Option(name: .customLong("changed-fraction"), parsing: .unconditional, help: "Share of the facts that change, in (0, 1] (rag-vs-finetune).") var changedFraction: Double?

  var parameters: LessonParameters {
    LessonParameters(learningRate: lr, steps: steps, pretrainSteps: pretrainSteps, finetuneSteps: finetuneSteps, loraRank: loraRank, beta: beta,
      facts: facts, topK: topK, changedFraction: changedFraction)
  }

  func validate() throws {
    if ids.isEmpty { throw ValidationError("Name at least one lesson; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).") }
    for id in ids where !LessonCatalog.ids.contains(id) {
      throw ValidationError("There is no lesson '\(id)'; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).")
    }
    if let lr, !(lr.isFinite && lr > 0) { throw ValidationError("--lr must be a positive finite number, got \(lr).") }
    for (flag, value) in [("--steps", steps), ("--pretrain-steps", pretrainSteps), ("--finetune-steps", finetuneSteps), ("--lora-rank", loraRank)] {
      if let value, value < 1 { throw ValidationError("\(flag) must be at least 1, got \(value).") }
    }
    if let beta, !(beta.isFinite && beta > 0) { throw ValidationError("--beta must be a positive finite number, got \(beta).") }
    for (flag, value) in [("--facts", facts), ("--top-k", topK)] {
      if let value, value < 1 { throw ValidationError("\(flag) must be at least 1, got \(value).") }
    }
    if let topK, topK >= 1, topK > (facts ?? RagVsFinetuneLesson.defaultFacts) {
      throw ValidationError("--top-k must be at most the \(facts ?? RagVsFinetuneLesson.defaultFacts) documents of the fact base, got \(topK).")
    }
    if let changedFraction, !(changedFraction.isFinite && changedFraction > 0 && changedFraction <= 1) {
      throw ValidationError("--changed-fraction must be a share above 0 and at most 1, got \(changedFraction).")
    }
    for id in ids {
      let lesson = try LessonCatalog.lesson(id)
      if let refused = parameters.given.subtracting(lesson.acceptedParameters).first {
        let accepted = lesson.acceptedParameters.map(\.flag).sorted().joined(separator: ", ")
        throw ValidationError("Lesson '\(id)' does not take \(refused.flag) (it takes: \(accepted.isEmpty ? "none" : accepted)).")
      }
    }
  }

  func run() throws {
    let failed = try LessonPrinter.runAndPrint(ids: ids, options: common, parameters: parameters)
    if failed > 0 { throw ExitCode(WorkbenchFailure.checkFailed) }
  }
}
