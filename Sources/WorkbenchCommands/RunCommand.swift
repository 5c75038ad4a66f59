import ArgumentParser
import Foundation
import Lessons

/// `workbench run <id>…`: runs lessons and prints what they measured.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run one or more lessons and write their plots and metrics to output/<id>/.")

  @Argument(help: "Lesson ids (see `workbench lessons`).") var ids: [String]
  @OptionGroup var common: LessonOptions
  @Flag(help: "Print only progress and claims, as JSON lines (what `workbench serve` reads).") var events = false
  // The lesson options: names, help, ranges and the lessons that take each come from the table
  // `LessonParameter.all`; these lines only bind each to the parser.
  @Option(name: .customLong(LessonParameter.learningRate.name), parsing: .unconditional, help: .init(LessonParameter.learningRate.helpText))
  var lr: Double?
  @Option(name: .customLong(LessonParameter.steps.name), parsing: .unconditional, help: .init(LessonParameter.steps.helpText))
  var steps: Int?
  @Option(name: .customLong(LessonParameter.pretrainSteps.name), parsing: .unconditional, help: .init(LessonParameter.pretrainSteps.helpText))
  var pretrainSteps: Int?
  @Option(name: .customLong(LessonParameter.finetuneSteps.name), parsing: .unconditional, help: .init(LessonParameter.finetuneSteps.helpText))
  var finetuneSteps: Int?
  @Option(name: .customLong(LessonParameter.loraRank.name), parsing: .unconditional, help: .init(LessonParameter.loraRank.helpText))
  var loraRank: Int?
  @Option(name: .customLong(LessonParameter.beta.name), parsing: .unconditional, help: .init(LessonParameter.beta.helpText))
  var beta: Double?
  @Option(name: .customLong(LessonParameter.facts.name), parsing: .unconditional, help: .init(LessonParameter.facts.helpText))
  var facts: Int?
  @Option(name: .customLong(LessonParameter.topK.name), parsing: .unconditional, help: .init(LessonParameter.topK.helpText))
  var topK: Int?
  @Option(name: .customLong(LessonParameter.changedFraction.name), parsing: .unconditional, help: .init(LessonParameter.changedFraction.helpText))
  var changedFraction: Double?

  var parameters: LessonParameters {
    let given: [(LessonParameter, Double?)] = [
      (.learningRate, lr), (.steps, steps.map(Double.init)), (.pretrainSteps, pretrainSteps.map(Double.init)),
      (.finetuneSteps, finetuneSteps.map(Double.init)), (.loraRank, loraRank.map(Double.init)), (.beta, beta),
      (.facts, facts.map(Double.init)), (.topK, topK.map(Double.init)), (.changedFraction, changedFraction),
    ]
    return LessonParameters(Dictionary(uniqueKeysWithValues: given.compactMap { option, value in value.map { (option, $0) } }))
  }

  func validate() throws {
    if ids.isEmpty { throw ValidationError("Name at least one lesson; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).") }
    for id in ids where !LessonCatalog.ids.contains(id) {
      throw ValidationError("There is no lesson '\(id)'; valid ids are: \(LessonCatalog.ids.joined(separator: ", ")).")
    }
    // The same check the runner makes: the option table's ranges, then each lesson's own limits.
    for id in ids {
      do {
        try parameters.check(for: try LessonCatalog.lesson(id))
      } catch let error as LessonError {
        throw ValidationError(error.description)
      }
    }
  }

  func run() throws {
    let failed = try LessonPrinter.runAndPrint(ids: ids, options: common, parameters: parameters, events: events)
    if failed > 0 { throw ExitCode(WorkbenchFailure.checkFailed) }
  }
}
