import ArgumentParser
import Foundation
@testable import Lessons
import Testing
import TrainingCost
@testable import WorkbenchCommands

/// `workbench cost knowledge` against the rag-vs-finetune lesson's business table for the lesson's inputs.
@Suite struct CostKnowledgeCommandTests {
  func output(_ arguments: [String]) throws -> String {
    let command = try Workbench.parseAsRoot(["cost", "knowledge"] + arguments)
    return try #require(command as? any CostReporting).renderedOutput()
  }

  /// The lesson's inputs: top-k 2 and 24 of its 120 facts (20%) changing, i.e. 2,000 of the 10,000 documents a month.
  static func lessonScenario() -> KnowledgeUpdateScenario {
    let facts = RagVsFinetuneLesson.defaultFacts
    let changed = max(1, Int((RagVsFinetuneLesson.defaultChangedFraction * Double(facts)).rounded()))
    return RagVsFinetuneReport.scenario(topK: RagVsFinetuneLesson.defaultTopK, changed: changed, facts: facts)
  }

  @Test func reproducesTheLessonsBusinessTable() throws {
    let scenario = Self.lessonScenario()
    #expect(scenario.changedShare == 0.2 && scenario.topK == 2)
    let prices = try RagVsFinetuneReport.pricing(scenario)
    let lesson = RagVsFinetuneReport.pricingTable(prices, scenario: scenario)
    let arguments = ["--top-k", "2", "--fact-updates", "2000"]
    // Text: every row of the lesson's table (its basis column aside) is a row of the command's table, cell for cell.
    let lines = try output(arguments).split(separator: "\n").map(String.init)
    #expect(lesson.columns.dropLast() == ["option", "up-front", "per update", "FLOPs per question", "per month", "first year"])
    for row in lesson.rows {
      let cells = Array(row.dropLast())
      let line = try #require(lines.first { $0.hasPrefix(cells[0] + "  ") }, "\(cells[0])")
      #expect(line.split(separator: " ").filter { !$0.isEmpty }.suffix(5).map(String.init) == Array(cells.suffix(5)))
    }
    // JSON: the numbers themselves, and the first year is up-front + 12 × per month.
    let json = try output(arguments + ["--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let rows = try #require(object["knowledge"] as? [[String: Any]])
    #expect(rows.map { $0["option"] as? String } == prices.map(\.name))
    // (The JSON writer keeps 15 significant digits.)
    func close(_ value: Any?, _ expected: Double) -> Bool {
      guard let value = value as? Double else { return false }
      return abs(value - expected) <= 1e-12 * max(1, abs(expected))
    }
    for (row, price) in zip(rows, prices) {
      #expect(close(row["up_front_usd"], price.upFrontDollars))
      #expect(close(row["per_month_usd"], price.monthlyDollars))
      #expect(close(row["horizon_usd"], price.upFrontDollars + 12 * price.monthlyDollars))
    }
    let breakEven = try #require(object["break_even"] as? [[String: Any]])
    let rag = prices[1], lora = prices[3]
    let volume = try #require(KnowledgeUpdateCost.breakEvenQuestionsPerMonth(rag: rag, fineTuned: lora, scenario: scenario))
    #expect(close(breakEven.last?["questions_per_month"], volume))
    // CSV: one header line, then one line per option.
    let csv = try output(arguments + ["--csv"]).split(separator: "\n")
    #expect(csv.first == "option,up_front_usd,per_update_usd,flops_per_question,per_month_usd,horizon_usd")
  }

  @Test func monthsSetTheHorizon() throws {
    let text = try output(["--months", "6"])
    #expect(text.contains("first 6 months"))
  }

  @Test(arguments: [
    (["--fact-updates", "20000"], "--fact-updates must be above 0 and at most the 10000 documents, got '20000'."),
    (["--months", "0"], "--months must be between 1 and 1200, got '0'."),
  ])
  func badInputExits64(arguments: [String], message: String) {
    do {
      _ = try Workbench.parseAsRoot(["cost", "knowledge"] + arguments)
      Issue.record("expected \(arguments) to be rejected")
    } catch {
      #expect(Workbench.exitCode(for: error).rawValue == 64)
      #expect(Workbench.message(for: error) == message)
    }
  }
}
